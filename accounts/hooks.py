"""How apps above `accounts` react to changes of an account without `accounts` knowing them.

A person's memberships live in the apps that own them (the staff network, the local
advisory boards). `accounts` must not import those apps, so each registers its reaction
here in its ``AppConfig.ready`` and the accounts services notify whatever is registered,
inside their own transaction. A receiver only calls its app's service."""

from collections.abc import Callable

_account_changed: list[Callable[..., object]] = []
_invitation_accepted: list[Callable[..., object]] = []


def _register(receivers: list, receiver: Callable) -> Callable:
    # ready() may run more than once (tests, reloads); one registration is enough.
    if receiver not in receivers:
        receivers.append(receiver)
    return receiver


def on_account_changed(receiver: Callable[..., object]) -> Callable[..., object]:
    """Register ``receiver(user=...)``, called after a person's role, activity or approved
    municipality changed, with the person as saved."""
    return _register(_account_changed, receiver)


def on_invitation_accepted(receiver: Callable[..., object]) -> Callable[..., object]:
    """Register ``receiver(invitation=..., user=...)``, called when an invitation gave an
    account (new or existing) its role."""
    return _register(_invitation_accepted, receiver)


def account_changed_notify(*, user) -> None:
    for receiver in _account_changed:
        receiver(user=user)


def invitation_accepted_notify(*, invitation, user) -> None:
    for receiver in _invitation_accepted:
        receiver(invitation=invitation, user=user)
