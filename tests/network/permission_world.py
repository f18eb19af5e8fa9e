"""The network's objects for the role × URL matrix (tests/test_permissions.py).

None of the world's people is a member or a network coordinator, and they stay so:
members and the network coordinator made here are extra accounts. The closed pages,
whose views declare a network rule (``network.rules``), therefore answer 403 to every
logged-in person of the world (and send anonymous people to the log-in page), whatever
their role; the walk reads that from the views' rules.
"""

import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.models import Role
from network.models import Announcement, NetworkCoordinator, SharedDocument, WorkshopSignup
from tests import factories
from tests.helpers import minimal_pdf
from tests.network.helpers import member, workshop


def extend(world: dict) -> None:
    municipality_a = world["users"]["coordinator"].municipality
    call = world["call"]
    someone = member(municipality_a, role=Role.TEAM_MEMBER)
    coordinator = factories.UserFactory(role=Role.TRAINER)
    appointed = NetworkCoordinator.objects.create(user=coordinator)
    # In the past, so the "held" page offers its form.
    local = workshop(call, municipality_a, days=-1)
    national = workshop(call, None, title="Bundesweiter Workshop")
    WorkshopSignup.objects.create(workshop=national, membership=someone.network_membership)
    announcement = Announcement.objects.create(title="Hallo", body="Text", author=coordinator)
    document = SharedDocument(title="Leitfaden", file_name="leitfaden.pdf")
    document.file.save("leitfaden.pdf", ContentFile(minimal_pdf()), save=True)
    world["kwargs"].update(
        {
            "workshop_pk": local.pk,
            "national_workshop_pk": national.pk,
            "document_pk": document.pk,
            "announcement_pk": announcement.pk,
            "network_coordinator_pk": appointed.pk,
            "network_call_pk": call.pk,
        }
    )
    # Keeps the workshop in the past even if the world is built around midnight.
    assert local.starts_at < timezone.now() - dt.timedelta(hours=1)
