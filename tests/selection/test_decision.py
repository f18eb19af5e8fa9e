import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEntry
from selection import services
from selection.models import LetterDispatch, Outcome, OutcomeChange, SelectionRules
from selection.tasks import send_decision_letter
from tests.helpers import login_verified


def adopt(world, *, waiting=2, max_per_land=2):
    services.selection_rules_save(
        call=world.call,
        actor=world.office,
        places=3,
        max_per_land=max_per_land,
        cover_needs=False,
        diversity_weight=Decimal("0"),
        limits={},
    )
    run = services.selection_run_create(call=world.call, actor=world.office)
    return services.decision_adopt(run=run, actor=world.office, waiting_list_length=waiting)


def outcomes(world) -> dict[str, tuple[str, int | None]]:
    return {
        o.application.municipality.name: (o.kind, o.rank)
        for o in Outcome.objects.select_related("application__municipality")
    }


def test_adopt_proposes_cohort_waiting_list_and_the_rest(world):
    adopt(world)
    assert outcomes(world) == {
        "Altstadt": ("selected", None),
        "Bergdorf": ("selected", None),
        "Dornburg": ("selected", None),
        "Carlshafen": ("waiting", 1),
        "Eichenkreis": ("waiting", 2),
        "Feldheim": ("not_selected", None),
        "Gutenfels": ("ineligible", None),
    }
    in_run = dict(Outcome.objects.values_list("application__municipality__name", "in_run"))
    assert [name for name, flag in in_run.items() if not flag] == ["Gutenfels"]


def test_adopt_from_view_redirects_to_decision(office_client, world):
    run = services.selection_run_create(call=world.call, actor=world.office)
    url = reverse("selection:decision_adopt", args=[world.call.pk, run.pk])
    response = office_client.post(url, {"waiting_list_length": "1"})
    assert response["Location"] == reverse("selection:decision", args=[world.call.pk])
    assert Outcome.objects.filter(kind="waiting").count() == 1


def test_manual_change_requires_a_reason(office_client, world):
    adopt(world)
    url = reverse("selection:outcome_change", args=[world.call.pk, world.apps["Carlshafen"].pk])
    response = office_client.post(url, {"kind": "selected", "reason": ""})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bitte begründen Sie die Änderung." in html
    assert outcomes(world)["Carlshafen"] == ("waiting", 1)


def test_manual_change_keeps_the_proposal_and_records_reason_and_author(office_client, world):
    adopt(world)
    url = reverse("selection:outcome_change", args=[world.call.pk, world.apps["Carlshafen"].pk])
    response = office_client.post(
        url, {"kind": "selected", "reason": "Starke Zusage der Verwaltungsspitze"}
    )
    assert response.status_code == 302
    outcome = Outcome.objects.get(application=world.apps["Carlshafen"])
    assert (outcome.proposed_kind, outcome.proposed_rank) == ("waiting", 1)
    assert (outcome.kind, outcome.rank) == ("selected", None)
    change = OutcomeChange.objects.get()
    assert (change.previous_kind, change.previous_rank, change.kind, change.reason) == (
        "waiting",
        1,
        "selected",
        "Starke Zusage der Verwaltungsspitze",
    )
    assert change.changed_by == world.office
    # The rest of the waiting list moves up.
    assert outcomes(world)["Eichenkreis"] == ("waiting", 1)
    assert AuditEntry.objects.filter(action="selection.outcome_changed").count() == 1
    page = office_client.get(reverse("selection:decision", args=[world.call.pk])).content.decode()
    assert "Starke Zusage der Verwaltungsspitze" in page


def test_moving_onto_the_waiting_list_inserts_at_the_rank(world):
    adopt(world)
    services.outcome_change(
        call=world.call,
        application_id=world.apps["Feldheim"].pk,
        actor=world.office,
        kind="waiting",
        rank=1,
        reason="Noch nicht bewertet, aber stark",
    )
    result = outcomes(world)
    assert (result["Feldheim"], result["Carlshafen"], result["Eichenkreis"]) == (
        ("waiting", 1),
        ("waiting", 2),
        ("waiting", 3),
    )


def test_waiting_rank_outside_the_list_is_refused(world):
    adopt(world)
    with pytest.raises(ValidationError) as exc:
        services.outcome_change(
            call=world.call,
            application_id=world.apps["Feldheim"].pk,
            actor=world.office,
            kind="waiting",
            rank=9,
            reason="x",
        )
    assert exc.value.message_dict == {"rank": ["Der Rang muss zwischen 1 und 3 liegen."]}


