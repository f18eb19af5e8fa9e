from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.models import Role
from core.formviews import bind
from core.models import Page
from core.permissions import require_roles
from office.forms import PageForm
from office.selectors import page_get_office, page_list_office
from office.services import page_update


@require_roles(Role.OFFICE)
def page_list(request):
    return render(request, "office/page_list.html", {"pages": page_list_office()})


def _loaded_marker(page: Page | None) -> str:
    return page.updated_at.isoformat() if page else ""


@require_roles(Role.OFFICE)
def page_edit(request, slug: str):
    page = page_get_office(slug=slug)
    label = Page.Slug(slug).label
    current = None
    if request.method == "POST":
        form = bind(PageForm, request, instance=page or Page(slug=slug))
        if form.is_valid():
            data = form.cleaned_data
            try:
                _page, changed = page_update(
                    slug=slug,
                    actor=request.user,
                    loaded_updated_at=data["loaded_updated_at"],
                    title_de=data["title_de"],
                    title_en=data["title_en"],
                    body_de=data["body_de"],
                    body_en=data["body_en"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
                # Show what is stored now, and let a deliberate second save replace it.
                current = page_get_office(slug=slug)
                form.data = form.data.copy()
                form.data["loaded_updated_at"] = _loaded_marker(current)
            else:
                if changed:
                    messages.success(
                        request, _("Die Seite „%(title)s“ wurde gespeichert.") % {"title": label}
                    )
                else:
                    messages.info(request, _("Es gab keine Änderungen zu speichern."))
                return redirect("office:pages")
    else:
        form = PageForm(instance=page, initial={"loaded_updated_at": _loaded_marker(page)})
    return render(
        request,
        "office/page_edit.html",
        {"form": form, "page": page, "slug": slug, "label": label, "current": current},
    )
