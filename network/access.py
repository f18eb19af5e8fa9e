"""Who may enter the closed part of the network.

Membership is not a role, so these checks come on top of ``require_roles`` (which
decides who is logged in). Everyone outside gets the same plain 403, whether or not
the page exists for others: the answer must not hint at who is a member.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied

from network.selectors import network_access


def require_inside(view):
    """Members and network coordinators only; ``request.network`` holds their access."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        access = network_access(user=request.user)
        if not access.inside:
            raise PermissionDenied
        request.network = access
        return view(request, *args, **kwargs)

    return wrapped


def require_member(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        access = network_access(user=request.user)
        if not access.is_member:
            raise PermissionDenied
        request.network = access
        return view(request, *args, **kwargs)

    return wrapped


def require_network_coordinator(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        access = network_access(user=request.user)
        if not access.is_coordinator:
            raise PermissionDenied
        request.network = access
        return view(request, *args, **kwargs)

    return wrapped
