import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.models import AuditEntry
from municipalities.models import Municipality
from reviews.checks import screening_checks
from reviews.models import Screening
from reviews.selectors import eligible_application_ids
from reviews.services import screening_decide
from tests import factories
from tests.reviews.conftest import COMPLETE_ANSWERS, mark_eligible, submit_application


def checks_of(application):
    return screening_checks(applications=[application])[application.pk]


def test_checks_all_hold_for_a_complete_application(call):
    application = submit_application(call)

    checks = checks_of(application)

    assert checks.as_dict() == {
        "complete": True,
        "backing": True,
        "obligations": True,
        "eligible_kind": True,
    }
    assert checks.passed is True


def test_checks_missing_required_answer_makes_it_incomplete(call):
    answers = {k: v for k, v in COMPLETE_ANSWERS.items() if k != "motivation"}
    application = submit_application(call, answers=answers)

    checks = checks_of(application)

    assert checks.complete is False
    assert checks.open_questions == ["Ihre Motivation"]
    assert checks.failed == ["Vollständig"]


@pytest.mark.parametrize(("answer", "expected"), [("ja", True), ("geplant", True), ("nein", False)])
def test_checks_backing_follows_the_council_decision_answer(call, answer, expected):
    application = submit_application(call, answers={**COMPLETE_ANSWERS, "ratsbeschluss": answer})

    assert checks_of(application).backing is expected


def test_checks_backing_is_ticked_by_hand_without_a_council_question(db):
    call = factories.CallFactory()
    factories.QuestionFactory(
        section=factories.SectionFactory(version__call=call), key="motivation"
    )
    application = submit_application(call, answers={"motivation": "Gern."})

    before = checks_of(application)
    screening_decide(
        application=application,
        status=Screening.Status.ELIGIBLE,
        backing_confirmed=True,
        actor=factories.UserFactory(role="office"),
    )
    application.refresh_from_db()
    after = screening_checks(applications=[application])[application.pk]

    assert (before.backing_manual, before.backing) == (True, False)
    assert (after.backing_manual, after.backing) == (True, True)


def test_checks_commitment_answered_no_is_not_accepted(call):
    application = submit_application(
        call, answers={**COMPLETE_ANSWERS, "verpflichtung_laufzeit": "no"}
    )

    checks = checks_of(application)

    assert checks.obligations is False
    assert checks.complete is False  # the required answer "yes" is missing too


def test_checks_kind_that_may_not_apply_fails(call):
    uninhabited = factories.MunicipalityFactory(kind=Municipality.Kind.GEMEINDEFREI_UNBEWOHNT)
    application = submit_application(call, municipality=uninhabited)

    assert checks_of(application).eligible_kind is False


def test_screening_not_eligible_needs_a_reason(call, office_user):
    application = submit_application(call)

    with pytest.raises(ValidationError) as error:
        screening_decide(
            application=application, status=Screening.Status.NOT_ELIGIBLE, actor=office_user
        )

    assert error.value.message_dict == {
        "reason": ["Bitte begründen Sie, warum die Bewerbung nicht geeignet ist."]
    }
    assert not Screening.objects.exists()


def test_screening_eligible_despite_a_failed_check_needs_a_reason(call, office_user):
    application = submit_application(call, answers={**COMPLETE_ANSWERS, "ratsbeschluss": "nein"})

    with pytest.raises(ValidationError) as error:
        screening_decide(
            application=application, status=Screening.Status.ELIGIBLE, actor=office_user
        )
    screening_decide(
        application=application,
        status=Screening.Status.ELIGIBLE,
        reason="Absichtserklärung liegt vor.",
        actor=office_user,
    )

    assert error.value.message_dict["reason"] == [
        "Nicht erfüllt: Politischer Rückhalt vorhanden oder geplant. Bitte begründen Sie, "
        "warum die Bewerbung trotzdem formal geeignet ist."
    ]
    screening = Screening.objects.get(application=application)
    assert (screening.status, screening.backing, screening.reason) == (
        "eligible",
        False,
        "Absichtserklärung liegt vor.",
    )


def test_screening_decision_keeps_the_checks_and_writes_an_audit_entry(call, office_user):
    application = submit_application(call)

    screening_decide(application=application, status=Screening.Status.ELIGIBLE, actor=office_user)

    screening = Screening.objects.get(application=application)
    assert (screening.complete, screening.backing, screening.obligations) == (True, True, True)
    assert screening.decided_by == office_user
    entry = AuditEntry.objects.get(action="reviews.screening_decided")
    assert entry.object_id == str(application.pk)
    assert entry.changes == {"screening": ["pending", "eligible"]}


