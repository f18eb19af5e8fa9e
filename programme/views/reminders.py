from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.models import Role
from core.formviews import bind
from core.permissions import require_roles
from programme import selectors, services
from programme.forms import ReminderSettingsForm
from programme.models import ReminderKind

# Which reminders each role can get.
KINDS_BY_ROLE = {
    Role.COORDINATOR: [ReminderKind.AT_RISK],
    Role.OFFICE: [ReminderKind.OFFICE_DIGEST],
}


@require_roles(*KINDS_BY_ROLE)
def reminders(request):
    kinds = KINDS_BY_ROLE[request.user.role]
    muted = selectors.muted_kinds(user=request.user)
    form = bind(ReminderSettingsForm, request, kinds=kinds, muted=muted)
    if request.method == "POST" and form.is_valid():
        services.reminder_settings_save(
            user=request.user, wanted={kind: form.cleaned_data[kind] for kind in kinds}
        )
        messages.success(request, _("Ihre Einstellungen für Erinnerungen sind gespeichert."))
        return redirect("programme:reminders")
    context = {"form": form, "reminders": selectors.reminders_for_user(user=request.user)}
    return render(request, "programme/reminders.html", context)
