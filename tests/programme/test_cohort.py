import pytest

from programme.cohort import cohort_municipalities, programme_call_for_municipality
from tests import factories
from tests.programme_helpers import model_cohort

pytestmark = pytest.mark.django_db


def test_cohort_lists_selected_municipalities_of_a_released_decision():
    a, b, c = factories.MunicipalityFactory.create_batch(3)
    call = model_cohort([a, b])
    assert list(cohort_municipalities(call=call)) == sorted([a, b], key=lambda m: (m.name, m.pk))
    assert programme_call_for_municipality(municipality_id=a.pk) == call
    assert programme_call_for_municipality(municipality_id=c.pk) is None


def test_cohort_is_empty_before_the_release():
    a = factories.MunicipalityFactory()
    call = model_cohort([a], released=False)
    assert list(cohort_municipalities(call=call)) == []
    assert programme_call_for_municipality(municipality_id=a.pk) is None
