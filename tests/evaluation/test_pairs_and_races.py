"""Double submissions and races end in one row or a German field error, never a 500; a
pre/post pair never crosses municipalities."""

import datetime as dt
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone

from evaluation import answering, services
from evaluation.models import Phase, Response, TargetKind, UsedNonce
from evaluation.selectors import post_survey_of
from evaluation.views.results import survey_results_data
from tests.evaluation import helpers


def _open(version, **fields):
    now = timezone.now()
    return services.survey_open(
        version=version,
        title="Nachher",
        phase=Phase.POST,
        target_kind=TargetKind.MUNICIPALITY,
        opens_at=now,
        closes_at=now + dt.timedelta(days=1),
        **fields,
    )


def test_same_nonce_twice_stores_one_response(version):
    survey = helpers.survey(version)
    values = {helpers.item(version, "klar").pk: 4}
    first = answering.response_submit(survey=survey, values=values, nonce="seite-1")
    second = answering.response_submit(survey=survey, values=values, nonce="seite-1")
    assert (first is not None, second) == (True, None)
    assert Response.objects.count() == 1


def test_used_nonce_is_stored_as_a_digest_only(version):
    survey = helpers.survey(version)
    answering.response_submit(survey=survey, values={}, nonce="seite-1")
    assert list(UsedNonce.objects.values_list("digest", flat=True)) == [
        answering.nonce_digest("seite-1")
    ]


def test_survey_open_refuses_a_pair_across_municipalities(version, muni_a, muni_b):
    pre = helpers.survey(version, phase=Phase.PRE, municipality=muni_a)
    with pytest.raises(ValidationError) as error:
        _open(version, pair_with=pre, municipality=muni_b)
    assert error.value.message_dict == {
        "pair_with": ["Vorher- und Nachher-Befragung müssen zur selben Kommune gehören."]
    }


def test_survey_open_pairs_within_one_municipality(version, muni_a):
    pre = helpers.survey(version, phase=Phase.PRE, municipality=muni_a)
    assert _open(version, pair_with=pre, municipality=muni_a).pair_with == pre


def test_post_survey_of_another_municipality_is_not_the_pair(version, muni_a, muni_b):
    pre = helpers.survey(version, phase=Phase.PRE, municipality=muni_a)
    helpers.survey(version, phase=Phase.POST, pair_with=pre, municipality=muni_b)
    assert post_survey_of(survey=pre) is None


def test_pair_across_municipalities_shows_no_comparison_to_the_coordinator(
    version, muni_a, muni_b, coordinator_a
):
    # Created directly, as if from before pairs across municipalities were refused.
    pre_b = helpers.closed_survey(version, phase=Phase.PRE, municipality=muni_b)
    post_a = helpers.closed_survey(version, phase=Phase.POST, pair_with=pre_b, municipality=muni_a)
    codes = [f"code{n}" for n in range(5)]
    helpers.answer(pre_b, 5, klar=2, codes=codes)
    helpers.answer(post_a, 5, klar=4, codes=codes)
    results = survey_results_data(survey=post_a, with_texts=False, user=coordinator_a)
    # Only the coordinator's own survey remains: no figure of the other municipality.
    assert {(row.pre_mean, row.pairs) for row in results.comparison} == {(None, None)}


def test_instrument_create_race_gives_a_field_error(db):
    services.instrument_create(code="gleich", title="Eins", actor=None)
    # As if a concurrent request took the code after the check.
    with (
        mock.patch.object(QuerySet, "exists", return_value=False),
        pytest.raises(ValidationError) as error,
    ):
        services.instrument_create(code="gleich", title="Zwei", actor=None)
    assert error.value.message_dict == {"code": ["Dieses Kurzzeichen ist bereits vergeben."]}


def test_survey_open_pair_race_gives_a_field_error(version, muni_a):
    pre = helpers.survey(version, phase=Phase.PRE, municipality=muni_a)
    _open(version, pair_with=pre, municipality=muni_a)
    with (
        mock.patch.object(QuerySet, "exists", return_value=False),
        pytest.raises(ValidationError) as error,
    ):
        _open(version, pair_with=pre, municipality=muni_a)
    assert error.value.message_dict == {
        "pair_with": ["Zu dieser Vorher-Befragung gibt es schon eine Nachher-Befragung."]
    }
