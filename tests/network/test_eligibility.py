"""A membership counts only while its person may belong: active, in a joining role and
still approved for the municipality they joined for. A change of role or municipality
deletes it at once, without an audit entry about it."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role, User
from accounts.services import user_profile_update, user_role_change
from core.models import AuditEntry
from network.models import Membership, WorkshopSignup
from network.selectors import (
    cohort_member_counts,
    municipality_member_count,
    network_access,
    workshops_for,
)
from network.services import (
    counts_publish,
    membership_end_if_ineligible,
    membership_join,
    signup_add,
)
from tests.network.helpers import member, members, network_coordinator, workshop

MEMBERS = reverse("network:members")


def member_names(client) -> list[str]:
    html = client.get(MEMBERS).content.decode()
    return re.findall(r'<th scope="row" class="kern-table__header">([^<]*)</th>', html)


def change_behind_the_network(user, **fields) -> None:
    """A change of the account that does not pass through the accounts services."""
    User.objects.filter(pk=user.pk).update(**fields)


# --- (a) a membership left behind neither opens the network nor counts -----------------


@pytest.mark.parametrize(
    "fields",
    [
        {"role": Role.ADVISORY},
        {"municipality_approved_at": None},
        {"is_active": False},
    ],
    ids=["role", "approval", "active"],
)
def test_membership_left_behind_gives_no_access(call, muni_a, fields):
    user = member(muni_a)
    change_behind_the_network(user, **fields)
    user.refresh_from_db()
    access = network_access(user=user)
    assert (access.is_member, access.inside) == (False, False)


def test_membership_of_a_former_municipality_gives_no_access(call, muni_a, muni_b):
    user = member(muni_a)
    change_behind_the_network(user, municipality=muni_b)
    user.refresh_from_db()
    assert network_access(user=user).is_member is False


def test_member_whose_role_changed_gets_403_on_the_member_list(login, call, muni_a):
    user = member(muni_a)
    client = login(user)
    assert client.get(MEMBERS).status_code == 200
    change_behind_the_network(user, role=Role.ADVISORY)
    assert client.get(MEMBERS).status_code == 403


def test_member_list_leaves_out_members_who_may_no_longer_belong(login, call, muni_a, muni_b):
    staying = member(muni_a, full_name="Ada Bleibt")
    moved = member(muni_a, full_name="Bert Umgezogen")
    gone = member(muni_a, full_name="Cem Deaktiviert")
    Membership.objects.update(show_name=True)
    change_behind_the_network(moved, municipality=muni_b)
    change_behind_the_network(gone, is_active=False)
    assert member_names(login(network_coordinator())) == [staying.full_name]


def test_municipality_count_leaves_out_members_who_may_no_longer_belong(call, muni_a):
    users = members(muni_a, 5)
    counts_publish(call=call)
    assert municipality_member_count(municipality_id=muni_a.pk).count == 5
    change_behind_the_network(users[0], role=Role.ADVISORY)
    counts_publish(call=call, now=timezone.now() + dt.timedelta(days=32))
    assert municipality_member_count(municipality_id=muni_a.pk).count is None


def test_office_counts_leave_out_members_who_may_no_longer_belong(call, muni_a, muni_b):
    users = members(muni_a, 6)
    members(muni_b, 5)
    change_behind_the_network(users[0], is_active=False)
    counts_publish(call=call)
    counts = cohort_member_counts(call=call)
    assert [(row.municipality, row.count) for row in counts.rows] == [(muni_b, 5), (muni_a, 5)]
    assert counts.total == 10


def test_signup_numbers_leave_out_members_who_may_no_longer_belong(call, muni_a):
    planned = workshop(call, capacity=2)
    first, second = members(muni_a, 2)
    for user in (first, second):
        signup_add(membership=user.network_membership, workshop=planned)
    change_behind_the_network(first, is_active=False)
    access = network_access(user=network_coordinator())
    assert [w.signup_count for w in workshops_for(access=access)] == [1]
    # The place the former member held is free again.
    third = member(muni_a)
    assert signup_add(membership=third.network_membership, workshop=planned).workshop == planned


# --- (b) a change of role or municipality ends the membership --------------------------


def test_role_change_to_a_role_that_cannot_join_deletes_membership_and_signups(
    call, muni_a, office_user
):
    user = member(muni_a)
    signup_add(membership=user.network_membership, workshop=workshop(call))
    user_role_change(actor=office_user, user=user, role=Role.ADVISORY, municipality=muni_a)
    assert Membership.objects.filter(user=user).exists() is False
    assert WorkshopSignup.objects.count() == 0


def test_municipality_change_deletes_the_membership(call, muni_a, muni_b, office_user):
    user = member(muni_a)
    user_role_change(actor=office_user, user=user, role=Role.TEAM_MEMBER, municipality=muni_b)
    assert Membership.objects.filter(user=user).exists() is False


def test_change_between_joining_roles_keeps_the_membership(call, muni_a, office_user):
    user = member(muni_a)
    user_role_change(actor=office_user, user=user, role=Role.HR, municipality=muni_a)
    assert Membership.objects.filter(user=user, municipality=muni_a).exists() is True


def test_role_change_writes_no_audit_entry_about_the_membership(call, muni_a, office_user):
    user = member(muni_a)
    before = AuditEntry.objects.count()
    user_role_change(actor=office_user, user=user, role=Role.ADVISORY, municipality=muni_a)
    entries = list(AuditEntry.objects.order_by("pk")[before:])
    assert [(e.action, e.object_type, e.changes) for e in entries] == [
        ("account.role_changed", "accounts.user", {"role": [Role.TEAM_MEMBER, Role.ADVISORY]})
    ]


def test_deactivated_account_loses_its_membership(call, muni_a):
    user = member(muni_a)
    signup_add(membership=user.network_membership, workshop=workshop(call))
    user.is_active = False
    assert membership_end_if_ineligible(user=user) is True
    assert Membership.objects.filter(user=user).exists() is False
    assert WorkshopSignup.objects.count() == 0


def test_ending_keeps_the_membership_of_someone_who_may_belong(call, muni_a):
    user = member(muni_a)
    assert membership_end_if_ineligible(user=user) is False
    assert Membership.objects.filter(user=user).exists() is True


def test_joining_again_for_a_new_municipality_replaces_the_left_over_membership(
    call, muni_a, muni_b
):
    user = member(muni_a)
    change_behind_the_network(user, municipality=muni_b, municipality_approved_at=timezone.now())
    user.refresh_from_db()
    membership = membership_join(user=user)
    assert membership.municipality == muni_b
    assert network_access(user=user).is_member is True


# --- name and e-mail address come from the account ---------------------------------------


def test_member_list_shows_the_current_name(login, call, muni_a):
    user = member(muni_a, full_name="Dana Alt", email="alt@musterstadt.de")
    Membership.objects.update(show_name=True)
    user_profile_update(user=user, full_name="Dana Neu", language=user.language)
    html = login(network_coordinator()).get(MEMBERS).content.decode()
    assert re.findall(r'<th scope="row" class="kern-table__header">([^<]*)</th>', html) == [
        "Dana Neu"
    ]


def test_member_list_is_ordered_by_the_current_name(login, call, muni_a):
    first = member(muni_a, full_name="Anna")
    member(muni_a, full_name="Berta")
    Membership.objects.update(show_name=True)
    user_profile_update(user=first, full_name="Zora", language=first.language)
    assert member_names(login(network_coordinator())) == ["Berta", "Zora"]
