"""The office's page of one municipality: everything about it in one place, each part
contributed by the app it belongs to (``core.municipality_sections``), and the office's
notes on it."""

from django.shortcuts import render

from accounts.models import Role
from core.municipality_sections import municipality_sections
from core.notes import notes_block
from core.permissions import require_roles
from municipalities.selectors import municipality_get


@require_roles(Role.OFFICE)
def municipality(request, municipality_pk: int):
    municipality = municipality_get(pk=municipality_pk)
    context = {
        "municipality": municipality,
        "sections": municipality_sections(municipality=municipality),
        "notes": notes_block(target=municipality),
    }
    return render(request, "office/municipality.html", context)
