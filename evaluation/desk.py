"""Surveys on the office's desk: those about to close, and when each opens and ends."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.desk import Counter, DateSource, Deadline, Todo, register_counter, register_dates
from core.periods import span_bounds
from evaluation import selectors


def surveys_closing(today) -> list[Todo]:
    count = selectors.surveys_closing_soon_count(now=timezone.now())
    if not count:
        return []
    label = ngettext(
        "%(count)d Befragung endet in den nächsten %(days)d Tagen",
        "%(count)d Befragungen enden in den nächsten %(days)d Tagen",
        count,
    ) % {"count": count, "days": selectors.CLOSING_SOON_DAYS}
    return [Todo(label=label, count=count, url=reverse("evaluation:surveys") + "?bald=1")]


def survey_dates(first, last) -> list[Deadline]:
    start, end = span_bounds(first, last)
    found = []
    for survey in selectors.survey_dates(first=start, last=end):
        url = reverse("evaluation:survey_detail", args=[survey.pk])
        found.append(
            Deadline(
                day=timezone.localdate(survey.opens_at),
                kind=_("Beginn einer Befragung"),
                title=survey.title,
                url=url,
                uid=f"kfa-survey-{survey.pk}-opens",
                title_german=True,
            )
        )
        ends_at = survey.closed_at or survey.closes_at
        found.append(
            Deadline(
                day=timezone.localdate(ends_at),
                kind=_("Ende einer Befragung"),
                title=survey.title,
                url=url,
                uid=f"kfa-survey-{survey.pk}-ends",
                title_german=True,
            )
        )
    return found


register_counter(
    Counter(
        name="evaluation.closing",
        title=_("Befragungen, die bald enden"),
        url=lambda: reverse("evaluation:surveys"),
        collect=surveys_closing,
        position=60,
    )
)
register_dates(DateSource(name="evaluation.surveys", collect=survey_dates))
