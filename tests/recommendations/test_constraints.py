"""What the database itself holds to: a row for every field of action and department
(created by the migrations), and one draft per document."""

import pytest
from django.db import IntegrityError, transaction

from recommendations.models import Department, FieldOfAction, Version
from tests.recommendations.helpers import document_with_draft, office_user

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


def test_a_document_holds_one_draft_at_a_time_in_the_database():
    draft = document_with_draft(actor=office_user(), recommendations=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        Version.objects.create(document=draft.document, sequence=2, label="Entwurf 2")
    assert Version.objects.filter(document=draft.document).count() == 1
