import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from accounts.models import Role
from events.models import Audience, Registration, Status
from events.services import feed_renew
from tests import factories
from tests.events.helpers import make_event, register
from tests.helpers import login_verified
from tests.programme_helpers import model_cohort

pytestmark = pytest.mark.django_db


def _form(event, **extra):
    return {"name": "Alex Beispiel", "email": "alex@example.org", "datenschutz": "on", **extra}


def test_calendar_shows_public_events_to_anonymous_people(client):
    make_event(title="Offenes Treffen")
    make_event(title="Nur Modellkommunen", audience=Audience.MODEL_MUNICIPALITIES)
    response = client.get(reverse("events:calendar"))
    assert [e.title for e in response.context["events"]] == ["Offenes Treffen"]


def test_calendar_shows_model_municipality_events_to_their_staff(client):
    muni = factories.MunicipalityFactory()
    model_cohort([muni])
    make_event(title="Nur Modellkommunen", audience=Audience.MODEL_MUNICIPALITIES)
    client.force_login(factories.CoordinatorFactory(municipality=muni))
    response = client.get(reverse("events:calendar"))
    assert [e.title for e in response.context["events"]] == ["Nur Modellkommunen"]


def test_calendar_hides_past_events(client):
    make_event(title="Vorbei", days=[timezone.localdate() - dt.timedelta(days=1)])
    assert list(client.get(reverse("events:calendar")).context["events"]) == []


def test_calendar_query_count_is_constant(client, django_assert_num_queries):
    make_event(title="Eins")
    with django_assert_num_queries(2):
        client.get(reverse("events:calendar"))
    for n in range(4):
        make_event(title=f"Mehr {n}", days=[timezone.localdate() + dt.timedelta(days=n + 1)] * 2)
    with django_assert_num_queries(2):
        client.get(reverse("events:calendar"))


def test_anonymous_person_registers_for_public_event(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_event()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("events:detail", args=[event.pk]), _form(event))
    assert response["Location"] == reverse("events:registered", args=[event.pk])
    registration = Registration.objects.get()
    assert (registration.name, registration.status) == ("Alex Beispiel", Status.AWAITING_EMAIL)
    assert mailoutbox[0].to == ["alex@example.org"]
    assert mailoutbox[0].subject == "Bitte bestätigen: Anmeldung für Netzwerktreffen"


def test_registration_without_consent_shows_error_at_field(client):
    event = make_event()
    data = _form(event)
    del data["datenschutz"]
    response = client.post(reverse("events:detail", args=[event.pk]), data)
    assert response.status_code == 200
    assert response.context["form"].errors["datenschutz"] == [
        "Bitte stimmen Sie zu, dass Ihre Angaben für diese Veranstaltung gespeichert werden."
    ]
    assert (
        '<li><a class="kern-link" href="#id_datenschutz">Bitte stimmen Sie zu, dass Ihre '
        "Angaben für diese Veranstaltung gespeichert werden.</a></li>"
    ) in response.content.decode()
    assert Registration.objects.count() == 0


def test_required_question_must_be_answered(client):
    event = make_event()
    question = event.questions.create(label="Barrierefreiheit", required=True)
    response = client.post(reverse("events:detail", args=[event.pk]), _form(event))
    assert f"frage_{question.pk}" in response.context["form"].errors
    client.post(
        reverse("events:detail", args=[event.pk]),
        _form(event, **{f"frage_{question.pk}": "Rollstuhl"}),
    )
    assert Registration.objects.get().answers == {str(question.pk): "Rollstuhl"}


def test_model_municipality_event_sends_anonymous_people_to_log_in(client):
    event = make_event(audience=Audience.MODEL_MUNICIPALITIES)
    url = reverse("events:detail", args=[event.pk])
    response = client.post(url, _form(event))
    assert response["Location"] == f"{reverse('accounts:login')}?next={url}"
    assert Registration.objects.count() == 0


def test_model_municipality_staff_register_with_their_municipality(client):
    muni = factories.MunicipalityFactory()
    model_cohort([muni])
    event = make_event(audience=Audience.MODEL_MUNICIPALITIES)
    person = factories.CoordinatorFactory(municipality=muni)
    client.force_login(person)
    client.post(reverse("events:detail", args=[event.pk]), _form(event, email=person.email))
    registration = Registration.objects.get()
    assert (registration.user, registration.municipality) == (person, muni)


