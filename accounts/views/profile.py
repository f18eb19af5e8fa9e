"""The person's own account: name, language, password."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from accounts.forms import PasswordChangeForm, ProfileForm
from accounts.selectors import user_has_second_factor
from accounts.services import user_profile_update
from accounts.views.helpers import language_apply
from core.formviews import bind
from core.permissions import RoleRequiredMixin, require_roles


@require_roles()
def profile(request):
    user = request.user
    form = bind(
        ProfileForm, request, initial={"full_name": user.full_name, "language": user.language}
    )
    if request.method == "POST" and form.is_valid():
        user = user_profile_update(
            user=user,
            full_name=form.cleaned_data["full_name"],
            language=form.cleaned_data["language"],
        )
        response = language_apply(redirect("accounts:profile"), user.language)
        messages.success(request, _("Ihre Angaben sind gespeichert."))
        return response
    return render(
        request,
        "accounts/profile.html",
        {"form": form, "has_app": user_has_second_factor(user=user)},
    )


class PasswordChangeView(RoleRequiredMixin, auth_views.PasswordChangeView):
    form_class = PasswordChangeForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Ihr Passwort ist geändert."))
        return response


password_change = PasswordChangeView.as_view()
