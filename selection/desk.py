"""Selection on the office's desk: decision letters that reached nobody."""

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from calls.models import Call
from core.desk import Counter, Todo, register_counter
from selection.selectors import letters_without_recipient


def letters_unsent(today) -> list[Todo]:
    counts = dict(
        letters_without_recipient()
        .order_by()
        .values("call_id")
        .annotate(n=Count("pk"))
        .values_list("call_id", "n")
    )
    if not counts:
        return []
    calls = Call.objects.filter(pk__in=counts).order_by("-opens_at", "pk")
    return [
        Todo(
            label=ngettext(
                "%(count)d Brief ohne Empfänger – %(call)s",
                "%(count)d Briefe ohne Empfänger – %(call)s",
                counts[call.pk],
            )
            % {"count": counts[call.pk], "call": call.title},
            count=counts[call.pk],
            url=reverse("selection:decision", args=[call.pk]),
        )
        for call in calls
    ]


register_counter(
    Counter(
        name="selection.letters_without_recipient",
        title=_("Entscheidungsbriefe ohne Empfänger"),
        url=lambda: reverse("selection:index"),
        position=80,
        collect=letters_unsent,
    )
)