def test_screening_of_a_draft_is_refused(call, office_user):
    draft = factories.ApplicationFactory(call=call)

    with pytest.raises(ValidationError) as error:
        screening_decide(application=draft, status=Screening.Status.ELIGIBLE, actor=office_user)

    assert error.value.messages == ["Nur eingereichte Bewerbungen werden formal geprüft."]


def test_bulk_eligible_marks_the_passing_and_skips_the_failing(call, office_client):
    good = submit_application(call, reference="KFA-GUT")
    weak = submit_application(
        call, reference="KFA-SCHWACH", answers={**COMPLETE_ANSWERS, "ratsbeschluss": "nein"}
    )
    url = reverse("reviews:screening_list", args=[call.pk])

    response = office_client.post(
        url, {"application": [good.pk, weak.pk], "action": "eligible"}, follow=True
    )

    assert Screening.objects.get(application=good).status == "eligible"
    assert not Screening.objects.filter(application=weak, status="eligible").exists()
    texts = [str(m) for m in response.context["messages"]]
    assert texts == [
        "1 Bewerbung ist als formal geeignet markiert.",
        "Nicht markiert, weil nicht alle Prüfpunkte erfüllt sind – bitte einzeln mit "
        "Begründung entscheiden: KFA-SCHWACH (nicht erfüllt: Politischer Rückhalt vorhanden "
        "oder geplant)",
    ]
    assert AuditEntry.objects.filter(action="reviews.screening_decided").count() == 1


def test_bulk_not_eligible_without_reason_shows_german_error_at_the_field(call, office_client):
    application = submit_application(call)

    response = office_client.post(
        reverse("reviews:screening_list", args=[call.pk]),
        {"application": [application.pk], "action": "not_eligible", "reason": " "},
    )

    assert response.status_code == 200
    assert response.context["bulk_form"].errors == {
        "reason": ["Bitte geben Sie eine Begründung an, warum die Bewerbungen nicht geeignet sind."]
    }
    assert 'id="id_reason_error"' in response.content.decode()
    assert not Screening.objects.exists()


def test_bulk_not_eligible_marks_all_with_the_same_reason(call, office_client):
    first, second = submit_application(call), submit_application(call)

    office_client.post(
        reverse("reviews:screening_list", args=[call.pk]),
        {
            "application": [first.pk, second.pk],
            "action": "not_eligible",
            "reason": "Bewerbungsfrist versäumt.",
        },
    )

    assert list(Screening.objects.order_by("application_id").values_list("status", "reason")) == [
        ("not_eligible", "Bewerbungsfrist versäumt."),
        ("not_eligible", "Bewerbungsfrist versäumt."),
    ]
    assert AuditEntry.objects.filter(action="reviews.screening_decided").count() == 2


def test_bulk_without_selection_asks_for_one(call, office_client):
    submit_application(call)

    response = office_client.post(
        reverse("reviews:screening_list", args=[call.pk]), {"action": "eligible"}
    )

    assert response.context["bulk_form"].errors == {
        "application": ["Bitte wählen Sie mindestens eine Bewerbung aus."]
    }


def test_bulk_ignores_applications_of_another_call(call, office_client):
    other = submit_application(factories.CallFactory(), answers={})

    office_client.post(
        reverse("reviews:screening_list", args=[call.pk]),
        {"application": [other.pk], "action": "eligible"},
    )

    assert not Screening.objects.exists()


def test_screening_list_filters_by_status(call, office_client):
    decided = submit_application(call, reference="KFA-ENTSCHIEDEN")
    submit_application(call, reference="KFA-OFFEN")
    mark_eligible(decided)

    response = office_client.get(
        reverse("reviews:screening_list", args=[call.pk]), {"status": "pending"}
    )

    assert [r["application"].reference for r in response.context["rows"]] == ["KFA-OFFEN"]


def test_screening_list_shows_only_submitted_applications(call, office_client):
    submit_application(call, reference="KFA-EINGEREICHT")
    factories.ApplicationFactory(call=call, reference="KFA-ENTWURF")

    response = office_client.get(reverse("reviews:screening_list", args=[call.pk]))

    assert [r["application"].reference for r in response.context["rows"]] == ["KFA-EINGEREICHT"]


