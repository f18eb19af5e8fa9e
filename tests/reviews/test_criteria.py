from django.urls import reverse

from core.models import AuditEntry
from reviews.criteria import DEFAULT_CRITERIA
from reviews.demo import ensure_demo_criteria
from reviews.models import Criterion, Score
from tests import factories
from tests.reviews.conftest import (
    add_criteria,
    assign,
    make_reviewer,
    mark_eligible,
    submit_application,
    submit_review,
)


def keys(call) -> list[str]:
    return list(Criterion.objects.filter(call=call).values_list("key", flat=True))


def test_office_adds_a_criterion_with_a_key_made_from_the_label(call, office_client):
    response = office_client.post(
        reverse("reviews:criterion_create", args=[call.pk]),
        {"label_de": "Umsetzungsfähigkeit", "label_en": "Capacity", "help_de": "", "help_en": ""},
    )

    assert response.status_code == 302
    criterion = Criterion.objects.get(call=call)
    assert (criterion.key, criterion.label_de, criterion.position) == (
        "umsetzungsfaehigkeit",
        "Umsetzungsfähigkeit",
        1,
    )
    assert AuditEntry.objects.filter(action="reviews.criterion_created").count() == 1


def test_criterion_needs_a_label_and_a_unique_key(call, office_client):
    add_criteria(call, "motivation")
    url = reverse("reviews:criterion_create", args=[call.pk])

    no_label = office_client.post(url, {"label_de": ""})
    taken = office_client.post(url, {"label_de": "Motivation", "key": "motivation"})

    assert no_label.context["form"].errors == {"label_de": ["Bitte geben Sie eine Bezeichnung an."]}
    assert taken.context["form"].errors == {
        "key": ["Diesen Schlüssel hat schon ein anderes Kriterium."]
    }


def test_office_edits_the_wording_but_not_the_key(call, office_client):
    (criterion,) = add_criteria(call, "motivation")

    office_client.post(
        reverse("reviews:criterion_edit", args=[call.pk, criterion.pk]),
        {"label_de": "Motivation und Ziele", "key": "anders", "help_de": "Warum?"},
    )

    criterion.refresh_from_db()
    assert (criterion.key, criterion.label_de, criterion.help_de) == (
        "motivation",
        "Motivation und Ziele",
        "Warum?",
    )


def test_office_moves_a_criterion(call, office_client):
    first, second, third = add_criteria(call, "a", "b", "c")

    office_client.post(
        reverse("reviews:criterion_move", args=[call.pk, third.pk]), {"direction": "up"}
    )

    assert keys(call) == ["a", "c", "b"]


def test_office_deletes_a_criterion_and_the_draft_scores_for_it(call, office_client):
    keep, drop = add_criteria(call, "keep", "drop")
    application = submit_application(call)
    mark_eligible(application)
    draft = assign(application, make_reviewer())
    Score.objects.create(assignment=draft, criterion=drop, score=2)

    response = office_client.post(reverse("reviews:criterion_delete", args=[call.pk, drop.pk]))

    assert response.status_code == 302
    assert keys(call) == ["keep"]
    assert not Score.objects.exists()


def test_criteria_cannot_be_deleted_once_a_review_is_submitted(call, office_client):
    (criterion,) = add_criteria(call, "a")
    application = submit_application(call)
    mark_eligible(application)
    submit_review(assign(application, make_reviewer()), {"a": 3})

    response = office_client.post(reverse("reviews:criterion_delete", args=[call.pk, criterion.pk]))

    assert response.status_code == 200
    assert response.context["error"] == (
        "Es wurden schon Gutachten abgegeben; Kriterien können nicht mehr gelöscht werden."
    )
    assert keys(call) == ["a"]


def test_criteria_of_another_call_are_not_found(call, office_client):
    (foreign,) = add_criteria(factories.CallFactory(), "a")

    response = office_client.get(reverse("reviews:criterion_edit", args=[call.pk, foreign.pk]))

    assert response.status_code == 404


def test_defaults_are_offered_to_a_call_without_criteria(call, office_client):
    office_client.post(reverse("reviews:criteria_defaults", args=[call.pk]))
    office_client.post(reverse("reviews:criteria_defaults", args=[call.pk]))

    assert keys(call) == [c["key"] for c in DEFAULT_CRITERIA]


def test_demo_criteria_are_the_five_of_the_call(call):
    criteria = ensure_demo_criteria(call)

    assert [c.label_de for c in criteria] == [
        "Politischer Rückhalt",
        "Vorhandene Strukturen",
        "Bedarf und Mehrwert",
        "Umsetzungsfähigkeit",
        "Motivation",
    ]
    assert ensure_demo_criteria(call) == criteria


def test_criteria_page_lists_them_in_order(call, office_client):
    add_criteria(call, "zweites", "erstes")

    response = office_client.get(reverse("reviews:criteria", args=[call.pk]))

    assert [c.key for c in response.context["criteria"]] == ["zweites", "erstes"]
    assert response.context["locked"] is False
