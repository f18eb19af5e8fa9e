"""Invitations by the programme office, and accepting one."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from accounts.forms import InvitationAcceptForm, InvitationForm
from accounts.middleware import second_factor_exempt
from accounts.models import Role
from accounts.selectors import (
    invitation_get_by_token,
    invitation_list_for_office,
    user_exists_with_email,
)
from accounts.services import invitation_accept as invitation_accept_service
from accounts.services import invitation_attach
from accounts.services import invitation_create as invitation_create_service
from accounts.views.helpers import language_apply, person_log_in, with_next
from core.formviews import bind
from core.permissions import public, require_roles
from core.pickers import picker_searching

PAGE_SIZE = 50


def _invitation_page(request, form):
    page = Paginator(invitation_list_for_office(), PAGE_SIZE).get_page(request.GET.get("seite"))
    return render(request, "accounts/invitation_list.html", {"form": form, "page": page})


@require_roles(Role.OFFICE)
def invitation_list(request):
    return _invitation_page(request, InvitationForm())


@require_roles(Role.OFFICE)
@require_POST
def invitation_create(request):
    form = bind(InvitationForm, request)
    if not picker_searching(request, form) and form.is_valid():
        data = form.cleaned_data
        try:
            invitation = invitation_create_service(
                actor=request.user,
                email=data["email"],
                full_name=data["full_name"],
                role=data["role"],
                municipality=data["municipality"],
                language=data["language"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Die Einladung an %(email)s ist verschickt.") % {"email": invitation.email},
            )
            return redirect("accounts:invitation_list")
    return _invitation_page(request, form)


@second_factor_exempt
@public
@never_cache
@sensitive_post_parameters("password1", "password2")
def invitation_accept(request, token):
    invitation = invitation_get_by_token(token=token)
    if invitation is None or not invitation.is_open:
        return _invitation_invalid(request, invitation)
    if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
        # Someone who has not chosen a language here yet reads the page in the
        # language the office wrote the invitation in.
        translation.activate(invitation.language)
        request.LANGUAGE_CODE = invitation.language
    if user_exists_with_email(email=invitation.email):
        return _invitation_for_existing_account(request, invitation, token)
    form = bind(
        InvitationAcceptForm,
        request,
        email=invitation.email,
        initial={"full_name": invitation.full_name, "language": invitation.language},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = invitation_accept_service(
                token=token,
                full_name=data["full_name"],
                password=data["password1"],
                language=data["language"],
            )
        except ValidationError as error:
            if error.code == "invitation_invalid":
                return _invitation_invalid(request, invitation)
            form.add_error(None, error)
        else:
            target = person_log_in(request, user)
            response = language_apply(redirect(target), user.language)
            messages.success(request, _("Willkommen! Ihr Konto ist eingerichtet."))
            return response
    return render(
        request, "accounts/invitation_accept.html", {"form": form, "invitation": invitation}
    )


def _invitation_for_existing_account(request, invitation, token):
    """The address has an account (perhaps registered by someone else first): the
    invitation attaches to it once its owner is logged in and confirms."""
    user = request.user
    own = user.is_authenticated and user.email == invitation.email
    if request.method == "POST" and own:
        try:
            invitation_attach(token=token, user=user)
        except ValidationError as error:
            if error.code == "invitation_invalid":
                return _invitation_invalid(request, invitation)
            raise
        messages.success(
            request, _("Die Einladung ist angenommen. Ihre neue Rolle gilt ab sofort.")
        )
        return redirect("core:dashboard")
    return render(
        request,
        "accounts/invitation_attach.html",
        {
            "invitation": invitation,
            "own": own,
            "login_url": with_next("accounts:login", request.path),
        },
    )


def _invitation_invalid(request, invitation):
    """Used or expired links answer with a page that explains, not with a 404."""
    if invitation is not None and invitation.accepted_at is not None:
        reason = "accepted"
    elif invitation is not None:
        reason = "expired"
    else:
        reason = "unknown"
    return render(request, "accounts/invitation_invalid.html", {"reason": reason}, status=410)
