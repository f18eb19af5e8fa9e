"""The office's registration list: its status filter, its query count, and the
attendance per day in the exports and the printable lists."""

import datetime as dt
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import Role
from events.checkin import check_in
from events.pdf import attendee_list_context
from tests import factories
from tests.events.helpers import make_event, register
from tests.helpers import login_verified

pytestmark = pytest.mark.django_db

DAY_1 = dt.date(2030, 4, 20)


@pytest.fixture
def office(client):
    login_verified(client, factories.UserFactory(role=Role.OFFICE))
    return client


def _options(html: str) -> list[tuple[str, str, bool]]:
    import re

    select = re.search(r'<select name="status".*?</select>', html, re.S).group(0)
    return [
        (value, label, bool(selected))
        for value, selected, label in re.findall(
            r'<option value="([^"]*)"( selected)?>([^<]*)</option>', select
        )
    ]


def test_status_filter_renders_german_options_with_the_chosen_one_selected(office):
    event = make_event(capacity=1)
    register(event, "Alex A")
    waiting = register(event, "Berit B").registration
    response = office.get(reverse("events:office_event", args=[event.pk]), {"status": "waiting"})
    html = response.content.decode()
    assert _options(html) == [
        ("", "Alle", False),
        ("awaiting_email", "Wartet auf Bestätigung der E-Mail-Adresse", False),
        ("unconfirmed", "Nicht bestätigt", False),
        ("confirmed", "Bestätigt", False),
        ("waiting", "Warteliste", True),
        ("pending_approval", "Wartet auf Freigabe", False),
        ("offered", "Platz angeboten", False),
        ("cancelled", "Abgesagt", False),
    ]
    assert [r.pk for r in response.context["registrations"]] == [waiting.pk]
    assert 'role="search" aria-label="Anmeldungen filtern"' in html
    assert "Anmeldungen mit Status „Warteliste“" in html
    assert 'class="filters"' in html


@pytest.mark.parametrize("count", [1, 3])
def test_office_registration_list_query_count_is_constant(office, count, django_assert_num_queries):
    event = make_event(capacity=1, days=[DAY_1, DAY_1 + dt.timedelta(days=1)])
    municipality = factories.MunicipalityFactory(name="Jena")
    for n in range(count):
        register(event, f"Person {n}", email=f"p{n}@example.org", municipality=municipality)
    with django_assert_num_queries(13):
        response = office.get(reverse("events:office_event", args=[event.pk]))
    assert len(response.context["registrations"]) == count


@pytest.fixture
def two_days_attended():
    """Alex comes on both days and was checked in on the first; Berit chose day two."""
    event = make_event(days=[DAY_1, DAY_1 + dt.timedelta(days=1)])
    first, second = event.days.all()
    alex = register(event, "Alex A").registration
    register(event, "Berit B", days=[second])
    office = factories.UserFactory(role=Role.OFFICE)
    check_in(actor=office, registration=alex, day=first, now=first.starts_at)
    return event


def test_csv_export_has_attendance_per_day(office, two_days_attended):
    event = two_days_attended
    response = office.get(reverse("events:office_export_csv", args=[event.pk]))
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines == [
        "Name;E-Mail-Adresse;Kommune;Status;Tage;Anwesend am 20.04.2030;Anwesend am 21.04.2030",
        "Alex A;alex@example.org;;Bestätigt;;ja;nein",
        "Berit B;berit@example.org;;Bestätigt;21.04.2030 10:00–16:00;–;nein",
    ]


def test_xlsx_export_has_attendance_per_day(office, two_days_attended):
    event = two_days_attended
    response = office.get(reverse("events:office_export_xlsx", args=[event.pk]))
    sheet = load_workbook(BytesIO(response.content)).active
    rows = [list(r)[-2:] for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert rows == [
        ["Anwesend am 20.04.2030", "Anwesend am 21.04.2030"],
        ["ja", "nein"],
        ["–", "nein"],
    ]


def test_printable_lists_show_the_check_ins(office, two_days_attended):
    event = two_days_attended
    rows = attendee_list_context(event=event)["rows"]
    assert [
        (r.registration.name, [c.checked_in_at is not None for c in r.cells]) for r in rows
    ] == [
        ("Alex A", [True, False]),
        ("Berit B", [False, False]),
    ]
    first = event.days.first()
    page = office.get(
        reverse("events:office_attendance", args=[event.pk, first.pk]), {"druck": "1"}
    )
    assert "seit 10:00 Uhr" in page.content.decode()
