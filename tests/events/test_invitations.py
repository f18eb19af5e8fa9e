import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from core.models import AuditEntry
from events.invitations import (
    Invitee,
    invitation_register,
    invitation_withdraw,
    invitations_create,
)
from events.models import Audience, Invitation, Registration, Status
from events.services import anonymise_due
from tests import factories
from tests.events.helpers import invite, make_event
from tests.helpers import login_verified

pytestmark = pytest.mark.django_db

QUERIES_OFFICE_EVENT = 13


@pytest.fixture
def office(client):
    login_verified(client, factories.UserFactory(role=Role.OFFICE))
    return client


@pytest.fixture
def event():
    return make_event(audience=Audience.INVITED, title="Klausur des Beirats")


def _form(**extra):
    return {"name": "Gast Beispiel", "email": "gast@example.org", "datenschutz": "on", **extra}


def _link(event, token):
    return reverse("events:invitation", args=[token])


# --- the office invites ------------------------------------------------------------------


def test_office_invites_people_from_lines_with_and_without_names(office, event):
    text = "Alex Beispiel <Alex@Example.org>\nberit@example.org\nChris Muster; chris@example.org"
    office.post(reverse("events:office_invite", args=[event.pk]), {"invitees": text})
    assert list(event.invitations.order_by("email").values_list("name", "email")) == [
        ("Alex Beispiel", "alex@example.org"),
        ("", "berit@example.org"),
        ("Chris Muster", "chris@example.org"),
    ]


