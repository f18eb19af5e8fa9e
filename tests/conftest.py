import os
import socket
from contextlib import contextmanager

import pytest
from django.conf import settings

from tests import factories
from tests.browser.harness import (  # noqa: F401 -- fixtures shared by every browser test
    browser,
    playwright_browser,
    skip_browser_tests_without_chromium,
)

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests
# make there are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "postgresql: needs PostgreSQL (row locks); left out on SQLite"
    )


def pytest_collection_modifyitems(config, items):
    skip_browser_tests_without_chromium(items)
    leave_out_row_lock_tests_on_sqlite(config, items)


def leave_out_row_lock_tests_on_sqlite(config, items):
    """Tests of row locking mean nothing on SQLite, which locks the whole database: they
    are left out there (deselected, so a run that forbids skips still passes) and run
    whenever DATABASE_URL points at PostgreSQL."""
    if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        return
    kept, left_out = [], []
    for item in items:
        (left_out if item.get_closest_marker("postgresql") else kept).append(item)
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = kept


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """In CI (KFA_NO_SKIPS=1) a skipped test is a failed test."""
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("KFA_NO_SKIPS") and report.skipped:
        report.outcome = "failed"
        report.longrepr = f"Skipped in CI, which must run every test: {report.longrepr}"


@contextmanager
def demo_in_module_transaction(django_db_blocker):
    """The full register and the demo, loaded in a transaction that stays open until the
    block ends and is then rolled back (see ``demo_loaded``)."""
    from django.core.management import call_command
    from django.db import transaction

    from municipalities.services import register_import

    module_transaction = transaction.atomic()
    with django_db_blocker.unblock():
        module_transaction.__enter__()
        try:
            with settings.REGISTER_CSV.open("rb") as source:
                register_import(source_name="demo", file=source)
            call_command("load_demo")
        except BaseException:
            module_transaction.__exit__(None, None, None)
            raise
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            module_transaction.__exit__(None, None, None)


@pytest.fixture(scope="module")
def demo_loaded(django_db_setup, django_db_blocker):
    """The full register and the demo, loaded once for all tests of a module.

    Loading them takes seconds, so the module shares one load: it stays in a transaction
    that is open around the module's tests (each test runs in a savepoint inside it, so
    what one test writes is gone for the next) and is rolled back after the last one, so
    no other module sees it. Tests that use it also ask for ``db``.
    """
    with demo_in_module_transaction(django_db_blocker):
        yield


@pytest.fixture
def password():
    return factories.PASSWORD


@pytest.fixture
def municipality(db):
    return factories.MunicipalityFactory(name="Musterstadt")


@pytest.fixture
def other_municipality(db):
    return factories.MunicipalityFactory(name="Andersdorf")


@pytest.fixture
def coordinator(municipality):
    return factories.CoordinatorFactory(
        municipality=municipality, email="koordination@musterstadt.de"
    )


@pytest.fixture
def office_user(db):
    from accounts.models import Role

    return factories.UserFactory(role=Role.OFFICE, email="buero@eccar.example")


@pytest.fixture
def office_client(client, office_user):
    """A client logged in as the programme office, second factor passed."""
    from tests.helpers import login_verified

    login_verified(client, office_user)
    return client


@pytest.fixture
def smtp_sink():
    """A real SMTP server on localhost that keeps what it receives."""
    from aiosmtpd.controller import Controller

    class Sink:
        def __init__(self):
            self.messages = []

        async def handle_DATA(self, server, session, envelope):  # noqa: N802 -- aiosmtpd API
            self.messages.append(envelope)
            return "250 OK"

    handler = Sink()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    old = (settings.EMAIL_BACKEND, settings.EMAIL_HOST, settings.EMAIL_PORT)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    try:
        yield handler
    finally:
        settings.EMAIL_BACKEND, settings.EMAIL_HOST, settings.EMAIL_PORT = old
        controller.stop()


@pytest.fixture(autouse=True)
def german_by_default():
    """Every test starts in German, whatever language an earlier test switched to."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()
