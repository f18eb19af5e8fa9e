"""Choices several apps share."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ActivityStatus(models.TextChoices):
    """Where a dated activity of the programme stands (a session, a meeting, a workshop).

    Only ``held`` activities count towards a commitment; ``planned`` ones inside the
    programme year tell whether a target is still within reach.
    """

    PLANNED = "planned", _("geplant")
    HELD = "held", _("stattgefunden")
    CANCELLED = "cancelled", _("abgesagt")
