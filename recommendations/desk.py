"""The recommendations on the office's desk: comments of ended rounds that still wait for
an answer."""

from django.db.models import Count, Q
from django.db.models.functions import Now
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.desk import Counter, Todo, register_counter
from recommendations.models import ConsultationRound


def comments_waiting(today) -> list[Todo]:
    """One entry per ended, not yet evaluated round with unanswered comments (one query)."""
    rounds = (
        ConsultationRound.objects.filter(ends_at__lte=Now(), evaluated_at__isnull=True)
        .annotate(
            waiting=Count(
                "comments",
                filter=Q(comments__parent__isnull=True, comments__answer_status=""),
            )
        )
        .filter(waiting__gt=0)
        .order_by("ends_at", "pk")
    )
    return [
        Todo(
            label=ngettext(
                "%(count)d Kommentar wartet auf eine Antwort – %(round)s",
                "%(count)d Kommentare warten auf eine Antwort – %(round)s",
                round.waiting,
            )
            % {"count": round.waiting, "round": round.title},
            count=round.waiting,
            url=reverse("recommendation_answers:round", args=[round.pk]),
        )
        for round in rounds
    ]


register_counter(
    Counter(
        name="recommendations.comments_waiting",
        title=_("Kommentare, die auf eine Antwort warten"),
        url=lambda: reverse("recommendation_answers:round_list"),
        collect=comments_waiting,
        position=75,
    )
)