def test_office_invitation_mails_a_working_link(
    office, event, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        office.post(
            reverse("events:office_invite", args=[event.pk]),
            {"invitees": "Alex Beispiel <alex@example.org>"},
        )
    assert [(m.to, m.subject) for m in mailoutbox] == [
        (["alex@example.org"], "Einladung: Klausur des Beirats")
    ]
    path = re.search(r"https?://[^/\s]+(/\S+)", mailoutbox[0].body).group(1)
    office.logout()
    response = office.get(path)
    assert response.context["form"]["email"].initial == "alex@example.org"


def test_office_invitation_with_a_bad_line_names_it_at_the_field(office, event):
    response = office.post(
        reverse("events:office_invite", args=[event.pk]),
        {"invitees": "alex@example.org\nBerit ohne Adresse"},
    )
    assert response.status_code == 200
    assert response.context["invitation_form"].errors["invitees"] == [
        "Zeile 2: „Berit ohne Adresse“ enthält keine gültige E-Mail-Adresse."
    ]
    assert Invitation.objects.count() == 0


def test_office_invitation_needs_at_least_one_line(office, event):
    response = office.post(reverse("events:office_invite", args=[event.pk]), {"invitees": " "})
    assert response.context["invitation_form"].errors["invitees"] == [
        "Dieses Feld ist zwingend erforderlich."
    ]


def test_office_invitation_to_an_open_event_is_refused(office):
    event = make_event(audience=Audience.EVERYONE)
    response = office.post(
        reverse("events:office_invite", args=[event.pk]), {"invitees": "alex@example.org"}
    )
    assert response.context["invitation_form"].non_field_errors() == [
        "Einladungen gibt es nur für Veranstaltungen mit der Zielgruppe „Nur Eingeladene“."
    ]
    assert Invitation.objects.count() == 0


# A valid address of 259 characters: validate_email takes it, the column holds 254.
OVERLONG = "a" * 64 + "@" + ".".join(["b" * 63] * 3) + ".de"


def test_office_invitation_with_an_overlong_address_names_it_at_the_field(office, event):
    response = office.post(reverse("events:office_invite", args=[event.pk]), {"invitees": OVERLONG})
    assert response.status_code == 200
    assert response.context["invitation_form"].errors["invitees"] == [
        "Zeile 1: Die E-Mail-Adresse ist länger als 254 Zeichen."
    ]
    assert Invitation.objects.count() == 0


def test_office_invitation_with_several_addresses_on_a_line_is_refused(office, event):
    response = office.post(
        reverse("events:office_invite", args=[event.pk]),
        {"invitees": "alex@example.org, berit@example.org"},
    )
    assert response.context["invitation_form"].errors["invitees"] == [
        "Zeile 1: Bitte nur eine Person je Zeile einladen."
    ]
    assert Invitation.objects.count() == 0


def test_inviting_an_address_twice_keeps_one_invitation(event):
    actor = factories.UserFactory(role=Role.OFFICE)
    invitations_create(actor=actor, event=event, invitees=[Invitee("alex@example.org")])
    again = invitations_create(
        actor=actor,
        event=event,
        invitees=[Invitee("ALEX@example.org"), Invitee("berit@example.org")],
    )
    assert [i.email for i in again] == ["berit@example.org"]
    assert event.invitations.count() == 2


def test_office_page_shows_who_registered(office, event):
    invitation, _token = invite(event, "alex@example.org", "Alex Beispiel")
    invite(event, "berit@example.org", "Berit Beispiel")
    invitation_register(
        invitation=invitation, name="Alex Beispiel", email="alex@example.org", answers={}, days=[]
    )
    response = office.get(reverse("events:office_event", args=[event.pk]))
    rows = {i.email: i.registration for i in response.context["invitations"]}
    assert rows["alex@example.org"].status == Status.CONFIRMED
    assert rows["berit@example.org"] is None
    assert "Angemeldet (Bestätigt)" in response.content.decode()


def test_office_resends_invitation_and_the_old_link_stops(
    office, event, mailoutbox, django_capture_on_commit_callbacks
):
    invitation, token = invite(event)
    with django_capture_on_commit_callbacks(execute=True):
        office.post(reverse("events:office_invitation_send", args=[event.pk, invitation.pk]))
    assert len(mailoutbox) == 1
    assert office.get(_link(event, token)).status_code == 404


def test_office_withdraws_invitation_and_the_link_is_404(office, event):
    invitation, token = invite(event)
    office.post(reverse("events:office_invitation_withdraw", args=[event.pk, invitation.pk]))
    office.logout()
    assert office.get(_link(event, token)).status_code == 404


def test_withdrawn_invitation_sends_no_mail_queued_before(
    event, mailoutbox, django_capture_on_commit_callbacks
):
    actor = factories.UserFactory(role=Role.OFFICE)
    with django_capture_on_commit_callbacks() as callbacks:
        [invitation] = invitations_create(
            actor=actor, event=event, invitees=[Invitee("alex@example.org")]
        )
    invitation_withdraw(actor=actor, invitation=invitation)
    for callback in callbacks:
        callback()
    assert mailoutbox == []


def test_office_invitation_of_another_event_is_404(office, event):
    invitation, _token = invite(event)
    other = make_event(audience=Audience.INVITED, title="Andere")
    url = reverse("events:office_invitation_withdraw", args=[other.pk, invitation.pk])
    assert office.post(url).status_code == 404


def test_invitation_changes_are_audited_without_address(event):
    actor = factories.UserFactory(role=Role.OFFICE)
    [invitation] = invitations_create(
        actor=actor, event=event, invitees=[Invitee("alex@example.org", "Alex Apfelbaum")]
    )
    invitation_withdraw(actor=actor, invitation=invitation)
    entries = list(AuditEntry.objects.order_by("pk").values_list("action", "object_label"))
    assert entries == [
        ("event_invitation_created", f"Klausur des Beirats – Einladung #{invitation.pk}"),
        ("event_invitation_withdrawn", f"Klausur des Beirats – Einladung #{invitation.pk}"),
    ]


# --- the invited person -------------------------------------------------------------------


def test_invited_person_registers_without_account(client, event):
    invitation, token = invite(event)
    response = client.post(_link(event, token), _form())
    assert response["Location"] == _link(event, token)
    registration = Registration.objects.get()
    assert (registration.email, registration.user, registration.status) == (
        "gast@example.org",
        None,
        Status.CONFIRMED,
    )
    invitation.refresh_from_db()
    assert invitation.registration == registration


def test_invitation_link_prefills_name_and_address(client, event):
    _invitation, token = invite(event, "gast@example.org", "Gast Beispiel")
    form = client.get(_link(event, token)).context["form"]
    assert (form["name"].initial, form["email"].initial) == ("Gast Beispiel", "gast@example.org")


def test_invitation_link_is_good_for_one_registration(client, event):
    _invitation, token = invite(event)
    client.post(_link(event, token), _form())
    response = client.post(_link(event, token), _form(email="freund@example.org"))
    assert response.context["form"] is None
    assert "Eine weitere Anmeldung ist mit dieser Einladung nicht möglich." in (
        response.content.decode()
    )
    assert Registration.objects.count() == 1


def test_invitation_registration_with_an_overlong_address_gets_a_field_error(client, event):
    _invitation, token = invite(event)
    response = client.post(_link(event, token), _form(email=OVERLONG))
    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [
        "Bitte sicherstellen, dass der Wert aus höchstens 254 Zeichen besteht. "
        "(Er besteht aus 259 Zeichen.)"
    ]
    assert Registration.objects.count() == 0


def test_used_invitation_refuses_a_second_registration_in_the_service(event):
    invitation, _token = invite(event)
    invitation_register(invitation=invitation, name="A", email="a@example.org", answers={}, days=[])
    with pytest.raises(ValidationError) as exc:
        invitation_register(
            invitation=invitation, name="B", email="b@example.org", answers={}, days=[]
        )
    assert exc.value.messages == ["Mit dieser Einladung hat sich schon jemand angemeldet."]


def test_invitation_link_with_unknown_token_is_404(client, event):
    invite(event)
    assert client.get(_link(event, "falsch")).status_code == 404


def test_invitation_after_deadline_offers_no_form(client):
    event = make_event(audience=Audience.INVITED, deadline=timezone.now() - dt.timedelta(minutes=1))
    _invitation, token = invite(event)
    response = client.post(_link(event, token), _form())
    assert response.context["form"] is None
    assert Registration.objects.count() == 0


def test_uninvited_person_gets_a_clear_message(client, event):
    response = client.get(reverse("events:detail", args=[event.pk]))
    assert response.status_code == 403
    assert "nur eingeladene Personen" in response.content.decode()


def test_uninvited_person_cannot_register_by_posting(client, event):
    client.force_login(factories.UserFactory(role=Role.TRAINER, email="gast@example.org"))
    client.post(reverse("events:detail", args=[event.pk]), _form())
    assert Registration.objects.count() == 0


def test_invited_event_is_not_in_the_calendar_of_others(client, event):
    invite(event)
    client.force_login(factories.UserFactory(role=Role.TRAINER, email="gast@example.org"))
    assert list(client.get(reverse("events:calendar")).context["events"]) == []


# --- retention ----------------------------------------------------------------------------


def test_anonymisation_blanks_invitations_after_retention():
    event = make_event(audience=Audience.INVITED, days=[dt.date(2025, 1, 10)], retention_months=1)
    invitation, token = invite(event, "alex@example.org", "Alex Beispiel")
    invitation_register(
        invitation=invitation,
        name="Alex Beispiel",
        email="alex@example.org",
        answers={},
        days=[],
        now=event.registration_deadline - dt.timedelta(days=1),
    )
    assert anonymise_due(today=dt.date(2025, 2, 11)) == 2
    invitation.refresh_from_db()
    assert (invitation.name, invitation.email, invitation.token_hash) == ("", "", None)
    assert invitation.registration.status == Status.CONFIRMED


def test_anonymisation_keeps_invitations_within_retention():
    event = make_event(audience=Audience.INVITED, days=[dt.date(2025, 1, 10)], retention_months=1)
    invitation, _token = invite(event, "alex@example.org")
    assert anonymise_due(today=dt.date(2025, 2, 10)) == 0
    invitation.refresh_from_db()
    assert invitation.email == "alex@example.org"


# --- query counts -------------------------------------------------------------------------


def _invite_and_register(event, email):
    invitation, _token = invite(event, email)
    invitation_register(invitation=invitation, name="P", email=email, answers={}, days=[])


def test_office_event_page_query_count_is_constant_with_invitations(
    office, event, django_assert_num_queries
):
    url = reverse("events:office_event", args=[event.pk])
    _invite_and_register(event, "p0@example.org")
    with django_assert_num_queries(QUERIES_OFFICE_EVENT):
        office.get(url)
    for n in range(1, 6):
        _invite_and_register(event, f"p{n}@example.org")
        invite(event, f"q{n}@example.org")
    with django_assert_num_queries(QUERIES_OFFICE_EVENT):
        office.get(url)


def test_invitation_used_with_another_address_waits_for_that_address_to_confirm(
    client, event, mailoutbox, django_capture_on_commit_callbacks
):
    _invitation, token = invite(event)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_link(event, token), _form(email="weiter@example.org"))
    assert Registration.objects.get().status == Status.AWAITING_EMAIL
    (mail,) = mailoutbox
    assert mail.subject == "Bitte bestätigen: Anmeldung für Klausur des Beirats"
    link = re.search(r"/veranstaltungen/anmeldung/[^/\s]+/", mail.body).group(0)
    response = client.post(link + "bestaetigen/", follow=True)
    assert response.status_code == 200
    assert response.context["status"] == Status.CONFIRMED
    assert Registration.objects.get().status == Status.CONFIRMED
