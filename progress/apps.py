from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgressConfig(AppConfig):
    """Where the model municipalities stand with their commitments: it reads the records of
    the trainings, the network, the advisory boards, the evaluation and the programme
    through their selectors, so it sits above them (docs/architecture.md)."""

    name = "progress"
    verbose_name = _("Fortschritt")
