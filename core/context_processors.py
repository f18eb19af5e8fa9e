from django.conf import settings

from core.attribution import REGISTER_ATTRIBUTION


def site(request):
    # The demo mailbox exists only with DEBUG; pages that promise a mail link to it then.
    return {"register_attribution": REGISTER_ATTRIBUTION, "demo_mailbox": settings.DEBUG}
