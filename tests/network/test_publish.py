"""Publishing the monthly counts: once per month and cohort, stored already suppressed."""

import datetime as dt

from django.core.management import call_command
from django.utils import timezone

from network.models import CountSnapshot, CountSnapshotRow
from network.selectors import cohort_member_counts
from network.services import counts_publish, counts_publish_all
from tests.network.helpers import member, members


def test_publishing_twice_in_a_month_keeps_the_first_snapshot(call, muni_a):
    members(muni_a, 6)
    first = counts_publish(call=call)
    members(muni_a, 4)
    assert counts_publish(call=call) == first
    assert CountSnapshot.objects.count() == 1
    assert cohort_member_counts(call=call).rows[1].count == 5


def test_a_new_month_publishes_a_new_snapshot(call, muni_a):
    members(muni_a, 6)
    counts_publish(call=call)
    members(muni_a, 4)
    later = timezone.now() + dt.timedelta(days=32)
    counts_publish(call=call, now=later)
    counts = cohort_member_counts(call=call)
    assert counts.period == timezone.localtime(later).date().replace(day=1)
    assert {row.municipality: row.count for row in counts.rows} == {muni_a: 10, call_b(call): None}


def call_b(call):
    from programme.cohort import cohort_municipalities

    return cohort_municipalities(call=call).exclude(name="Musterstadt").get()


def test_snapshot_stores_no_count_below_five(call, muni_a, muni_b):
    member(muni_a)
    counts_publish(call=call)
    assert list(CountSnapshotRow.objects.values_list("count", flat=True)) == [None, None]
    assert CountSnapshot.objects.get().total is None


def test_pages_show_nothing_before_the_first_publication(call, muni_a):
    members(muni_a, 6)
    counts = cohort_member_counts(call=call)
    assert (counts.period, counts.rows, counts.total) == (None, [], None)


def test_command_publishes_every_cohort_once_a_month(call, muni_a, capsys):
    call_command("network_publish_counts")
    call_command("network_publish_counts")
    assert CountSnapshot.objects.filter(call=call).count() == 1
    assert capsys.readouterr().out.splitlines() == [
        "1 new snapshot(s) of member counts published.",
        "0 new snapshot(s) of member counts published.",
    ]


def test_publish_all_counts_new_snapshots(call):
    assert counts_publish_all() == 1
    assert counts_publish_all() == 0
