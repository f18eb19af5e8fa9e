"""Decision letters that reach people: no recipient is not "sent", the retry job finds a
coordinator who links later, the office downloads and resends, and the formally
ineligible get a letter of their own."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from accounts.services.links import link_approve
from core.models import AuditEntry
from selection import services
from selection.letters import letter_templates_ensure, letter_text
from selection.models import LetterDispatch
from selection.selectors import letters_without_recipient
from selection.tasks import pending_letters_enqueue
from tests import factories
from tests.helpers import login_verified


def adopt(world):
    services.selection_rules_save(
        call=world.call,
        actor=world.office,
        places=3,
        max_per_land=2,
        cover_needs=False,
        diversity_weight=Decimal("0"),
        limits={},
    )
    run = services.selection_run_create(call=world.call, actor=world.office)
    return services.decision_adopt(run=run, actor=world.office, waiting_list_length=2)


def release(world, capture):
    adopt(world)
    with capture(execute=True):
        services.decision_release(call=world.call, actor=world.office)


def dispatch_of(world, name: str) -> LetterDispatch:
    return LetterDispatch.objects.get(application=world.apps[name])


def letter_cell(html: str, world, name: str) -> str:
    marker = f'id="letter-{world.apps[name].pk}">'
    return html.split(marker, 1)[1].split("</td>", 1)[0]


def mails_to(address: str) -> list:
    return [message for message in mail.outbox if address in message.to]


def make_due(world) -> None:
    """The letters were queued long enough ago for the retry job to look at them."""
    LetterDispatch.objects.update(created_at=timezone.now() - dt.timedelta(hours=1))


def test_letter_without_recipient_stays_unsent(world, django_capture_on_commit_callbacks):
    release(world, django_capture_on_commit_callbacks)

    bergdorf = dispatch_of(world, "Bergdorf")

    assert (bergdorf.sent_at, bergdorf.recipient_count) == (None, 0)
    assert dispatch_of(world, "Altstadt").sent_at is not None


def test_decision_page_says_kein_empfaenger_instead_of_sent(
    office_client, world, django_capture_on_commit_callbacks
):
    release(world, django_capture_on_commit_callbacks)

    html = office_client.get(reverse("selection:decision", args=[world.call.pk])).content.decode()

    assert "versandt an 0 Personen" not in html
    bergdorf = letter_cell(html, world, "Bergdorf")
    assert bergdorf.startswith("nicht versandt: kein Empfänger")
    download = reverse("selection:letter_download", args=[world.call.pk, world.apps["Bergdorf"].pk])
    assert f'href="{download}"' in bergdorf
    assert "erneut senden" not in bergdorf
    altstadt = letter_cell(html, world, "Altstadt")
    assert altstadt.startswith("versandt an 2 Personen")
    assert "Brief an Altstadt erneut senden" in altstadt


def test_retry_job_leaves_a_letter_without_recipient_alone(
    world, django_capture_on_commit_callbacks
):
    release(world, django_capture_on_commit_callbacks)
    make_due(world)
    mail.outbox.clear()

    assert pending_letters_enqueue() == 0
    assert mail.outbox == []


def test_coordinator_approved_later_gets_the_letter_once_from_the_retry_job(
    world, django_capture_on_commit_callbacks
):
    release(world, django_capture_on_commit_callbacks)
    bergdorf = world.apps["Bergdorf"]
    late = factories.CoordinatorFactory(
        email="spaet@bergdorf.de", municipality=bergdorf.municipality, municipality_approved_at=None
    )
    make_due(world)
    assert pending_letters_enqueue() == 0
    link_approve(actor=world.office, municipality_id=bergdorf.municipality_id, user_id=late.pk)

    first = pending_letters_enqueue()
    second = pending_letters_enqueue()

    assert (first, second) == (1, 0)
    [message] = mails_to("spaet@bergdorf.de")
    assert message.subject == "Ihre Bewerbung KFA-T-Bergdorf: Bergdorf wird Modellkommune"
    assert dispatch_of(world, "Bergdorf").recipient_count == 1
    entry = AuditEntry.objects.get(action="selection.letter_sent", object_id=str(bergdorf.pk))
    assert (entry.actor, entry.changes) == (
        None,
        {"brief": [None, "selected"], "empfaenger": [None, "spaet@bergdorf.de"]},
    )


def test_every_send_of_the_release_is_audited(world, django_capture_on_commit_callbacks):
    release(world, django_capture_on_commit_callbacks)

    audited = AuditEntry.objects.filter(action="selection.letter_sent")

    assert sorted(audited.values_list("object_id", flat=True)) == sorted(
        [str(world.apps["Altstadt"].pk), str(world.apps["Dornburg"].pk)]
    )


def test_resend_by_double_click_sends_once(
    office_client, world, django_capture_on_commit_callbacks
):
    release(world, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    url = reverse("selection:letter_resend", args=[world.call.pk, world.apps["Altstadt"].pk])

    with django_capture_on_commit_callbacks(execute=True):
        first = office_client.post(url)
    with django_capture_on_commit_callbacks(execute=True):
        second = office_client.post(url)

    assert (first.status_code, second.status_code) == (302, 302)
    assert [m.to for m in mail.outbox] == [["eins@altstadt.de", "zwei@altstadt.de"]]
    entry = AuditEntry.objects.get(action="selection.letter_resent")
    assert (entry.actor, entry.object_id, entry.changes) == (
        world.office,
        str(world.apps["Altstadt"].pk),
        {"brief": [None, "selected"], "zuvor_versandt": [None, True]},
    )
    assert dispatch_of(world, "Altstadt").sent_at is not None


def test_resend_after_the_repeat_window_sends_again(world, django_capture_on_commit_callbacks):
    release(world, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    altstadt = world.apps["Altstadt"]
    with django_capture_on_commit_callbacks(execute=True):
        services.letter_resend(call=world.call, application_id=altstadt.pk, actor=world.office)
    LetterDispatch.objects.filter(application=altstadt).update(
        resent_at=timezone.now() - dt.timedelta(minutes=6)
    )

    with django_capture_on_commit_callbacks(execute=True):
        again = services.letter_resend(
            call=world.call, application_id=altstadt.pk, actor=world.office
        )

    assert again is True
    assert len(mails_to("eins@altstadt.de")) == 2


def test_resend_without_recipient_is_refused_with_a_message(
    office_client, world, django_capture_on_commit_callbacks
):
    release(world, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    url = reverse("selection:letter_resend", args=[world.call.pk, world.apps["Bergdorf"].pk])

    response = office_client.post(url, follow=True)

    assert "Bergdorf hat keine bestätigte Koordinator*in" in response.content.decode()
    assert mail.outbox == []
    assert not AuditEntry.objects.filter(action="selection.letter_resent").exists()


def test_resend_lets_a_waiting_letter_go_out_at_once(world, django_capture_on_commit_callbacks):
    release(world, django_capture_on_commit_callbacks)
    bergdorf = world.apps["Bergdorf"]
    factories.CoordinatorFactory(email="neu@bergdorf.de", municipality=bergdorf.municipality)

    with django_capture_on_commit_callbacks(execute=True):
        services.letter_resend(call=world.call, application_id=bergdorf.pk, actor=world.office)

    assert len(mails_to("neu@bergdorf.de")) == 1
    entry = AuditEntry.objects.get(action="selection.letter_resent")
    assert entry.changes["zuvor_versandt"] == [None, False]


def test_office_downloads_the_letter_as_pdf(
    office_client, world, django_capture_on_commit_callbacks
):
    release(world, django_capture_on_commit_callbacks)
    url = reverse("selection:letter_download", args=[world.call.pk, world.apps["Bergdorf"].pk])

    response = office_client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="Entscheidung-KFA-T-Bergdorf.pdf"'
    )
    assert response.content.startswith(b"%PDF-")


def test_letter_download_before_the_release_is_not_found(office_client, world):
    adopt(world)
    url = reverse("selection:letter_download", args=[world.call.pk, world.apps["Bergdorf"].pk])

    assert office_client.get(url).status_code == 404


def test_letter_download_of_another_calls_application_is_not_found(
    office_client, world, django_capture_on_commit_callbacks
):
    release(world, django_capture_on_commit_callbacks)
    other = factories.CallFactory()
    url = reverse("selection:letter_download", args=[other.pk, world.apps["Bergdorf"].pk])

    assert office_client.get(url).status_code == 404


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.REVIEWER])
def test_letter_download_is_for_the_office_only(
    client, world, django_capture_on_commit_callbacks, role
):
    release(world, django_capture_on_commit_callbacks)
    person = world.coordinators["Altstadt"][0]
    if role != Role.COORDINATOR:
        person = factories.UserFactory(role=role)
    login_verified(client, person)
    url = reverse("selection:letter_download", args=[world.call.pk, world.apps["Altstadt"].pk])

    assert client.get(url).status_code == 403


# --- the formally ineligible ----------------------------------------------------------


def test_ineligible_application_gets_the_ineligible_letter_with_the_reason(
    world, django_capture_on_commit_callbacks
):
    gutenfels = world.apps["Gutenfels"]
    factories.CoordinatorFactory(email="amt@gutenfels.de", municipality=gutenfels.municipality)

    release(world, django_capture_on_commit_callbacks)

    [message] = mails_to("amt@gutenfels.de")
    assert message.subject == "Ihre Bewerbung KFA-T-Gutenfels: Ergebnis der formalen Prüfung"
    assert "Begründung: Kein politischer Rückhalt" in message.body
    assert "Es gab deutlich mehr Bewerbungen als Plätze" not in message.body
    assert dispatch_of(world, "Gutenfels").outcome == "ineligible"


def test_english_ineligible_letter_gives_the_reason(world, django_capture_on_commit_callbacks):
    gutenfels = world.apps["Gutenfels"]
    factories.CoordinatorFactory(
        email="en@gutenfels.de", language="en", municipality=gutenfels.municipality
    )

    release(world, django_capture_on_commit_callbacks)

    [message] = mails_to("en@gutenfels.de")
    assert message.subject == "Your application KFA-T-Gutenfels: result of the formal check"
    assert "Reason: Kein politischer Rückhalt" in message.body
    assert "far more applications than there are places" not in message.body


def test_eligible_but_unreviewed_application_keeps_the_not_selected_letter(
    world, django_capture_on_commit_callbacks
):
    feldheim = world.apps["Feldheim"]
    factories.CoordinatorFactory(email="amt@feldheim.de", municipality=feldheim.municipality)

    release(world, django_capture_on_commit_callbacks)

    [message] = mails_to("amt@feldheim.de")
    assert "Es gab deutlich mehr Bewerbungen als Plätze" in message.body


def test_decision_page_names_the_ineligible_outcome(office_client, world):
    adopt(world)

    html = office_client.get(reverse("selection:decision", args=[world.call.pk])).content.decode()
    row = html.split("KFA-T-Gutenfels", 1)[1].split("</tr>", 1)[0]

    assert row.count("formal nicht geeignet") == 2  # proposal and decision


def test_only_a_screened_out_application_can_be_set_ineligible(world):
    adopt(world)

    with pytest.raises(ValidationError) as raised:
        services.outcome_change(
            call=world.call,
            application_id=world.apps["Feldheim"].pk,
            actor=world.office,
            kind="ineligible",
            rank=None,
            reason="Versehen",
        )

    assert list(raised.value.message_dict) == ["kind"]


def test_ineligible_letter_preview_is_a_pdf(office_client, world):
    url = reverse("selection:letter_preview", args=[world.call.pk, "ineligible"])

    response = office_client.get(url)

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")


def test_ineligible_letter_filled_for_a_preview_shows_a_sample_reason(world):
    template = letter_templates_ensure(call=world.call)["ineligible"]

    _subject, body = letter_text(
        template=template, application=world.apps["Altstadt"], rank=None, language="de"
    )

    assert "Begründung: Der Beschluss des Rates lag der Bewerbung nicht bei." in body


def test_english_decision_page_says_not_sent_no_recipient(
    office_client, world, settings, django_capture_on_commit_callbacks
):
    release(world, django_capture_on_commit_callbacks)
    office_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    html = office_client.get(reverse("selection:decision", args=[world.call.pk])).content.decode()

    assert letter_cell(html, world, "Bergdorf").startswith("not sent: no recipient")
    assert "Send the letter to Altstadt again" in letter_cell(html, world, "Altstadt")


def test_screened_out_applicant_reads_that_the_formal_requirements_were_not_met(
    client, world, django_capture_on_commit_callbacks
):
    gutenfels = world.apps["Gutenfels"]
    coordinator = factories.CoordinatorFactory(municipality=gutenfels.municipality)
    release(world, django_capture_on_commit_callbacks)
    login_verified(client, coordinator)

    html = client.get(f"/bewerbung/{gutenfels.pk}/").content.decode()
    text = html.split('id="auswahl-ergebnis-text">', 1)[1].split("</p>", 1)[0]

    assert text == (
        "Die Bewerbung von Gutenfels erfüllt die formalen Voraussetzungen nicht und war "
        "deshalb nicht Teil der Auswahl."
    )


# Five of them read the rules the decision is checked against.
QUERIES_RELEASED_DECISION_PAGE = 15


@pytest.mark.parametrize("linked", [1, 3])
def test_released_decision_page_query_count_is_constant(
    office_client, world, django_assert_num_queries, django_capture_on_commit_callbacks, linked
):
    for name in ["Bergdorf", "Carlshafen", "Eichenkreis"][:linked]:
        factories.CoordinatorFactory(municipality=world.apps[name].municipality)
    release(world, django_capture_on_commit_callbacks)
    url = reverse("selection:decision", args=[world.call.pk])
    office_client.get(url)

    with django_assert_num_queries(QUERIES_RELEASED_DECISION_PAGE):
        response = office_client.get(url)

    assert response.content.decode().count("erneut senden") == 2 + linked


def test_letters_without_recipient_lists_the_released_letters_nobody_can_receive(
    world, django_capture_on_commit_callbacks
):
    adopt(world)
    assert list(letters_without_recipient()) == []
    with django_capture_on_commit_callbacks(execute=True):
        services.decision_release(call=world.call, actor=world.office)
    factories.CoordinatorFactory(municipality=world.apps["Feldheim"].municipality)

    names = [d.application.municipality.name for d in letters_without_recipient()]

    assert names == ["Bergdorf", "Carlshafen", "Eichenkreis", "Gutenfels"]
