"""The former invitation list becomes invitation rows (events 0003)."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("events", "0002_invitation")]
AFTER = [("events", "0004_remove_event_invited_emails")]


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


@pytest.fixture
def old_apps(transactional_db):
    apps = _migrate(BEFORE)
    yield apps
    # Back to the newest migration, not just AFTER: the tests that follow need it all.
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes("events"))


def test_invitation_list_lines_become_invitations(old_apps):
    Event = old_apps.get_model("events", "Event")
    Registration = old_apps.get_model("events", "Registration")
    event = Event.objects.create(
        title="Klausur",
        audience="invited",
        invited_emails="Alex@Example.org\n\n berit@example.org \nkeine-adresse\nalex@example.org",
        capacity=10,
        registration_deadline=timezone.now() + dt.timedelta(days=5),
    )
    registration = Registration.objects.create(
        event=event, name="Berit", email="berit@example.org", status="confirmed"
    )
    new_apps = _migrate(AFTER)
    Invitation = new_apps.get_model("events", "Invitation")
    rows = Invitation.objects.filter(event_id=event.pk).order_by("email")
    assert [(i.email, i.registration_id, i.token_hash) for i in rows] == [
        ("alex@example.org", None, None),
        ("berit@example.org", registration.pk, None),
    ]


def test_invitation_list_leaves_out_an_address_too_long_for_the_column(old_apps):
    Event = old_apps.get_model("events", "Event")
    overlong = "a" * 64 + "@" + ".".join(["b" * 63] * 3) + ".de"
    event = Event.objects.create(
        title="Klausur",
        audience="invited",
        invited_emails=f"{overlong}\ncarla@example.org",
        capacity=10,
        registration_deadline=timezone.now() + dt.timedelta(days=5),
    )
    new_apps = _migrate(AFTER)
    Invitation = new_apps.get_model("events", "Invitation")
    emails = Invitation.objects.filter(event_id=event.pk).values_list("email", flat=True)
    assert list(emails) == ["carla@example.org"]


@pytest.fixture
def apps_before_drafts(transactional_db):
    apps = _migrate([("events", "0005_registration_confirmation_by_link")])
    yield apps
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes("events"))


def test_events_stored_before_drafts_stay_published(apps_before_drafts):
    Event = apps_before_drafts.get_model("events", "Event")
    event = Event.objects.create(
        title="Fachtag",
        capacity=10,
        registration_deadline=timezone.now() + dt.timedelta(days=5),
    )
    created_at = Event.objects.get(pk=event.pk).created_at
    new_apps = _migrate([("events", "0007_publish_existing_events")])
    migrated = new_apps.get_model("events", "Event").objects.get(pk=event.pk)
    assert migrated.published_at == created_at
    assert migrated.cancelled_at is None
