from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdvisoryConfig(AppConfig):
    name = "advisory"
    verbose_name = _("Lokaler Fachbeirat")

    def ready(self):
        from accounts.hooks import invitation_accepted
        from advisory.services import member_link_invited

        # An invitation sent for a board member links the member to the account.
        invitation_accepted.register(member_link_invited)
