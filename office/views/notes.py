"""Adding an internal note to a record (a municipality, an application, an expense).

The list and the form sit on the record's page (``includes/notes.html``); the form
posts here and returns to that page. A note that fails its checks comes back on this
page with the error at the field.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from accounts.models import Role
from core.formviews import attempt, bind
from core.notes import NoteForm, note_add, note_target_get
from core.permissions import require_roles


def _back(request) -> str:
    """The page the note was written on, if it is one of this site's."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate.startswith("/") and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("office:index")


@require_roles(Role.OFFICE)
def note_create(request, note_target: str, note_target_pk: int):
    target = note_target_get(label=note_target, pk=note_target_pk)
    back = _back(request)
    form = bind(NoteForm, request)
    if request.method == "POST" and form.is_valid():
        note = attempt(
            form,
            lambda: note_add(actor=request.user, target=target, text=form.cleaned_data["text"]),
        )
        if note is not None:
            messages.success(request, _("Die Notiz ist gespeichert."))
            return redirect(f"{back}#notizen")
    context = {"form": form, "target": target, "back": back}
    return render(request, "office/note_add.html", context, status=400 if form.errors else 200)
