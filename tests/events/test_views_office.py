import datetime as dt
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.models import Role
from events.models import Attendance, Event, Registration, Status
from tests import factories
from tests.events.helpers import make_event, register
from tests.helpers import login_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(client):
    login_verified(client, factories.UserFactory(role=Role.OFFICE))
    return client


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.TRAINER, Role.REVIEWER, Role.HR])
def test_office_pages_refuse_other_roles(client, role):
    event = make_event()
    login_verified(client, factories.UserFactory(role=role))
    for url in (
        reverse("events:office_index"),
        reverse("events:office_event", args=[event.pk]),
        reverse("events:office_export_xlsx", args=[event.pk]),
    ):
        assert client.get(url).status_code == 403


def test_office_pages_send_anonymous_people_to_log_in(client):
    assert client.get(reverse("events:office_index")).status_code == 302


def test_office_unknown_event_is_404(office):
    assert office.get(reverse("events:office_event", args=[999])).status_code == 404


def test_office_members_only_event_with_approval_is_a_field_error(office):
    data = {
        "title": "Netzwerktreffen",
        "place": "Jena",
        "audience": "network_members",
        "capacity": "20",
        "needs_approval": "on",
        "retention_months": "6",
        "offer_hours": "48",
        "tage-TOTAL_FORMS": "1",
        "tage-INITIAL_FORMS": "0",
        "tage-MIN_NUM_FORMS": "1",
        "tage-MAX_NUM_FORMS": "1000",
        "tage-0-date": "2026-04-20",
        "tage-0-start_time": "10:00",
        "tage-0-end_time": "17:00",
        "fragen-TOTAL_FORMS": "0",
        "fragen-INITIAL_FORMS": "0",
        "fragen-MIN_NUM_FORMS": "0",
        "fragen-MAX_NUM_FORMS": "1000",
    }
    response = office.post(reverse("events:office_create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["needs_approval"] == [
        "Veranstaltungen nur für Mitglieder des Netzwerks werden ohne Freigabe "
        "angelegt: die Geschäftsstelle sieht dort keine Namen."
    ]
    assert not Event.objects.exists()


def test_office_creates_event_with_days_and_questions(office):
    data = {
        "title": "Netzwerktreffen Jena",
        "description": "Zwei Tage Austausch.",
        "place": "Jena",
        "address": "Markt 1",
        "audience": "everyone",
        "capacity": "40",
        "registration_deadline": "2026-04-01T12:00",
        "retention_months": "6",
        "offer_hours": "48",
        "tage-TOTAL_FORMS": "2",
        "tage-INITIAL_FORMS": "0",
        "tage-MIN_NUM_FORMS": "1",
        "tage-MAX_NUM_FORMS": "1000",
        "tage-0-date": "2026-04-20",
        "tage-0-start_time": "10:00",
        "tage-0-end_time": "17:00",
        "tage-1-date": "2026-04-21",
        "tage-1-start_time": "09:00",
        "tage-1-end_time": "13:00",
        "fragen-TOTAL_FORMS": "1",
        "fragen-INITIAL_FORMS": "0",
        "fragen-MIN_NUM_FORMS": "0",
        "fragen-MAX_NUM_FORMS": "1000",
        "fragen-0-label": "Essen",
        "fragen-0-kind": "choice",
        "fragen-0-choices": "vegetarisch\nvegan",
        "fragen-0-position": "1",
    }
    response = office.post(reverse("events:office_create"), data)
    event = Event.objects.get()
    assert response["Location"] == reverse("events:office_event", args=[event.pk])
    assert [(d.date, d.start_time) for d in event.days.all()] == [
        (dt.date(2026, 4, 20), dt.time(10)),
        (dt.date(2026, 4, 21), dt.time(9)),
    ]
    assert event.questions.get().choice_list() == ["vegetarisch", "vegan"]
    assert timezone.localtime(event.registration_deadline).hour == 12


def test_office_event_form_errors_at_fields(office):
    data = {"title": "", "tage-TOTAL_FORMS": "0", "tage-INITIAL_FORMS": "0"}
    data.update({"fragen-TOTAL_FORMS": "0", "fragen-INITIAL_FORMS": "0"})
    response = office.post(reverse("events:office_create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["title"] == ["Dieses Feld ist zwingend erforderlich."]
    assert Event.objects.count() == 0


def test_office_list_filters_by_status(office):
    event = make_event(capacity=1)
    register(event, "Alex A")
    register(event, "Berit B")
    response = office.get(reverse("events:office_event", args=[event.pk]), {"status": "waiting"})
    assert [r.name for r in response.context["registrations"]] == ["Berit B"]


def _fill(event, n, start=0):
    muni = factories.MunicipalityFactory()
    for i in range(start, start + n):
        register(event, f"Person{i} X", email=f"p{i}-{event.pk}@example.org", municipality=muni)


def _queries_for_registrations(client, event):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("events:office_event", args=[event.pk]))
    assert response.status_code == 200
    return len(queries)


def test_office_registrations_query_count_is_constant(office):
    one, three = make_event(title="Eins"), make_event(title="Drei")
    _fill(one, 1)
    _fill(three, 3)
    assert _queries_for_registrations(office, one) == _queries_for_registrations(office, three)


def test_office_index_query_count_is_constant(office, django_assert_max_num_queries):
    make_event(title="Eins")
    with django_assert_max_num_queries(10):
        office.get(reverse("events:office_index"))
    for n in range(5):
        _fill(make_event(title=f"Mehr {n}"), 2)
    with django_assert_max_num_queries(10):
        office.get(reverse("events:office_index"))


def test_office_attendance_query_count_is_constant(office, django_assert_max_num_queries):
    event = make_event(capacity=20)
    day = event.days.get()
    _fill(event, 1)
    url = reverse("events:office_attendance", args=[event.pk, day.pk])
    with django_assert_max_num_queries(12):
        office.get(url)
    _fill(event, 6, start=1)
    with django_assert_max_num_queries(12):
        office.get(url)


def test_office_approves_registration(office):
    event = make_event(needs_approval=True)
    registration = register(event, "Alex A").registration
    url = reverse("events:office_decide", args=[event.pk, registration.pk])
    office.post(url, {"entscheidung": "annehmen"})
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


def test_office_decide_other_events_registration_is_404(office):
    event, other = make_event(), make_event(needs_approval=True)
    registration = register(other, "Alex A").registration
    url = reverse("events:office_decide", args=[event.pk, registration.pk])
    assert office.post(url, {"entscheidung": "annehmen"}).status_code == 404


def test_office_checks_in_per_day(office):
    today = timezone.localdate()
    event = make_event(days=[today, today + dt.timedelta(days=1)])
    # From midnight, so that the day's check-in is open whenever the test runs.
    event.days.update(start_time=dt.time(0))
    registration = register(event, "Alex A").registration
    first, second = event.days.all()
    office.post(reverse("events:office_check_in", args=[event.pk, first.pk, registration.pk]))
    assert list(Attendance.objects.values_list("day", flat=True)) == [first.pk]
    response = office.get(reverse("events:office_attendance", args=[event.pk, second.pk]))
    assert [r.today for r in response.context["attendees"]] == [[]]


def test_office_print_view_lists_confirmed(office):
    event = make_event(capacity=1)
    register(event, "Alex A")
    register(event, "Berit B")
    day = event.days.get()
    response = office.get(
        reverse("events:office_attendance", args=[event.pk, day.pk]), {"druck": "1"}
    )
    assert [t.name for t in response.templates][0] == "events/office/print.html"
    assert [r.name for r in response.context["attendees"]] == ["Alex A"]


def test_office_print_view_of_a_network_event_answers_404(office):
    event = make_event(audience="network_members")
    day = event.days.get()
    response = office.get(
        reverse("events:office_attendance", args=[event.pk, day.pk]), {"druck": "1"}
    )
    assert response.status_code == 404


def test_office_export_xlsx_opens(office):
    event = make_event()
    question = event.questions.create(label="Essen")
    booked = register(
        event,
        "=Alex A",
        email="alex@example.org",
        municipality=factories.MunicipalityFactory(name="Jena"),
    )
    Registration.objects.filter(pk=booked.registration.pk).update(
        answers={str(question.pk): "vegan"}
    )
    response = office.get(reverse("events:office_export_xlsx", args=[event.pk]))
    sheet = load_workbook(BytesIO(response.content)).active
    rows = [list(r) for r in sheet.iter_rows(min_row=2, values_only=True)]
    present = f"Anwesend am {event.days.get().date:%d.%m.%Y}"
    assert rows[0] == ["Name", "E-Mail-Adresse", "Kommune", "Status", "Tage", "Essen", present]
    assert rows[1] == ["=Alex A", "alex@example.org", "Jena", "Bestätigt", None, "vegan", "nein"]
    assert sheet["A3"].data_type == "s"


def test_office_export_csv(office):
    event = make_event()
    register(event, "=Alex A", email="alex@example.org")
    response = office.get(reverse("events:office_export_csv", args=[event.pk]))
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines == [
        f"Name;E-Mail-Adresse;Kommune;Status;Tage;Anwesend am {event.days.get().date:%d.%m.%Y}",
        "'=Alex A;alex@example.org;;Bestätigt;;nein",
    ]


def test_office_counts_per_municipality_survive_anonymisation(office):
    from events.services import anonymise_due

    jena = factories.MunicipalityFactory(name="Jena")
    event = make_event(days=[dt.date(2025, 11, 18)], capacity=5)
    register(event, "Alex A", municipality=jena)
    register(event, "Berit B", municipality=jena)
    register(event, "Cem C")
    anonymise_due(today=dt.date(2026, 6, 1))
    response = office.get(reverse("events:office_event", args=[event.pk]))
    counts = [(c.name, c.confirmed, c.attended) for c in response.context["counts"]]
    assert counts == [("Jena", 2, 0), ("", 1, 0)]


@pytest.mark.parametrize("name", ["events:office_export_csv", "events:office_export_xlsx"])
def test_office_export_query_count_is_constant(office, name, django_assert_num_queries):
    event = make_event(capacity=20)
    _fill(event, 1)
    url = reverse(name, args=[event.pk])
    with django_assert_num_queries(9):
        office.get(url)
    _fill(event, 6, start=1)
    with django_assert_num_queries(9):
        office.get(url)
