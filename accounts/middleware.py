from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

# Paths outside any view of ours that a person who still owes the second factor may reach.
OPEN_PREFIXES = ("/static/", "/i18n/")
# Set at log-in for people who chose a second factor although their role does not need
# one: from then on their session is held to it like an office account.
SECOND_FACTOR_SESSION_KEY = "accounts_second_factor_required"


def second_factor_exempt(view):
    """Mark a view as reachable before the second factor is passed (log-in, set-up,
    log-out, password reset). Everything else waits for the second factor."""
    view.second_factor_exempt = True
    return view


class RequireSecondFactorMiddleware:
    """Office and reviewer accounts must set up and pass TOTP before anything else.

    Decided per view rather than per path, so that office pages that live under
    /konto/ (invitations, accounts) are not reachable with a password alone.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if (
            user is None
            or not user.is_authenticated
            or getattr(view_func, "second_factor_exempt", False)
            or request.path.startswith(OPEN_PREFIXES)
        ):
            return None
        required = user.needs_second_factor or request.session.get(SECOND_FACTOR_SESSION_KEY)
        if required and not user.is_verified():
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('accounts:otp')}?{query}")
        return None
