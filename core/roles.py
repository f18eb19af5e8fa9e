"""The roles a person can have. They are the platform's shared vocabulary: the account
stores one, and every app's views declare which may enter (``core.permissions``), so they
live in the kit where an app below ``accounts`` (the municipality register) can name them
too. ``accounts.models`` imports them for the account's field."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    OFFICE = "office", _("Programmbüro")
    REVIEWER = "reviewer", _("Gutachter*in")
    COORDINATOR = "coordinator", _("Koordination der Kommune")
    TEAM_MEMBER = "team_member", _("Mitarbeiter*in der Kommune")
    ADVISORY = "advisory", _("Mitglied des lokalen Fachbeirats")
    TRAINER = "trainer", _("Trainer*in")
    HR = "hr", _("Personalverwaltung der Kommune")
