"""The person's choice about the mails of consultation rounds: a page for the signed-in
person, and the link in every mail that mutes without logging in.

The link's page only shows a button: a GET never changes anything, because mail
programs and scanners open links by themselves. The button (and a mail program's
one-click unsubscribe, RFC 8058) POSTs the signed token, which is the only proof needed;
that is why this one page takes a POST without a CSRF token.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from core.formviews import bind
from core.permissions import public, require_roles
from recommendations.forms import ConsultationMailForm
from recommendations.notifications import (
    consultation_mails_mute,
    consultation_mails_unmute,
    mail_setting_of,
    mute_token_user,
)


@require_roles()
def mail_settings(request):
    setting = mail_setting_of(user=request.user)
    form = bind(ConsultationMailForm, request, initial={"muted": setting.is_muted})
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["muted"]:
            consultation_mails_mute(user=request.user)
            messages.success(request, _("Sie erhalten keine Mails zu Beteiligungsrunden mehr."))
        else:
            consultation_mails_unmute(user=request.user)
            messages.success(request, _("Sie erhalten wieder Mails zu Beteiligungsrunden."))
        return redirect("participation_mail:settings")
    return render(
        request,
        "recommendations/mail_settings.html",
        {"form": form, "setting": setting},
    )


@public
@csrf_exempt
def mute(request, token: str):
    person = mute_token_user(token)
    if person is None:
        return render(request, "recommendations/mute_invalid.html", status=400)
    if request.method == "POST":
        consultation_mails_mute(user=person)
    setting = mail_setting_of(user=person)
    return render(
        request,
        "recommendations/mute.html",
        {"setting": setting, "just_muted": request.method == "POST"},
    )
