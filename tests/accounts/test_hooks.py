"""The apps above accounts react to its changes through the hooks it owns."""

from accounts.hooks import account_changed, invitation_accepted
from advisory.services import member_link_invited
from network.services import membership_end_if_ineligible


def test_the_network_ends_memberships_when_an_account_changes():
    assert account_changed.receivers == (membership_end_if_ineligible,)


def test_the_advisory_boards_link_members_when_an_invitation_is_accepted():
    assert invitation_accepted.receivers == (member_link_invited,)
