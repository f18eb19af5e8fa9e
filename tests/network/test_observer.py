"""The observer: someone outside the network polls every page and export that shows
network counts after each single join and leave (and across the months in which counts
are published), and must not learn any count from 1 to 4 – read directly, from the
difference of two observations, or as a total minus the shown counts."""

import datetime as dt
import itertools
import re
from io import BytesIO

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.models import Role
from events.models import Audience
from network.services import counts_publish, membership_join, membership_leave
from tests import factories
from tests.events.helpers import make_event, register
from tests.helpers import finish, login_verified
from tests.network.helpers import member, members, staff
from tests.programme_helpers import model_cohort

BAND = re.compile(r"^(\d+) bis (\d+)$")
SMALL_NUMBER = re.compile(r"(?<![\w.,:/-])[1-4](?![\w.,:/-])")
HIDDEN = "weniger als 5"


def reading(text) -> int | None:
    """A published value as the observer reads it: the lower end of the band, or None."""
    text = str(text).strip()
    if text in (HIDDEN, "nicht ausgewiesen"):
        return None
    match = BAND.match(text)
    assert match, text
    low, high = int(match.group(1)), int(match.group(2))
    assert high == low + 4
    return low


def client_for(user) -> Client:
    client = Client()
    login_verified(client, user)
    return client


def main_text(html: str) -> str:
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main.split(">", 1)[1]))


def get_html(client, url) -> str:
    response = client.get(url)
    body = finish(response).decode()
    assert response.status_code == 200, url
    text = main_text(body)
    assert SMALL_NUMBER.findall(text) == [], (url, text)
    return body


def observe(*, office, hr, coordinator, call, event) -> dict:
    """Every count the three outsiders can read, keyed by where it stands."""
    seen = {}
    html = get_html(office, reverse("network_office:counts", args=[call.pk]))
    table = html.split('id="member-counts"')[1]
    for name, value in re.findall(
        r'<th scope="row" class="kern-table__header">([^<]+)</th>\s*'
        r'<td class="kern-table__cell">[^<]*</td>\s*<td class="kern-table__cell">([^<]*)</td>',
        table,
    ):
        seen[("page", name)] = reading(value)
    seen[("page", "total")] = reading(re.search(r'id="member-total">([^<]*)<', table).group(1))

    response = office.get(reverse("network_office:counts_export", args=[call.pk]))
    sheet = load_workbook(BytesIO(finish(response))).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows.index(
        ("Kommune", "Amtlicher Schlüssel", "Land", "Mitglieder (von)", "Mitglieder (bis)")
    )
    for name, _key, _land, low, high in rows[header + 1 :]:
        seen[("xlsx", name)] = None if high is None else reading(f"{low} bis {high}")
    for value in (v for row in rows for v in row):
        assert not (isinstance(value, int) and 0 < value < 5), value

    for who, client in (("hr", hr), ("coordinator", coordinator)):
        html = get_html(client, reverse("network:index"))
        sentence = re.search(r'id="member-count">(.*?)</p>', html, re.S).group(1)
        match = re.search(r"hat (weniger als 5|\d+ bis \d+) Mitglieder", sentence)
        seen[(who, "own")] = reading(match.group(1))

    html = get_html(office, reverse("events:office_event", args=[event.pk]))
    table = html.split('id="members-only-counts"')[1]
    for label, value in re.findall(
        r'<th scope="row" class="kern-table__header">([^<]+)</th>\s*'
        r'<td class="kern-table__cell">([^<]*)</td>',
        table,
    ):
        seen[("event", label)] = reading(value)
    html = get_html(office, reverse("events:office_index"))
    row = html.split(f'href="{reverse("events:office_event", args=[event.pk])}"')[1]
    cells = re.findall(r'<td class="kern-table__cell">([^<]*)</td>', row)[2:5]
    for label, value in zip(("confirmed", "waiting", "pending"), cells, strict=True):
        seen[("event list", label)] = reading(value)
    return seen


def assert_nothing_small(observations: list[dict]) -> None:
    for seen in observations:
        for value in seen.values():
            assert value is None or (value >= 5 and value % 5 == 0), seen
        for source in ("page", "xlsx"):
            total = seen.get((source, "total")) if source == "page" else None
            if total is not None:
                shown = [v for (s, k), v in seen.items() if s == source and k != "total"]
                assert None not in shown
                assert total - sum(shown) not in {1, 2, 3, 4}
    for before, after in itertools.pairwise(observations):
        for key in before.keys() & after.keys():
            if before[key] is not None and after[key] is not None:
                assert abs(after[key] - before[key]) not in {1, 2, 3, 4}, key


@pytest.fixture
def world(db):
    """Bergstraße with six members and nine other model municipalities with three
    members between them, as in the report; a members-only event they registered for."""
    bergstrasse = factories.MunicipalityFactory(name="Bergstraße")
    others = [factories.MunicipalityFactory(name=f"Kommune {n}") for n in "ABCDEFGHI"]
    call = model_cohort(
        [bergstrasse, *others],
        call=factories.CallFactory(title_de="Kohorte Nord", slug="kohorte-nord"),
    )
    locals_ = members(bergstrasse, 6)
    for municipality in others[:3]:
        member(municipality)
    event = make_event(audience=Audience.NETWORK_MEMBERS, capacity=30)
    for person in locals_:
        register(event, name=person.full_name, email=person.email, user=person)
    return {
        "call": call,
        "bergstrasse": bergstrasse,
        "locals": locals_,
        "event": event,
        "office": client_for(factories.UserFactory(role=Role.OFFICE)),
        "hr": client_for(staff(bergstrasse, role=Role.HR)),
        "coordinator": client_for(staff(bergstrasse, role=Role.COORDINATOR)),
    }


def _observe(world) -> dict:
    keys = ("office", "hr", "coordinator", "call", "event")
    return observe(**{key: world[key] for key in keys})


def test_observer_polling_after_each_join_and_leave_learns_no_count_below_five(world):
    counts_publish(call=world["call"])
    observations = [_observe(world)]
    leavers = world["locals"][:2]
    for person in leavers:  # 6 -> 5 -> 4
        membership_leave(user=person)
        observations.append(_observe(world))
    for person in leavers:  # 4 -> 5 -> 6
        membership_join(user=person)
        observations.append(_observe(world))
    # Within the month the member counts do not move at all.
    member_keys = [key for key in observations[0] if key[0] not in ("event", "event list")]
    assert {tuple(seen[k] for k in member_keys) for seen in observations} == {
        tuple(observations[0][k] for k in member_keys)
    }
    assert observations[0][("page", "Bergstraße")] == 5
    assert observations[0][("page", "total")] is None
    assert_nothing_small(observations)


def test_observer_across_months_with_one_change_each_learns_no_count_below_five(world):
    """The report's sequence, one change per month: 6, 5, 4, 5."""
    start = timezone.now()
    counts_publish(call=world["call"], now=start)
    observations = [_observe(world)]
    person_a, person_b = world["locals"][:2]
    changes = [
        lambda: membership_leave(user=person_a),
        lambda: membership_leave(user=person_b),
        lambda: membership_join(user=person_b),
    ]
    for months, change in enumerate(changes, start=1):
        change()
        observations.append(_observe(world))
        counts_publish(call=world["call"], now=start + dt.timedelta(days=32 * months))
        observations.append(_observe(world))
    assert [seen[("page", "Bergstraße")] for seen in observations[::2]] == [5, 5, None, 5]
    assert {seen[("page", "total")] for seen in observations} == {None}
    assert_nothing_small(observations)