def test_infeasible_run_cannot_be_adopted(world):
    services.selection_rules_save(
        call=world.call,
        actor=world.office,
        places=3,
        max_per_land=None,
        cover_needs=False,
        diversity_weight=Decimal("0"),
        limits={"size:small": (2, None), "size:medium": (2, None)},
    )
    run = services.selection_run_create(call=world.call, actor=world.office)
    with pytest.raises(services.SelectionError):
        services.decision_adopt(run=run, actor=world.office)


def pdf_attachments(message) -> list[bytes]:
    return [
        content for _name, content, mimetype in message.attachments if mimetype == "application/pdf"
    ]


def test_release_sends_one_mail_with_pdf_per_application_to_all_coordinators(
    world, django_capture_on_commit_callbacks
):
    adopt(world)
    with django_capture_on_commit_callbacks(execute=True):
        queued = services.decision_release(call=world.call, actor=world.office)
    assert queued == 7
    assert sorted(m.to for m in mail.outbox) == [
        ["eins@altstadt.de", "zwei@altstadt.de"],
        ["en@dornburg.de"],
    ]
    for message in mail.outbox:
        pdfs = pdf_attachments(message)
        assert len(pdfs) == 1
        assert pdfs[0].startswith(b"%PDF-")
    assert LetterDispatch.objects.count() == 7
    # The five without a coordinator stay due until someone can receive them.
    assert LetterDispatch.objects.filter(sent_at__isnull=True).count() == 5
    altstadt = LetterDispatch.objects.get(application=world.apps["Altstadt"])
    assert (altstadt.outcome, altstadt.recipient_count) == ("selected", 2)


def test_releasing_twice_sends_nothing_more(world, django_capture_on_commit_callbacks):
    adopt(world)
    with django_capture_on_commit_callbacks(execute=True):
        services.decision_release(call=world.call, actor=world.office)
    with django_capture_on_commit_callbacks(execute=True):
        queued = services.decision_release(call=world.call, actor=world.office)
    assert queued == 0
    assert len(mail.outbox) == 2


def test_letter_task_running_twice_sends_once(world, django_capture_on_commit_callbacks):
    adopt(world)
    with django_capture_on_commit_callbacks(execute=True):
        services.decision_release(call=world.call, actor=world.office)
    dispatch = LetterDispatch.objects.get(application=world.apps["Altstadt"])
    send_decision_letter.call(dispatch_id=dispatch.pk)
    assert len(mail.outbox) == 2


def test_german_coordinators_get_the_german_letter(world, django_capture_on_commit_callbacks):
    adopt(world)
    with django_capture_on_commit_callbacks(execute=True):
        services.decision_release(call=world.call, actor=world.office)
    message = next(m for m in mail.outbox if "eins@altstadt.de" in m.to)
    assert message.subject == "Ihre Bewerbung KFA-T-Altstadt: Altstadt wird Modellkommune"
    assert "Das Programm beginnt am 1. Januar 2027." in message.body
    assert f"/bewerbung/{world.apps['Altstadt'].pk}/" in message.body


def test_english_coordinator_gets_the_english_letter(world, django_capture_on_commit_callbacks):
    adopt(world)
    with django_capture_on_commit_callbacks(execute=True):
        services.decision_release(call=world.call, actor=world.office)
    message = next(m for m in mail.outbox if m.to == ["en@dornburg.de"])
    assert (
        message.subject == "Your application KFA-T-Dornburg: Dornburg becomes a model municipality"
    )
    assert "selected as a model municipality for “Model municipalities 2025”" in message.body


def test_applicant_sees_the_outcome_only_after_release(
    client, world, django_capture_on_commit_callbacks
):
    adopt(world)
    coordinator = world.coordinators["Altstadt"][0]
    login_verified(client, coordinator)
    url = reverse("applications:detail", args=[world.apps["Altstadt"].pk])
    assert "Ergebnis der Auswahl" not in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.decision_release(call=world.call, actor=world.office)
    html = client.get(url).content.decode()
    assert "Ergebnis der Auswahl" in html
    assert "Altstadt ist als Modellkommune ausgewählt." in html