def test_registration_after_deadline_shows_no_form(client):
    event = make_event(deadline=timezone.now() - dt.timedelta(hours=1))
    response = client.post(reverse("events:detail", args=[event.pk]), _form(event))
    assert response.status_code == 200
    assert response.context["form"] is None
    assert Registration.objects.count() == 0


def test_personal_link_with_wrong_token_is_404(client):
    register(make_event(), "Alex A")
    assert client.get(reverse("events:registration", args=["falsch"])).status_code == 404
    url = reverse("events:registration_cancel", args=["falsch"])
    assert client.post(url).status_code == 404


def test_personal_link_cancels(client):
    booked = register(make_event(), "Alex A")
    client.post(reverse("events:registration_cancel", args=[booked.token]))
    booked.registration.refresh_from_db()
    assert booked.registration.status == Status.CANCELLED


def test_personal_link_shows_join_link_only_when_confirmed(client):
    event = make_event(capacity=1, is_online=True, join_link="https://konferenz.example/raum")
    confirmed = register(event, "Alex A")
    waiting = register(event, "Berit B")
    assert (
        b"konferenz.example/raum"
        in client.get(reverse("events:registration", args=[confirmed.token])).content
    )
    assert (
        b"konferenz.example/raum"
        not in client.get(reverse("events:registration", args=[waiting.token])).content
    )
    assert (
        b"konferenz.example/raum"
        not in client.get(reverse("events:detail", args=[event.pk])).content
    )


def test_personal_link_changes_days(client):
    today = timezone.localdate()
    event = make_event(days=[today + dt.timedelta(days=5), today + dt.timedelta(days=6)])
    booked = register(event, "Alex A")
    second = event.days.last()
    response = client.post(
        reverse("events:registration", args=[booked.token]), {"tage": [str(second.pk)]}
    )
    assert response.status_code == 302
    assert list(booked.registration.days.all()) == [second]


def test_personal_link_from_offer_mail_accepts(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1)
    first = register(event, "Alex A")
    register(event, "Berit B")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("events:registration_cancel", args=[first.token]))
    offer = next(m for m in mailoutbox if m.subject.startswith("Ein Platz ist frei"))
    link = re.search(r"/veranstaltungen/anmeldung/([^/]+)/", offer.body)
    client.post(reverse("events:offer_accept", args=[link.group(1)]))
    assert Registration.objects.get(email="berit@example.org").status == Status.CONFIRMED


def test_feed_page_shows_new_token_once(client):
    user = factories.UserFactory(role=Role.TRAINER)
    client.force_login(user)
    client.post(reverse("events:feed"))
    first = client.get(reverse("events:feed"))
    assert first.context["token"]
    assert client.get(reverse("events:feed")).context["token"] is None


def test_feed_lists_confirmed_events_only(client):
    user = factories.UserFactory(role=Role.TRAINER, email="t@example.org")
    event = make_event(capacity=1, title="Bestätigt")
    register(event, "T T", email="t@example.org", user=user)
    full = make_event(capacity=0, title="Warteliste")
    register(full, "T T", email="t@example.org", user=user)
    token = feed_renew(user=user)
    response = client.get(reverse("events:feed_ics", args=[token]))
    summaries = [str(e["summary"]) for e in Calendar.from_ical(response.content).walk("VEVENT")]
    assert summaries == ["Bestätigt"]


def test_feed_with_wrong_token_is_404(client):
    feed_renew(user=factories.UserFactory(role=Role.TRAINER))
    assert client.get(reverse("events:feed_ics", args=["falsch"])).status_code == 404


def test_feed_page_needs_login(client):
    assert client.get(reverse("events:feed")).status_code == 302


def test_office_login_sees_all_audiences(client):
    make_event(title="Eingeladen", audience=Audience.INVITED)
    login_verified(client, factories.UserFactory(role=Role.OFFICE))
    assert [e.title for e in client.get(reverse("events:calendar")).context["events"]] == [
        "Eingeladen"
    ]


def test_registration_form_lets_the_browser_fill_in_name_and_email(client):
    event = make_event()

    html = client.get(reverse("events:detail", args=[event.pk])).content.decode()

    name = re.search(r'<input[^>]*name="name"[^>]*>', html).group(0)
    email = re.search(r'<input[^>]*name="email"[^>]*>', html).group(0)
    assert 'autocomplete="name"' in name
    assert 'autocomplete="email"' in email
    assert 'type="email"' in email
