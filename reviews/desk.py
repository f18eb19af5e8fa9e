"""Reviews on the office's desk: overdue reviews per call, and the due dates."""

from types import SimpleNamespace

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.desk import Counter, DateSource, Deadline, Todo, register_counter, register_dates
from core.models import localized
from reviews import selectors


def overdue_reviews(today) -> list[Todo]:
    return [
        Todo(
            label=ngettext(
                "%(count)d Gutachten überfällig – %(call)s",
                "%(count)d Gutachten überfällig – %(call)s",
                call.overdue,
            )
            % {"count": call.overdue, "call": call.title},
            count=call.overdue,
            url=reverse("reviews:progress", args=[call.pk]),
        )
        for call in selectors.overdue_reviews_per_call(today=today)
    ]


def _call_title(row: dict) -> str:
    titles = SimpleNamespace(
        title_de=row["application__call__title_de"], title_en=row["application__call__title_en"]
    )
    return localized(titles, "title")


def review_due_dates(first, last) -> list[Deadline]:
    return [
        Deadline(
            day=row["due_date"],
            kind=_("Frist der Begutachtung"),
            title=ngettext(
                "%(call)s: %(count)d Gutachten offen",
                "%(call)s: %(count)d Gutachten offen",
                row["open"],
            )
            % {"call": _call_title(row), "count": row["open"]},
            url=reverse("reviews:progress", args=[row["application__call_id"]]),
            uid=f"kfa-reviews-{row['application__call_id']}-{row['due_date']:%Y%m%d}",
        )
        for row in selectors.review_due_dates(first=first, last=last)
    ]


register_counter(
    Counter(
        name="reviews.overdue",
        title=_("Überfällige Gutachten"),
        url=lambda: reverse("reviews:office_index"),
        position=30,
        collect=overdue_reviews,
    )
)
register_dates(DateSource(name="reviews.due", collect=review_due_dates))
