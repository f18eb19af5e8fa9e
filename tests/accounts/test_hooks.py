"""The registry through which apps above accounts react to its changes."""

import pytest

from accounts import hooks
from advisory.services import member_link_invited
from network.services import membership_end_if_ineligible


@pytest.fixture
def empty_registry(monkeypatch):
    monkeypatch.setattr(hooks, "_account_changed", [])
    monkeypatch.setattr(hooks, "_invitation_accepted", [])


def test_account_changed_calls_every_receiver_with_the_person(empty_registry):
    calls = []
    hooks.on_account_changed(lambda *, user: calls.append(("first", user)))
    hooks.on_account_changed(lambda *, user: calls.append(("second", user)))

    hooks.account_changed_notify(user="person")

    assert calls == [("first", "person"), ("second", "person")]


def test_invitation_accepted_passes_invitation_and_person(empty_registry):
    calls = []
    hooks.on_invitation_accepted(lambda *, invitation, user: calls.append((invitation, user)))

    hooks.invitation_accepted_notify(invitation="invitation", user="person")

    assert calls == [("invitation", "person")]


def test_registering_the_same_receiver_twice_calls_it_once(empty_registry):
    calls = []

    def receiver(*, user):
        calls.append(user)

    hooks.on_account_changed(receiver)
    hooks.on_account_changed(receiver)

    hooks.account_changed_notify(user="person")

    assert calls == ["person"]


def test_network_and_advisory_register_when_the_apps_are_ready():
    assert hooks._account_changed == [membership_end_if_ineligible]
    assert hooks._invitation_accepted == [member_link_invited]
