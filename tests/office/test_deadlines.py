"""The programme's deadline calendar for the office, and its secret iCalendar feed."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from accounts.models import Role
from applications.models import Application
from core.models import AuditEntry, FeedToken
from evaluation.models import Survey, TargetKind
from office.calendar import add_months, deadlines_by_month
from reviews.models import Assignment, Screening
from tests import factories
from tests.evaluation.helpers import instrument
from tests.events.helpers import make_event
from tests.funding.helpers import funded_cohort
from tests.helpers import login_verified
from tests.programme_helpers import berlin

pytestmark = pytest.mark.django_db

URL = reverse("office:deadlines")
FEED = reverse("office:deadlines_feed")


@pytest.fixture
def office(client):
    user = factories.UserFactory(role=Role.OFFICE)
    login_verified(client, user)
    return user


def _feed_url(client) -> str:
    """Make a new secret address and read it off the page (shown once)."""
    client.post(FEED, {"aktion": "erneuern"})
    token = client.get(URL).context["token"]
    return reverse("office:deadlines_ics", args=[token])


def _call(day: dt.date, title="Modellkommunen 2027"):
    return factories.CallFactory(
        title_de=title,
        opens_at=berlin(day.year - 1, 1, 1),
        deadline=berlin(day.year, day.month, day.day, 23, 59),
    )


def _review_due(day: dt.date, call):
    reviewer = factories.UserFactory(role=Role.REVIEWER)
    application = factories.ApplicationFactory(
        call=call, status=Application.Status.SUBMITTED, submitted_at=timezone.now()
    )
    Screening.objects.create(application=application, status="eligible", decided_at=timezone.now())
    Assignment.objects.create(application=application, reviewer=reviewer, due_date=day)


def _survey(opens: dt.date, closes: dt.date, title="Vorher-Befragung Jena"):
    return Survey.objects.create(
        version=instrument(f"instrument-{Survey.objects.count()}"),
        title=title,
        phase="single",
        target_kind=TargetKind.MUNICIPALITY,
        opens_at=berlin(opens.year, opens.month, opens.day, 9),
        closes_at=berlin(closes.year, closes.month, closes.day, 18),
    )


def test_add_months_keeps_the_day_or_takes_the_months_last():
    assert add_months(dt.date(2026, 11, 30), 3) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2026, 12, 7), 3) == dt.date(2027, 3, 7)
    assert add_months(dt.date(2026, 1, 15), 24) == dt.date(2028, 1, 15)


def test_deadlines_list_every_kind_by_month_and_day():
    today = dt.date(2027, 1, 10)
    call = _call(dt.date(2027, 1, 31))
    _review_due(dt.date(2027, 2, 1), call)
    make_event(title="Netzwerktreffen", days=[dt.date(2027, 2, 14), dt.date(2027, 2, 15)])
    _survey(dt.date(2027, 1, 20), dt.date(2027, 3, 1))
    funded = funded_cohort(count=1)
    funded.title_de = "Kohorte 2025"
    funded.save()
    _survey(dt.date(2026, 1, 1), dt.date(2026, 2, 1), title="Vergangen")

    months = deadlines_by_month(today=today, months=3)

    rows = [(month, [(d.day, str(d.kind), d.title) for d in items]) for month, items in months]
    assert rows == [
        (
            dt.date(2027, 1, 1),
            [
                (dt.date(2027, 1, 20), "Beginn einer Befragung", "Vorher-Befragung Jena"),
                (dt.date(2027, 1, 31), "Bewerbungsschluss", "Modellkommunen 2027"),
            ],
        ),
        (
            dt.date(2027, 2, 1),
            [
                (
                    dt.date(2027, 2, 1),
                    "Frist der Begutachtung",
                    "Modellkommunen 2027: 1 Gutachten offen",
                ),
                (dt.date(2027, 2, 14), "Veranstaltung", "Netzwerktreffen"),
                (dt.date(2027, 2, 15), "Veranstaltung", "Netzwerktreffen"),
            ],
        ),
        (
            dt.date(2027, 3, 1),
            [(dt.date(2027, 3, 1), "Ende einer Befragung", "Vorher-Befragung Jena")],
        ),
    ]


def test_deadlines_list_the_proofs_of_use_when_they_are_due():
    call = funded_cohort(count=1)
    call.title_de = "Kohorte 2025"
    call.save()

    months = deadlines_by_month(today=dt.date(2027, 4, 1), months=3)

    items = [(d.day, str(d.kind), d.title, d.url) for _month, ds in months for d in ds]
    url = reverse("funding_office_reports:reports", args=[call.pk])
    assert items == [
        (dt.date(2027, 4, 30), "Zwischennachweis fällig", "Kohorte 2025, Förderjahr 2026", url)
    ]


def test_deadlines_page_shows_german_dates_grouped_by_month(client, office):
    day = timezone.localdate() + dt.timedelta(days=5)
    _call(day, title="Aufruf Süd")

    html = client.get(URL).content.decode()

    month = {1: "Januar", 2: "Februar", 3: "März", 4: "April", 5: "Mai", 6: "Juni", 7: "Juli"}
    month |= {8: "August", 9: "September", 10: "Oktober", 11: "November", 12: "Dezember"}
    assert f">{month[day.month]} {day.year}</h2>" in html
    assert f"{day:%d.%m.%Y}" in html
    assert "Aufruf Süd" in html
    assert "Bewerbungsschluss" in html


def test_deadlines_page_offers_more_months_until_the_most(client, office):
    first = client.get(URL)
    last = client.get(URL, {"monate": "24"})
    odd = client.get(URL, {"monate": "99"})

    assert first.context["reach"] == 3
    assert f'href="{URL}?monate=6"' in first.content.decode()
    assert last.context["more"] is None
    assert odd.context["reach"] == 24


@pytest.mark.parametrize("count", [1, 3])
def test_deadlines_page_query_count_does_not_grow(client, office, count, django_assert_num_queries):
    day = timezone.localdate() + dt.timedelta(days=10)
    for index in range(count):
        call = _call(day, title=f"Aufruf {index}")
        _review_due(day, call)
        make_event(title=f"Treffen {index}", days=[day])
        _survey(day, day + dt.timedelta(days=3), title=f"Befragung {index}")
        funded_cohort(count=1)

    # Session, user, OTP device; calls 1, reviews 1, events 1, surveys 1, proofs 3,
    # the feed 1.
    with django_assert_num_queries(11):
        response = client.get(URL)

    assert len([d for _m, ds in response.context["months"] for d in ds]) >= 5 * count


def test_feed_address_is_made_once_and_audited(client, office):
    client.post(FEED, {"aktion": "erneuern"})
    page = client.get(URL)
    again = client.get(URL)

    token = page.context["token"]
    feed = FeedToken.objects.get(user=office)
    assert feed.token_hash != token
    assert reverse("office:deadlines_ics", args=[token]) in page.content.decode()
    assert again.context["token"] is None
    entry = AuditEntry.objects.get(action="core.feed_token_created")
    assert (entry.actor, entry.object_id) == (office, str(feed.pk))


def test_feed_renewal_stops_the_old_address_and_is_audited(client, office):
    old = _feed_url(client)
    new = _feed_url(client)

    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200
    assert AuditEntry.objects.filter(action="core.feed_token_renewed", actor=office).count() == 1


def test_feed_revoked_answers_404(client, office):
    url = _feed_url(client)

    client.post(FEED, {"aktion": "sperren"})

    assert client.get(url).status_code == 404
    assert FeedToken.objects.filter(user=office).exists() is False
    assert AuditEntry.objects.filter(action="core.feed_token_revoked").count() == 1


def test_feed_of_someone_who_left_the_office_answers_404(client, office):
    url = _feed_url(client)
    office.role = Role.COORDINATOR
    office.save()

    assert client.get(url).status_code == 404


def test_feed_of_a_deactivated_account_answers_404(client, office):
    url = _feed_url(client)
    office.is_active = False
    office.save()

    assert client.get(url).status_code == 404


def test_feed_is_valid_icalendar_with_whole_days_and_stable_uids(client, office):
    day = timezone.localdate() + dt.timedelta(days=12)
    _call(day, title="Aufruf; Nord, mit Komma und einem sehr langen Titel " + "x" * 60)
    url = _feed_url(client)

    first = client.get(url)
    second = client.get(url)

    body = first.content
    assert first["Content-Type"] == "text/calendar; charset=utf-8"
    assert all(len(line) <= 75 for line in body.split(b"\r\n"))
    assert f"DTSTART;VALUE=DATE:{day:%Y%m%d}".encode() in body
    assert f"DTEND;VALUE=DATE:{day + dt.timedelta(days=1):%Y%m%d}".encode() in body
    assert b"Aufruf\\; Nord\\, mit Komma" in body.replace(b"\r\n ", b"")
    events = Calendar.from_ical(body).walk("VEVENT")
    assert len(events) == 1
    assert str(events[0]["summary"]).startswith("Bewerbungsschluss: Aufruf; Nord, mit Komma")
    assert events[0]["dtstamp"].dt.tzinfo is not None
    uids = [str(e["uid"]) for e in Calendar.from_ical(second.content).walk("VEVENT")]
    assert uids == [str(events[0]["uid"])]


def test_feed_with_an_unknown_secret_answers_404(client, db):
    url = reverse("office:deadlines_ics", args=["unbekannt"])

    assert client.get(url).status_code == 404
