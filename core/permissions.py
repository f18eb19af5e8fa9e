"""Who may use a view, declared on the view itself.

Every view of the site is wrapped by ``public`` or ``require_roles`` (or uses the
matching mixin), which sets ``view.access``. The role × URL test refuses any URL whose
view declares nothing, so a new view cannot forget its rule.

Answers: anonymous people are sent to the log-in page; a logged-in person without the
role gets 403; objects of another municipality are never found (selectors scope them,
so the answer is 404).

A view may also name a rule (``core.rules``) that decides beyond the role, e.g. "is a
member of the network". ``view.rule`` holds the whole rule (role and extra rule), so
the role × URL test can ask it for every person: where it is false, the answer is 403.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from core.rules import Rule, has_role, logged_in

PUBLIC = "public"
AUTHENTICATED = "authenticated"


def public(view):
    view.access = PUBLIC
    view.rule = None
    return view


def require_roles(*roles, rule: Rule | None = None):
    """Allow only logged-in people with one of ``roles`` (or any role if none given)
    for whom ``rule`` (if given) holds."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            denial = check_access(request, roles, rule)
            if denial is not None:
                return denial
            return view(request, *args, **kwargs)

        wrapped.access = frozenset(roles) if roles else AUTHENTICATED
        wrapped.rule = view_rule(roles, rule)
        return wrapped

    return decorator


def view_rule(roles, rule: Rule | None) -> Rule:
    """The whole rule of a view: its roles (or being logged in) and its extra rule."""
    base = has_role(*roles) if roles else logged_in
    return base & rule if rule is not None else base


def check_access(request, roles, rule: Rule | None = None):
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if roles and user.role not in roles:
        raise PermissionDenied
    if rule is not None and not rule(user):
        raise PermissionDenied
    return None


class RoleRequiredMixin:
    """Class-based twin of ``require_roles``; set ``allowed_roles`` (empty: any role)."""

    allowed_roles: tuple = ()

    @classmethod
    def as_view(cls, **initkwargs):
        view = super().as_view(**initkwargs)
        view.access = frozenset(cls.allowed_roles) if cls.allowed_roles else AUTHENTICATED
        view.rule = view_rule(cls.allowed_roles, None)
        return view

    def dispatch(self, request, *args, **kwargs):
        denial = check_access(request, self.allowed_roles)
        if denial is not None:
            return denial
        return super().dispatch(request, *args, **kwargs)


class PublicMixin:
    @classmethod
    def as_view(cls, **initkwargs):
        view = super().as_view(**initkwargs)
        view.access = PUBLIC
        view.rule = None
        return view
