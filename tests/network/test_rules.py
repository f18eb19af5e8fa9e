"""The network's rules: who is inside, a member or a network coordinator, and the view
declaration that hands the view the person's access."""

from django.http import HttpResponse
from django.test import RequestFactory

from accounts.models import Role
from core.rules import rule_get
from network import rules
from tests.network.helpers import member, network_coordinator, staff


def answers(user) -> tuple[bool, bool, bool]:
    return (rules.inside(user), rules.member(user), rules.network_coordinator(user))


def test_member_is_inside_and_a_member(call, muni_a):
    assert answers(member(muni_a)) == (True, True, False)


def test_network_coordinator_is_inside_without_being_a_member(db):
    assert answers(network_coordinator()) == (True, False, True)


def test_staff_who_did_not_join_is_outside(call, muni_a):
    assert answers(staff(muni_a, role=Role.COORDINATOR)) == (False, False, False)


def test_rules_are_found_by_name_for_templates():
    assert rule_get("network.inside") is rules.inside
    assert rule_get("network.member") is rules.member
    assert rule_get("network.coordinator") is rules.network_coordinator


def test_declared_view_records_its_rule_and_hands_over_the_access(call, muni_a):
    seen = []

    def view(request):
        seen.append(request.network)
        return HttpResponse("ok")

    declared = rules.require_network(rules.member)(view)
    request = RequestFactory().get("/")
    request.user = member(muni_a)
    assert declared(request).status_code == 200
    assert seen[0].is_member is True
    assert declared.rule(request.user) is True
    assert declared.rule(staff(muni_a)) is False


def test_access_is_looked_up_once_per_account_object(call, muni_a, django_assert_num_queries):
    user = member(muni_a)
    rules.inside(user)
    with django_assert_num_queries(0):
        assert answers(user) == (True, True, False)
