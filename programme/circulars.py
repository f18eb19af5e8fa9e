"""Whom the office's circulars to a cohort reach: the approved coordinators of each model
municipality (``core.circulars`` sends them). A municipality without one is named in the
preview and in the record as "kein Empfänger"."""

from collections import defaultdict
from collections.abc import Callable, Iterable

from django.utils import translation
from django.utils.translation import gettext

from accounts.models import Role, User
from calls.models import Call
from core.circular_views import Composition
from core.circulars import Audience, Recipient
from municipalities.models import Municipality
from programme.cohort import cohort_municipalities


def cohort_topic(call: Call) -> str:
    return f"programme.cohort:{call.pk}"


def coordinators_by_municipality(municipality_ids: Iterable[int]) -> dict[int, list[User]]:
    """The approved, active coordinators of each municipality, by name: one query."""
    people = defaultdict(list)
    for person in User.objects.filter(
        role=Role.COORDINATOR,
        municipality_id__in=list(municipality_ids),
        municipality_approved_at__isnull=False,
        municipality_suspended_at__isnull=True,
        is_active=True,
    ).order_by("full_name", "pk"):
        people[person.municipality_id].append(person)
    return people


def coordinators_composition(
    *,
    municipalities: list[Municipality],
    audience_topic: str,
    audience_label: str,
    details: Callable[[Municipality, str], list[str]] | None = None,
) -> Composition:
    """The coordinators of ``municipalities``; ``details(municipality, language)`` gives
    the lines only that municipality's mail carries, in the recipient's language."""
    people = coordinators_by_municipality(m.pk for m in municipalities)
    recipients, unreached, group_details = [], [], {}
    for municipality in municipalities:
        if details is not None:
            group_details[municipality.name] = details(municipality, translation.get_language())
        if not people[municipality.pk]:
            unreached.append(municipality.name)
        for person in people[municipality.pk]:
            lines = details(municipality, person.language) if details is not None else []
            recipients.append(
                Recipient(
                    user=person,
                    language=person.language,
                    group=municipality.name,
                    details=tuple(lines),
                )
            )
    audience = Audience(topic=audience_topic, label=audience_label, unreached=tuple(unreached))
    return Composition(audience=audience, recipients=recipients, group_details=group_details)


def cohort_composition(call: Call) -> Composition:
    """All model municipalities of the cohort."""
    with translation.override("de"):
        label = gettext("Koordinationen aller Modellkommunen: %(call)s") % {"call": call.title_de}
    return coordinators_composition(
        municipalities=list(cohort_municipalities(call=call)),
        audience_topic=cohort_topic(call),
        audience_label=label,
    )
