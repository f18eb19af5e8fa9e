"""The groups the selection rules can bound, and how an application falls into them.

A group key is ``<dimension>:<value>`` (``size:small``, ``region:east``, ``urban:01``,
``eccar:yes``); the solver only ever sees these keys and the German labels below.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from municipalities.models import Municipality, SizeClass

# Question keys of the questionnaire that feed the rules.
ECCAR_QUESTION = "eccar_mitglied"
NEEDS_QUESTION = "schwerpunkte"


@dataclass(frozen=True)
class Group:
    key: str
    label: Promise  # German in the stored rules: the solver explains in German


@dataclass(frozen=True)
class Dimension:
    key: str
    label: Promise
    groups: tuple[Group, ...]


DIMENSIONS: tuple[Dimension, ...] = (
    Dimension(
        "size",
        _("Größenklasse"),
        (
            Group(f"size:{SizeClass.SMALL}", _("Kommunen unter 20.000 Einwohner*innen")),
            Group(f"size:{SizeClass.MEDIUM}", _("Kommunen mit 20.000 bis 100.000 Einwohner*innen")),
            Group(f"size:{SizeClass.LARGE}", _("Kommunen über 100.000 Einwohner*innen")),
            Group(f"size:{SizeClass.KREIS}", _("Landkreise")),
        ),
    ),
    Dimension(
        "region",
        _("Ost und West"),
        (
            Group("region:east", _("Kommunen in Ostdeutschland und Berlin")),
            Group("region:west", _("Kommunen in Westdeutschland")),
        ),
    ),
    Dimension(
        "urban",
        _("Verstädterungsgrad"),
        (
            Group(f"urban:{Municipality.Urbanisation.DENSE}", _("dicht besiedelte Kommunen")),
            Group(
                f"urban:{Municipality.Urbanisation.MEDIUM}",
                _("Kommunen mittlerer Besiedlungsdichte"),
            ),
            Group(f"urban:{Municipality.Urbanisation.SPARSE}", _("gering besiedelte Kommunen")),
        ),
    ),
    Dimension(
        "eccar",
        _("Mitgliedschaft in der ECCAR"),
        (
            Group("eccar:yes", _("Mitglieder der ECCAR")),
            Group("eccar:no", _("Kommunen, die nicht Mitglied der ECCAR sind")),
        ),
    ),
)

GROUPS: dict[str, Group] = {g.key: g for d in DIMENSIONS for g in d.groups}


def groups_of(*, municipality: Municipality, eccar_answer) -> frozenset[str]:
    """The group keys of an application from its municipality and its ECCAR answer."""
    keys = set()
    if municipality.size_class:
        keys.add(f"size:{municipality.size_class}")
    keys.add("region:east" if municipality.land.is_east else "region:west")
    if municipality.urbanisation:
        keys.add(f"urban:{municipality.urbanisation}")
    if eccar_answer in ("yes", "no"):
        keys.add(f"eccar:{eccar_answer}")
    return frozenset(keys)


def field_name(group_key: str, bound: str) -> str:
    """The rules form's field for one bound of a group, e.g. ``size_small_min``."""
    return f"{group_key.replace(':', '_')}_{bound}"