def test_release_view_then_changes_are_refused(
    office_client, world, django_capture_on_commit_callbacks
):
    adopt(world)
    with django_capture_on_commit_callbacks(execute=True):
        response = office_client.post(reverse("selection:decision_release", args=[world.call.pk]))
    assert response.status_code == 302
    with pytest.raises(services.SelectionError):
        services.outcome_change(
            call=world.call,
            application_id=world.apps["Feldheim"].pk,
            actor=world.office,
            kind="selected",
            rank=None,
            reason="zu spät",
        )
    page = office_client.get(reverse("selection:decision", args=[world.call.pk])).content.decode()
    assert "versandt an 2 Personen" in page


def test_cohort_for_call_lists_selected_after_release(world, django_capture_on_commit_callbacks):
    from selection.selectors import cohort_calls_for_municipality, cohort_for_call

    adopt(world)
    assert cohort_for_call(call=world.call) == []
    with django_capture_on_commit_callbacks(execute=True):
        services.decision_release(call=world.call, actor=world.office)
    assert [a.municipality.name for a in cohort_for_call(call=world.call)] == [
        "Altstadt",
        "Bergdorf",
        "Dornburg",
    ]
    assert cohort_calls_for_municipality(
        municipality_id=world.apps["Altstadt"].municipality_id
    ) == [world.call]


def test_selected_municipality_sees_its_programme_area_after_release(
    client, world, django_capture_on_commit_callbacks
):
    adopt(world)
    coordinator = world.coordinators["Altstadt"][0]
    login_verified(client, coordinator)
    before = client.get(reverse("programme_area")).content.decode()
    assert "noch zu keiner Kohorte" in before
    with django_capture_on_commit_callbacks(execute=True):
        services.decision_release(call=world.call, actor=world.office)
    after = client.get(reverse("programme_area")).content.decode()
    assert "ist Modellkommune im Programm" in after
    assert world.call.title_de in after


def test_programme_area_is_only_for_municipal_roles(client, world):
    login_verified(client, world.office)
    assert client.get(reverse("programme_area")).status_code == 403


def test_failed_letter_stays_pending_and_the_command_sends_it_once(
    world, settings, django_capture_on_commit_callbacks
):
    adopt(world)
    # Nothing listens on port 9 (discard): every SMTP connection is refused.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    with django_capture_on_commit_callbacks(execute=True):
        services.decision_release(call=world.call, actor=world.office)
    assert not LetterDispatch.objects.filter(sent_at__isnull=False).exists()
    LetterDispatch.objects.update(created_at=timezone.now() - dt.timedelta(hours=1))
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_pending_letters", stdout=io.StringIO())
    call_command("send_pending_letters", stdout=io.StringIO())
    assert sorted(m.to for m in mail.outbox) == [
        ["eins@altstadt.de", "zwei@altstadt.de"],
        ["en@dornburg.de"],
    ]
    sent = LetterDispatch.objects.filter(sent_at__isnull=False)
    assert sorted(d.application.municipality.name for d in sent) == ["Altstadt", "Dornburg"]


def test_manual_changes_survive_a_second_adoption_in_the_record(office_client, world):
    adopt(world)
    services.outcome_change(
        call=world.call,
        application_id=world.apps["Carlshafen"].pk,
        actor=world.office,
        kind="selected",
        rank=None,
        reason="Starke Zusage der Verwaltungsspitze",
    )
    first_run_id = Outcome.objects.get(application=world.apps["Carlshafen"]).decision.run_id
    adopt(world)
    assert outcomes(world)["Carlshafen"] == ("waiting", 1)
    change = OutcomeChange.objects.get()
    assert (change.outcome, change.call, change.application, change.run_id, change.reason) == (
        None,
        world.call,
        world.apps["Carlshafen"],
        first_run_id,
        "Starke Zusage der Verwaltungsspitze",
    )
    entry = AuditEntry.objects.get(action="selection.outcome_changed")
    assert entry.changes == {
        "ergebnis": ["waiting 1", "selected"],
        "begruendung": [None, "Starke Zusage der Verwaltungsspitze"],
    }
    page = office_client.get(reverse("selection:decision", args=[world.call.pk])).content.decode()
    assert "Begründung: Starke Zusage der Verwaltungsspitze" in page
    assert "zu einem früheren Vorschlag aus dem Lauf vom" in page


