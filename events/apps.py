from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Veranstaltungen")

    def ready(self):
        from events.services import members_only_registrations_delete
        from network.hooks import membership_ending

        # A member leaving the network leaves no trace in members-only events.
        membership_ending.register(members_only_registrations_delete)
