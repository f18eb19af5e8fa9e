"""The fields of action and departments are rows the migrations create, one per choice."""

import pytest

from recommendations.models import Department, FieldOfAction

pytestmark = pytest.mark.django_db


def test_every_field_of_action_choice_has_its_row():
    assert sorted(FieldOfAction.objects.values_list("code", flat=True)) == sorted(
        FieldOfAction.Code.values
    )


def test_every_department_choice_has_its_row():
    assert sorted(Department.objects.values_list("code", flat=True)) == sorted(
        Department.Code.values
    )


def test_department_reads_as_its_german_label():
    assert str(Department.objects.get(code="auslaenderbehoerde")) == "Ausländerbehörde"