@pytest.mark.parametrize("count", [1, 3])
def test_screening_list_query_count_does_not_grow(
    call, office_client, count, django_assert_num_queries
):
    for _ in range(count):
        mark_eligible(submit_application(call))

    # Session, user, device, call, count, page, questions, answers, Länder for the filter.
    with django_assert_num_queries(9):
        response = office_client.get(reverse("reviews:screening_list", args=[call.pk]))

    assert len(response.context["rows"]) == count


def test_screening_detail_saves_the_decision(call, office_client):
    application = submit_application(call)

    response = office_client.post(
        reverse("reviews:screening_detail", args=[application.pk]),
        {"status": "not_eligible", "reason": "Keine Zusage der Verwaltungsspitze."},
    )

    assert response.status_code == 302
    screening = Screening.objects.get(application=application)
    assert (screening.status, screening.reason) == (
        "not_eligible",
        "Keine Zusage der Verwaltungsspitze.",
    )


def test_screening_detail_of_a_draft_shows_a_note_and_no_form(call, office_client):
    draft = factories.ApplicationFactory(call=call)

    response = office_client.get(reverse("reviews:screening_detail", args=[draft.pk]))

    assert response.status_code == 200
    content = response.content.decode()
    assert "Formal geprüft werden nur eingereichte Bewerbungen." in content
    assert "Entscheidung speichern" not in content


def test_eligible_application_ids_are_the_eligible_submitted_ones(call):
    eligible = submit_application(call)
    mark_eligible(eligible)
    submit_application(call)  # not yet screened
    refused = submit_application(call)
    Screening.objects.create(
        application=refused, status="not_eligible", reason="Nein.", decided_at=eligible.created_at
    )
    withdrawn = submit_application(call)
    mark_eligible(withdrawn)
    withdrawn.status = "withdrawn"
    withdrawn.save()

    assert eligible_application_ids(call=call) == {eligible.pk}


def reason_label(html: str) -> str:
    start = html.index('<label class="kern-label" for="id_reason">')
    return html[start : html.index("</label>", start)]


def test_screening_detail_says_when_the_reason_is_required(call, office_client):
    application = submit_application(call)

    html = office_client.get(reverse("reviews:screening_detail", args=[application.pk])).content
    label = reason_label(html.decode())

    assert "Pflicht bei „formal nicht geeignet“" in label
    assert "– optional" not in label


def test_screening_detail_marks_the_reason_required_while_a_check_fails(call, office_client):
    answers = {k: v for k, v in COMPLETE_ANSWERS.items() if k != "motivation"}
    application = submit_application(call, answers=answers)

    html = office_client.get(reverse("reviews:screening_detail", args=[application.pk]))
    content = html.content.decode()

    assert 'class="required-mark"' in reason_label(content)
    assert 'aria-required="true"' in content.split('id="id_reason"')[0].rsplit("<textarea", 1)[1]


def test_screening_detail_without_reason_shows_the_summary_first_and_marks_the_field(
    call, office_client
):
    application = submit_application(call)

    response = office_client.post(
        reverse("reviews:screening_detail", args=[application.pk]),
        {"status": "not_eligible", "reason": ""},
    )

    content = response.content.decode()
    summary = content.index("data-error-summary")
    assert summary < content.index('id="pruefpunkte-titel"')
    assert summary > content.index("<h1")
    assert 'href="#id_reason"' in content[summary : content.index('id="pruefpunkte-titel"')]
    assert 'class="required-mark"' in reason_label(content)
    assert content.count("data-error-summary") == 1
    assert not Screening.objects.filter(status="not_eligible").exists()


def test_bulk_reason_is_marked_required_once_not_eligible_is_chosen(call, office_client):
    application = submit_application(call)
    url = reverse("reviews:screening_list", args=[call.pk])

    before = office_client.get(url).content.decode()
    after = office_client.post(
        url, {"application": [application.pk], "action": "not_eligible", "reason": ""}
    ).content.decode()

    assert "Pflicht bei „nicht geeignet“" in reason_label(before)
    assert 'class="required-mark"' in reason_label(after)


def test_screening_list_orders_names_in_german(call, office_client):
    for name in ["Bremerhaven", "Böblingen", "Bochum"]:
        submit_application(call, municipality=factories.MunicipalityFactory(name=name))

    response = office_client.get(reverse("reviews:screening_list", args=[call.pk]))

    names = [row["application"].municipality.name for row in response.context["rows"]]
    assert names == ["Böblingen", "Bochum", "Bremerhaven"]
