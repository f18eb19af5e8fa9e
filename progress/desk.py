"""Progress on the office's desk: commitments at risk in the current programme year.

The count is the status the daily check last stored (``CommitmentState``), the same the
coordinators were reminded of; the matrix of the cohort shows each of them."""

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from calls.models import Call
from core.desk import Counter, Todo, register_counter
from programme.models import CommitmentState, Status


def commitments_at_risk(today) -> list[Todo]:
    counts = dict(
        CommitmentState.objects.filter(
            status=Status.AT_RISK, year__starts_on__lte=today, year__ends_on__gte=today
        )
        .values("call_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("call_id", "n")
    )
    if not counts:
        return []
    calls = Call.objects.filter(pk__in=counts).order_by("-opens_at", "pk")
    return [
        Todo(
            label=ngettext(
                "%(count)d Zusage gefährdet – %(call)s",
                "%(count)d Zusagen gefährdet – %(call)s",
                counts[call.pk],
            )
            % {"count": counts[call.pk], "call": call.title},
            count=counts[call.pk],
            url=reverse("programme_office:matrix", args=[call.pk]),
        )
        for call in calls
    ]


register_counter(
    Counter(
        name="progress.at_risk",
        title=_("Gefährdete Zusagen"),
        url=lambda: reverse("programme_office:cohorts"),
        position=40,
        collect=commitments_at_risk,
    )
)
