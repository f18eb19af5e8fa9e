"""Named rules (core.rules): combining, the registry, the service check, the view
declaration and the template filter."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import HttpResponse
from django.template import Context, Template
from django.test import RequestFactory

from core import rules
from core.permissions import AUTHENTICATED, require_roles
from core.roles import Role
from core.rules import Rule, has_role, municipal_kwargs, rule, rule_check, rule_get


class Person:
    """Just what a rule reads from an account."""

    is_authenticated = True

    def __init__(self, role, *, tall=False):
        self.role = role
        self.tall = tall


tall = Rule("tall", lambda user, obj=None: user.tall)
owns = Rule("owns", lambda user, obj=None: obj is not None and obj.get("owner") is user)


@pytest.fixture
def registry(monkeypatch):
    """A registry of its own, so rules declared by a test do not stay for the next."""
    monkeypatch.setattr(rules, "_registry", dict(rules._registry))


def test_rule_answers_its_test_as_a_bool():
    assert Rule("one", lambda user, obj=None: 1)(Person(Role.OFFICE)) is True


def test_rule_and_needs_both():
    rule_ = has_role(Role.COORDINATOR) & tall
    assert rule_(Person(Role.COORDINATOR, tall=True)) is True
    assert rule_(Person(Role.COORDINATOR)) is False
    assert rule_(Person(Role.OFFICE, tall=True)) is False


def test_rule_and_skips_the_right_side_when_the_left_is_false():
    asked = []
    right = Rule("asked", lambda user, obj=None: asked.append(user) or True)
    assert (has_role(Role.OFFICE) & right)(Person(Role.HR)) is False
    assert asked == []


def test_rule_or_needs_one():
    rule_ = has_role(Role.OFFICE) | tall
    assert rule_(Person(Role.OFFICE)) is True
    assert rule_(Person(Role.HR, tall=True)) is True
    assert rule_(Person(Role.HR)) is False


def test_rule_not_inverts():
    assert (~tall)(Person(Role.HR)) is True
    assert (~tall)(Person(Role.HR, tall=True)) is False


def test_combined_rule_is_named_after_its_parts():
    assert ((tall | ~owns) & tall).name == "((tall | ~owns) & tall)"


def test_rule_passes_the_object_on():
    person = Person(Role.COORDINATOR)
    assert (tall | owns)(person, {"owner": person}) is True
    assert (tall | owns)(person, {"owner": Person(Role.HR)}) is False


def test_has_role_refuses_anonymous_people():
    assert has_role(Role.OFFICE)(AnonymousUser()) is False


def test_declared_rule_is_found_by_name(registry):
    declared = rule("test.tall", lambda user, obj=None: user.tall)
    assert rule_get("test.tall") is declared


def test_rule_name_taken_twice_is_refused(registry):
    rule("test.twice", lambda user, obj=None: True)
    with pytest.raises(ImproperlyConfigured, match="test.twice"):
        rule("test.twice", lambda user, obj=None: False)


def test_unknown_rule_name_is_refused():
    with pytest.raises(ImproperlyConfigured, match="test.nowhere"):
        rule_get("test.nowhere")


def test_rule_check_refuses_when_false():
    with pytest.raises(PermissionDenied):
        rule_check(tall, Person(Role.HR))


def test_rule_check_refuses_nobody():
    with pytest.raises(PermissionDenied):
        rule_check(tall, None)


def test_rule_check_lets_through_when_true():
    assert rule_check(tall, Person(Role.HR, tall=True)) is None


def ok(request):
    return HttpResponse("ok")


def test_view_with_rule_records_role_and_rule():
    view = require_roles(Role.COORDINATOR, rule=tall)(ok)
    assert view.access == frozenset({Role.COORDINATOR})
    assert view.rule(Person(Role.COORDINATOR, tall=True)) is True
    assert view.rule(Person(Role.COORDINATOR)) is False
    assert view.rule(Person(Role.HR, tall=True)) is False


def test_view_without_roles_records_being_logged_in_and_rule():
    view = require_roles(rule=tall)(ok)
    assert view.access == AUTHENTICATED
    assert view.rule(Person(Role.TRAINER, tall=True)) is True
    assert view.rule(AnonymousUser()) is False


def test_view_refuses_with_403_when_its_rule_is_false():
    request = RequestFactory().get("/")
    request.user = Person(Role.COORDINATOR)
    with pytest.raises(PermissionDenied):
        require_roles(rule=tall)(ok)(request)


def test_view_answers_when_its_rule_is_true():
    request = RequestFactory().get("/")
    request.user = Person(Role.COORDINATOR, tall=True)
    assert require_roles(rule=tall)(ok)(request).content == b"ok"


def test_view_sends_anonymous_people_to_log_in_before_asking_the_rule():
    asked = []
    rule_ = Rule("asked", lambda user, obj=None: asked.append(user) or True)
    request = RequestFactory().get("/seite/")
    request.user = AnonymousUser()
    response = require_roles(rule=rule_)(ok)(request)
    assert response.status_code == 302
    assert asked == []


def test_template_filter_asks_the_named_rule(registry):
    rule("test.tall_filter", lambda user, obj=None: user.tall)
    template = Template(
        '{% load kfa %}{% if user|may:"test.tall_filter" %}ja{% else %}nein{% endif %}'
    )
    assert template.render(Context({"user": Person(Role.HR, tall=True)})) == "ja"
    assert template.render(Context({"user": Person(Role.HR)})) == "nein"


def test_template_tag_asks_the_named_rule_about_an_object(registry):
    rule("test.owns_tag", lambda user, obj=None: obj["owner"] is user)
    person = Person(Role.HR)
    template = Template(
        '{% load kfa %}{% rule_allows "test.owns_tag" user thing as allowed %}{{ allowed }}'
    )
    assert template.render(Context({"user": person, "thing": {"owner": person}})) == "True"
    assert template.render(Context({"user": person, "thing": {"owner": None}})) == "False"


def test_municipal_kwargs_are_those_of_the_views_app():
    from advisory.views.meetings import meeting

    assert "meeting_pk" in municipal_kwargs(meeting)


def test_municipal_kwargs_are_none_for_an_app_without_rules():
    from calls.views import call_list

    assert municipal_kwargs(call_list) == frozenset()
