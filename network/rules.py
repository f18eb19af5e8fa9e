"""Who may enter the closed part of the network.

Membership is not a role, so these rules come on top of the roles a view declares.
Everyone outside gets the same plain 403, whether or not the page exists for others:
the answer must not hint at who is a member.
"""

from functools import wraps

from core.permissions import require_roles
from core.rules import Rule, rule
from network.selectors import NetworkAccess, network_access

# A local workshop belongs to its municipality; national workshops, shared documents
# and announcements to the whole network.
MUNICIPAL_KWARGS = frozenset({"workshop_pk"})


def access_of(user) -> NetworkAccess:
    """The person's access, looked up once per account object.

    The view declaration, the view and its template all ask within one request, and the
    account object lives for one request, so the answer is kept on it: asking again
    would cost two queries each time and change nothing."""
    if not user.is_authenticated:
        return network_access(user=user)
    cached = getattr(user, "_network_access", None)
    if cached is None:
        cached = network_access(user=user)
        user._network_access = cached
    return cached


# Members and network coordinators: the member list, the closed space, sign-up numbers.
inside = rule("network.inside", lambda user, obj=None: access_of(user).inside)
member = rule("network.member", lambda user, obj=None: access_of(user).is_member)
network_coordinator = rule(
    "network.coordinator", lambda user, obj=None: access_of(user).is_coordinator
)


def require_network(network_rule: Rule, *roles):
    """``require_roles(*roles, rule=network_rule)``, and ``request.network`` holds the
    person's access for the view."""

    def decorator(view):
        @wraps(view)
        def with_access(request, *args, **kwargs):
            request.network = access_of(request.user)
            return view(request, *args, **kwargs)

        return require_roles(*roles, rule=network_rule)(with_access)

    return decorator
