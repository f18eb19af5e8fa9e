"""Named rules: who may do what, said once and asked everywhere.

A ``Rule`` is a test ``(user, obj=None) -> bool`` with a name. Each app declares its
rules in its ``rules.py``; the view declaration (``require_roles(..., rule=...)``), the
templates (``user|may:"network.inside"``) and the services (``rule_check``) ask the same
rule, and the role × URL test reads it from the view, so a rule changed in one place
changes the answer everywhere.

Rules combine with ``&``, ``|`` and ``~``; the combination is a rule too, named after its
parts, so a refusal can still say which rule it was.

An app's ``rules.py`` also declares ``MUNICIPAL_KWARGS``: the URL keyword arguments that
name an object of one municipality (``meeting_pk``, ``session_pk``, ...). Selectors scope
those lookups, so a person of another municipality gets 404; the role × URL test expects
that for every URL with such a keyword (``municipal_kwargs``), so a new URL is covered
without being listed anywhere.
"""

from collections.abc import Callable
from importlib import import_module

from django.core.exceptions import ImproperlyConfigured, PermissionDenied

Test = Callable[..., bool]

_registry: dict[str, "Rule"] = {}


class Rule:
    def __init__(self, name: str, test: Test):
        self.name = name
        self.test = test

    def __call__(self, user, obj=None) -> bool:
        return bool(self.test(user, obj))

    def __and__(self, other: "Rule") -> "Rule":
        # Short-circuits like ``and``: the right side (perhaps a query) runs only if needed.
        return Rule(f"({self.name} & {other.name})", lambda u, o=None: self(u, o) and other(u, o))

    def __or__(self, other: "Rule") -> "Rule":
        return Rule(f"({self.name} | {other.name})", lambda u, o=None: self(u, o) or other(u, o))

    def __invert__(self) -> "Rule":
        return Rule(f"~{self.name}", lambda u, o=None: not self(u, o))

    def __repr__(self) -> str:
        return f"<Rule {self.name}>"


def rule(name: str, test: Test) -> Rule:
    """Declare the rule ``name`` and register it, so templates can ask it by name.

    A second rule under a taken name is refused: two apps meaning different things by
    one name would make a template ask the wrong one without anyone noticing."""
    if name in _registry:
        raise ImproperlyConfigured(f"The rule {name!r} is declared twice.")
    declared = Rule(name, test)
    _registry[name] = declared
    return declared


def rule_get(name: str) -> Rule:
    try:
        return _registry[name]
    except KeyError:
        raise ImproperlyConfigured(f"No rule is named {name!r}.") from None


def has_role(*roles: str) -> Rule:
    """The person holds one of ``roles``: the rule behind a view's role list."""
    allowed = frozenset(roles)
    label = "|".join(sorted(str(role) for role in allowed))
    return Rule(
        f"role[{label}]",
        lambda user, obj=None: user.is_authenticated and user.role in allowed,
    )


def is_authenticated(user, obj=None) -> bool:
    return user.is_authenticated


logged_in = Rule("logged_in", is_authenticated)


def rule_check(rule: Rule, user, obj=None) -> None:
    """Refuse with ``PermissionDenied`` unless ``rule`` lets ``user`` at ``obj``; for
    services, so that no caller (a command, the shell, a future view) gets past it."""
    if user is None or not rule(user, obj):
        raise PermissionDenied


def municipal_kwargs(view) -> frozenset[str]:
    """The ``MUNICIPAL_KWARGS`` of the app that defines ``view`` (none if it declares
    none). Found by the view's module, like Django finds an app's ``admin.py``, so the
    kit names no app."""
    app = view.__module__.split(".")[0]
    try:
        rules = import_module(f"{app}.rules")
    except ModuleNotFoundError as exc:
        if exc.name != f"{app}.rules":
            raise
        return frozenset()
    return frozenset(getattr(rules, "MUNICIPAL_KWARGS", ()))
