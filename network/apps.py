from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("Netzwerk")

    def ready(self):
        from accounts.hooks import account_changed
        from network.services import membership_end_if_ineligible

        # A person who may no longer belong (other role, deactivated, link ended) leaves.
        account_changed.register(membership_end_if_ineligible)
