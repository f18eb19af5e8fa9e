from django.shortcuts import redirect
from django.urls import reverse

# Paths a person who still has to complete the second factor may reach.
OPEN_PREFIXES = ("/konto/", "/static/", "/i18n/")


class RequireSecondFactorMiddleware:
    """Office and reviewer accounts must set up and pass TOTP before anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and user.needs_second_factor
            and not user.is_verified()
            and not request.path.startswith(OPEN_PREFIXES)
        ):
            return redirect(f"{reverse('accounts:otp')}?next={request.get_full_path()}")
        return self.get_response(request)
