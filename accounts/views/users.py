"""The programme office's view of all accounts, and changing a person's role."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.forms import RoleChangeForm
from accounts.models import Role
from accounts.selectors import user_get_office, user_list_for_office
from accounts.services import user_role_change
from core.formviews import bind
from core.permissions import require_roles
from core.pickers import picker_searching

PAGE_SIZE = 50


@require_roles(Role.OFFICE)
def user_list(request):
    # NUL is refused by PostgreSQL in any parameter; it never belongs in a search.
    search = request.GET.get("q", "").replace("\x00", "")[:100]
    page = Paginator(user_list_for_office(search=search), PAGE_SIZE).get_page(
        request.GET.get("seite")
    )
    return render(request, "accounts/user_list.html", {"page": page, "search": search})


@require_roles(Role.OFFICE)
def user_edit(request, pk):
    person = user_get_office(user_pk=pk)
    form = bind(
        RoleChangeForm,
        request,
        initial={
            "role": person.role,
            "municipality": person.municipality,
        },
    )
    if request.method == "POST" and not picker_searching(request, form) and form.is_valid():
        try:
            user_role_change(
                actor=request.user,
                user=person,
                role=form.cleaned_data["role"],
                municipality=form.cleaned_data["municipality"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Die Rolle von %(name)s ist gespeichert.") % {"name": person.full_name},
            )
            return redirect("accounts:user_list")
    return render(request, "accounts/user_edit.html", {"form": form, "person": person})
