"""The municipality picker: the kit's search picker (``core.pickers``) over the register,
with the search of the register and labels that tell same-named Kommunen apart."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.pickers import SearchPickerField
from municipalities.models import Municipality
from municipalities.selectors import MAY_APPLY, municipality_search

# A Kreis record of these kinds is a kreisfreie Stadt, not a Kreis one lives in.
CITY_KREIS_KINDS = {Municipality.Kind.KREISFREIE_STADT_K, Municipality.Kind.STADTKREIS_K}


def municipality_label(municipality: Municipality) -> str:
    """The name with what tells it apart from others of that name: its Kreis (or its
    kind, where it belongs to none) and its Land, e.g. "Neustadt (Landkreis Harburg,
    Niedersachsen)". Expects ``land`` and ``kreis`` to be loaded with it."""
    kreis = municipality.kreis
    if kreis is not None and kreis.kind not in CITY_KREIS_KINDS:
        where = f"{kreis.get_kind_display()} {kreis.name}"
    else:
        where = municipality.get_kind_display()
    return _("%(name)s (%(where)s, %(land)s)") % {
        "name": municipality.name,
        "where": where,
        "land": municipality.land.name,
    }


def _search(query: str, limit: int) -> list[Municipality]:
    return municipality_search(query=query, limit=limit)


def municipality_picker(*, whole_register: bool = False, **kwargs) -> SearchPickerField:
    """A form field choosing one Kommune of the register by search: one that may apply,
    or with ``whole_register`` any record of the register (a person's municipality may
    have been set to one by its official key)."""
    kwargs.setdefault("label", gettext_lazy("Kommune"))
    kwargs.setdefault(
        "hint", gettext_lazy("Kommune suchen: Name, Postleitzahl oder Gemeindeschlüssel")
    )
    municipalities = Municipality.objects.all() if whole_register else Municipality.objects
    if not whole_register:
        municipalities = municipalities.filter(MAY_APPLY)
    return SearchPickerField(
        queryset=municipalities.select_related("land", "kreis"),
        search=_search,
        label_of=municipality_label,
        search_url="municipalities:picker",
        **kwargs,
    )
