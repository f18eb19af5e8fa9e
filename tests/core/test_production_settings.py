"""What the production settings promise, read from the module itself: the test run
keeps its own settings, only the values of ``kfa.settings_production`` are looked at."""

import importlib
import sys

import pytest


@pytest.fixture
def production(monkeypatch):
    monkeypatch.setenv("DJANGO_SECRET_KEY", "x" * 60)
    monkeypatch.setenv("KFA_SITE_URL", "https://kommunen-fuer-alle.example")
    monkeypatch.delitem(sys.modules, "kfa.settings_production", raising=False)
    module = importlib.import_module("kfa.settings_production")
    yield module
    sys.modules.pop("kfa.settings_production", None)


def test_production_language_cookie_is_secure(production):
    assert (
        production.LANGUAGE_COOKIE_SECURE,
        production.LANGUAGE_COOKIE_HTTPONLY,
        production.LANGUAGE_COOKIE_SAMESITE,
    ) == (True, True, "Lax")


def test_production_cookies_are_all_secure(production):
    assert (
        production.SESSION_COOKIE_SECURE,
        production.CSRF_COOKIE_SECURE,
        production.LANGUAGE_COOKIE_SECURE,
    ) == (True, True, True)