def test_repeating_the_same_change_succeeds_and_records_it_once(office_client, world):
    adopt(world)
    url = reverse("selection:outcome_change", args=[world.call.pk, world.apps["Carlshafen"].pk])
    data = {"kind": "selected", "reason": "Starke Zusage der Verwaltungsspitze"}
    assert office_client.post(url, data).status_code == 302
    response = office_client.post(url, data)
    assert response.status_code == 302
    assert response["Location"] == reverse("selection:decision", args=[world.call.pk])
    assert outcomes(world)["Carlshafen"] == ("selected", None)
    assert OutcomeChange.objects.count() == 1


def test_outcome_form_warns_when_the_application_is_not_eligible(office_client, world):
    adopt(world)
    url = reverse("selection:outcome_change", args=[world.call.pk, world.apps["Gutenfels"].pk])
    html = office_client.get(url).content.decode()
    assert 'id="not-eligible-warning"' in html
    response = office_client.post(url, {"kind": "selected", "reason": "Nachträglich geklärt"})
    assert response.status_code == 302
    assert outcomes(world)["Gutenfels"] == ("selected", None)
    other = reverse("selection:outcome_change", args=[world.call.pk, world.apps["Altstadt"].pk])
    assert 'id="not-eligible-warning"' not in office_client.get(other).content.decode()


def test_decision_page_warns_where_a_letter_has_no_recipient(office_client, world):
    adopt(world)
    html = office_client.get(reverse("selection:decision", args=[world.call.pk])).content.decode()
    badge = '<span class="kern-badge kern-badge--warning"><span class="kern-label">kein Empfänger'
    # Seven applications, coordinators only for Altstadt and Dornburg.
    assert html.count(badge) == 5
    row = html.split("KFA-T-Altstadt", 1)[1].split("</th>", 1)[0]
    assert "kein Empfänger" not in row


# Five of them read the rules the decision is checked against.
QUERIES_DECISION_PAGE = 15


@pytest.mark.parametrize("count", [1, 3])
def test_decision_page_query_count_is_constant(
    office_client, world, django_assert_num_queries, count
):
    adopt(world)
    changed = ["Carlshafen", "Eichenkreis", "Feldheim"][:count]
    for name in changed:
        services.outcome_change(
            call=world.call,
            application_id=world.apps[name].pk,
            actor=world.office,
            kind="not_selected" if name != "Feldheim" else "waiting",
            rank=None,
            reason=f"Grund {name}",
        )
    url = reverse("selection:decision", args=[world.call.pk])
    office_client.get(url)
    with django_assert_num_queries(QUERIES_DECISION_PAGE):
        response = office_client.get(url)
    assert response.content.decode().count("Begründung: Grund ") == count


def decision_html(client, world, *, places: int) -> str:
    SelectionRules.objects.filter(call=world.call).update(places=places)
    return client.get(reverse("selection:decision", args=[world.call.pk])).content.decode()


def test_decision_page_says_one_selected_municipality_in_the_singular(office_client, world):
    adopt(world)
    for name in ("Bergdorf", "Dornburg"):
        services.outcome_change(
            call=world.call,
            application_id=world.apps[name].pk,
            actor=world.office,
            kind="not_selected",
            rank=None,
            reason="Zurückgezogen",
        )
    html = decision_html(office_client, world, places=3)
    assert "1 von 3 Plätzen</span></dd>" in html
    assert "Ausgewählt ist 1 Kommune. Die Auswahlregeln sehen 3 Plätze vor.</p>" in html


def test_decision_page_says_one_place_in_the_singular(office_client, world):
    adopt(world)
    html = decision_html(office_client, world, places=1)
    assert "3 von 1 Platz</span></dd>" in html
    assert "Ausgewählt sind 3 Kommunen. Die Auswahlregeln sehen 1 Platz vor.</p>" in html


def test_release_message_counts_one_letter_in_the_singular(
    office_client, world, django_capture_on_commit_callbacks
):
    adopt(world)
    Outcome.objects.exclude(application=world.apps["Altstadt"]).delete()

    with django_capture_on_commit_callbacks(execute=True):
        response = office_client.post(
            reverse("selection:decision_release", args=[world.call.pk]), follow=True
        )

    shown = [str(message) for message in response.context["messages"]]
    assert shown == ["Die Entscheidung ist freigegeben. 1 Brief wird jetzt versandt."]
