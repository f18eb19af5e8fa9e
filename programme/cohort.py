"""Who belongs to a cohort: the model municipalities of a call with a released decision.

Every programme view starts here, so a person only ever reaches the programme of their
own municipality, and only once it is a model municipality.
"""

from django.db.models import F, QuerySet
from django.http import Http404

from calls.models import Call
from core.collation import German
from municipalities.models import Municipality
from selection.models import OutcomeKind


def cohort_municipalities(*, call: Call) -> QuerySet[Municipality]:
    """The model municipalities of ``call``, by name (none before the release)."""
    return (
        Municipality.objects.filter(
            applications__call=call,
            applications__selection_outcomes__decision__call=call,
            applications__selection_outcomes__decision__released_at__isnull=False,
            applications__selection_outcomes__kind=OutcomeKind.SELECTED,
        )
        .select_related("land", "kreis")
        .order_by(German("name"), "pk")
        .distinct()
    )


def model_municipalities() -> QuerySet[Municipality]:
    """The model municipalities of every released cohort, by name, with the Land and
    Kreis that tell same-named ones apart."""
    return (
        Municipality.objects.filter(
            pk__in=Municipality.objects.filter(
                applications__call=F("applications__selection_outcomes__decision__call"),
                applications__selection_outcomes__decision__released_at__isnull=False,
                applications__selection_outcomes__kind=OutcomeKind.SELECTED,
            ).values("pk")
        )
        .select_related("land", "kreis")
        .order_by(German("name"), "pk")
    )


def programme_call_for_municipality(*, municipality_id: int | None) -> Call | None:
    """The most recent call whose released decision made the municipality a model
    municipality, or None."""
    if municipality_id is None:
        return None
    return (
        programme_calls_of_municipality(municipality_id).order_by("-programme_start", "-pk").first()
    )


def programme_calls_of_municipality(municipality_id) -> QuerySet[Call]:
    """The calls whose released decision made the municipality a model municipality.

    ``municipality_id`` may be an ``OuterRef``, so that a larger query can ask whether
    a person's municipality takes part in a programme."""
    return Call.objects.filter(
        selection_decision__released_at__isnull=False,
        selection_decision__outcomes__kind=OutcomeKind.SELECTED,
        selection_decision__outcomes__application__municipality_id=municipality_id,
    )


def programme_call_for_user(user) -> Call:
    """The programme the person's municipality takes part in; 404 if there is none."""
    call = programme_call_for_municipality(municipality_id=user.approved_municipality_id)
    if call is None:
        raise Http404
    return call


def is_model_municipality(*, call: Call, municipality_id: int) -> bool:
    return cohort_municipalities(call=call).filter(pk=municipality_id).exists()


def programme_calls() -> QuerySet[Call]:
    """Calls with a released decision: the cohorts the office runs, newest first."""
    return Call.objects.filter(selection_decision__released_at__isnull=False).order_by(
        "-programme_start", "-pk"
    )
