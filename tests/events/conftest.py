import pytest
from django.conf import settings


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "postgresql: needs PostgreSQL (row locks); left out on SQLite"
    )


def pytest_collection_modifyitems(config, items):
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


@pytest.fixture
def mails(mailoutbox):
    return mailoutbox
