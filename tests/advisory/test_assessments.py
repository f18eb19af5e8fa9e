"""The board's yearly written assessment."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from advisory import services
from advisory.models import Assessment
from tests.helpers import login_verified

pytestmark = pytest.mark.django_db


def draft(cohort, board, text="Entwurf", year=None, **kwargs):
    return services.assessment_save_draft(
        board=board, year=year or cohort.years[0], actor=cohort.advisory, text=text, **kwargs
    )


def submit(cohort, board, text="Endfassung", year=None, **kwargs):
    return services.assessment_submit(
        board=board, year=year or cohort.years[0], actor=cohort.advisory, text=text, **kwargs
    )


def test_assessment_draft_is_saved_without_submission(cohort, board):
    assessment = draft(cohort, board, text="Erste Gedanken")
    assert (assessment.text, assessment.submitted_at) == ("Erste Gedanken", None)


def test_assessment_is_one_per_year_however_often_it_is_saved(cohort, board):
    draft(cohort, board, text="Eins")
    draft(cohort, board, text="Zwei")
    submit(cohort, board, text="Drei")
    assert list(Assessment.objects.values_list("text", flat=True)) == ["Drei"]


def test_assessment_submit_sets_the_submission_time(cohort, board):
    assessment = submit(cohort, board)
    assert assessment.submitted_at is not None
    assert assessment.author == cohort.advisory


def test_assessment_submitted_is_read_only(cohort, board):
    submit(cohort, board, text="Endfassung")
    with pytest.raises(ValidationError) as error:
        draft(cohort, board, text="Nachträglich geändert")
    assert error.value.code == "submitted"
    assert Assessment.objects.get().text == "Endfassung"


def test_assessment_submitted_twice_with_the_same_text_is_harmless(cohort, board):
    first = submit(cohort, board, text="Endfassung")
    second = submit(cohort, board, text="Endfassung")
    assert second.submitted_at == first.submitted_at


def test_assessment_for_a_year_not_begun_is_refused(cohort, board):
    with pytest.raises(ValidationError, match="ist ab dessen Beginn möglich"):
        draft(cohort, board, year=cohort.years[1])
    assert Assessment.objects.count() == 0


def test_assessment_without_text_is_refused_at_the_field(cohort, board):
    with pytest.raises(ValidationError) as error:
        submit(cohort, board, text="   ")
    assert list(error.value.error_dict) == ["text"]


def test_assessment_changed_in_between_by_another_member_is_not_overwritten(cohort, board):
    opened = services.assessment_version(None)
    draft(cohort, board, text="Fassung A", version=opened)
    with pytest.raises(ValidationError) as error:
        draft(cohort, board, text="Fassung B", version=opened)
    assert error.value.code == "conflict"
    assert Assessment.objects.get().text == "Fassung A"


def test_coordinator_cannot_write_the_assessment(cohort, board):
    with pytest.raises(PermissionDenied):
        services.assessment_save_draft(
            board=board, year=cohort.years[0], actor=cohort.coordinator, text="Von der Kommune"
        )


def test_coordinator_posting_an_assessment_gets_403(client, cohort, board):
    login_verified(client, cohort.coordinator)
    response = client.post(
        reverse("advisory:assessment", args=[1]), {"text": "Von der Kommune", "action": "draft"}
    )
    assert response.status_code == 403
    assert Assessment.objects.count() == 0


def test_coordinator_reads_the_submitted_assessment(client, cohort, board):
    submit(cohort, board, text="Der Prozess kommt gut voran.")
    login_verified(client, cohort.coordinator)
    response = client.get(reverse("advisory:assessment", args=[1]))
    assert "Der Prozess kommt gut voran." in response.content.decode()
    assert response.context["form"] is None


def test_coordinator_does_not_read_a_draft(client, cohort, board):
    draft(cohort, board, text="Noch unfertige Gedanken")
    login_verified(client, cohort.coordinator)
    response = client.get(reverse("advisory:assessment", args=[1]))
    assert "Noch unfertige Gedanken" not in response.content.decode()


def test_assessment_draft_survives_a_reload(client, cohort, board):
    login_verified(client, cohort.advisory)
    url = reverse("advisory:assessment", args=[1])
    response = client.post(url, {"text": "Mein Entwurf", "action": "draft", "version": ""})
    assert response["Location"] == url
    form = client.get(url).context["form"]
    assert form["text"].value() == "Mein Entwurf"


def test_assessment_submitted_through_the_page_shows_the_date_and_no_form(client, cohort, board):
    login_verified(client, cohort.advisory)
    url = reverse("advisory:assessment", args=[1])
    client.post(url, {"text": "Endfassung", "action": "submit", "version": ""})
    response = client.get(url)
    assert response.context["form"] is None
    assert "Eingereicht am" in response.content.decode()


def test_assessment_page_of_a_year_the_call_lacks_answers_404(client, cohort, board):
    login_verified(client, cohort.advisory)
    assert client.get(reverse("advisory:assessment", args=[4])).status_code == 404


def test_assessment_of_another_municipality_is_never_shown(client, cohort, board, other_board):
    submit(cohort, board, text="Nur für Aachen")
    login_verified(client, cohort.other_advisory)
    response = client.get(reverse("advisory:assessment", args=[1]))
    assert response.context["assessment"] is None
    assert "Nur für Aachen" not in response.content.decode()


def editable(cohort, board, actor, year=None):
    year = year or cohort.years[0]
    current = Assessment.objects.filter(board=board, year=year).first()
    return services.assessment_editable(board=board, year=year, assessment=current, actor=actor)


def test_assessment_editable_for_a_board_member_in_a_begun_year(cohort, board):
    assert editable(cohort, board, cohort.advisory) is True


def test_assessment_editable_still_after_a_draft(cohort, board):
    draft(cohort, board)

    assert editable(cohort, board, cohort.advisory) is True


def test_assessment_not_editable_once_submitted(cohort, board):
    submit(cohort, board)

    assert editable(cohort, board, cohort.advisory) is False


def test_assessment_not_editable_before_the_year_begins(cohort, board):
    assert editable(cohort, board, cohort.advisory, year=cohort.years[1]) is False


def test_assessment_not_editable_for_the_coordinator(cohort, board):
    assert editable(cohort, board, cohort.coordinator) is False


def test_assessment_write_submits_only_when_asked(cohort, board):
    year = cohort.years[0]

    drafted = services.assessment_write(
        board=board, year=year, actor=cohort.advisory, text="Entwurf", submit=False
    )
    submitted = services.assessment_write(
        board=board, year=year, actor=cohort.advisory, text="Endfassung", submit=True
    )

    assert drafted.submitted_at is None
    assert (submitted.pk, submitted.submitted_at is None) == (drafted.pk, False)
