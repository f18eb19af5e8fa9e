"""People and workshops of the network, for tests."""

import datetime as dt

from django.utils import timezone

from accounts.models import Role
from network.models import NetworkCoordinator, Workshop, WorkshopFormat
from network.services import membership_join
from tests import factories


def staff(municipality, role=Role.TEAM_MEMBER, **kwargs):
    """An approved account of ``municipality`` in ``role``."""
    return factories.UserFactory(
        role=role,
        municipality=municipality,
        municipality_approved_at=timezone.now(),
        **kwargs,
    )


def member(municipality, **kwargs):
    """A staff member of ``municipality`` who joined the network."""
    user = staff(municipality, **kwargs)
    membership_join(user=user)
    return user


def members(municipality, count: int) -> list:
    return [member(municipality) for _ in range(count)]


def network_coordinator(**kwargs):
    user = factories.UserFactory(role=Role.TRAINER, **kwargs)
    NetworkCoordinator.objects.create(user=user)
    return user


def workshop(call, municipality=None, *, days: int = 14, **kwargs) -> Workshop:
    """A planned workshop ``days`` from now (in the past if negative)."""
    fields = {
        "title": "Empowerment am Arbeitsplatz",
        "format": WorkshopFormat.EMPOWERMENT,
        "starts_at": timezone.now() + dt.timedelta(days=days),
        "location": "Rathaus, Raum 1",
    }
    fields.update(kwargs)
    return Workshop.objects.create(call=call, municipality=municipality, **fields)
