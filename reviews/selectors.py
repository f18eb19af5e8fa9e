"""Reading screenings, assignments, reviews and scores, scoped to the person asking.

Office selectors see every application; reviewer selectors only ever find the
reviewer's own assignments, so a guessed URL of another reviewer's assignment is 404.
Every list here needs a fixed number of queries, however many rows it has.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.db.models import Count, F, Max, Min, Prefetch, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from accounts.models import Role, User
from applications.models import Application
from applications.selectors import application_search
from calls.models import Call
from core.collation import German
from municipalities.models import Land
from reviews.models import Assignment, Criterion, Score, Screening

SUBMITTED = Application.Status.SUBMITTED
TWO_PLACES = Decimal("0.01")


# --- screening ---------------------------------------------------------------------


def screening_list(
    *, call: Call, status: str = "", land: Land | None = None, query: str = ""
) -> QuerySet[Application]:
    """The call's submitted applications with their screening, filtered, by name.

    ``query`` is a municipality name (case and umlauts do not matter), the start of an
    official key or the start of a reference.
    """
    qs = Application.objects.filter(call=call, status=SUBMITTED).select_related(
        "municipality", "municipality__land", "municipality__kreis", "screening"
    )
    if status == Screening.Status.PENDING:
        qs = qs.filter(Q(screening__isnull=True) | Q(screening__status=status))
    elif status:
        qs = qs.filter(screening__status=status)
    if land is not None:
        qs = qs.filter(municipality__land=land)
    qs = application_search(applications=qs, query=query)
    return qs.order_by(German("municipality__name"), "pk")


def screening_status_of(application: Application) -> str:
    screening = getattr(application, "screening", None)
    return screening.status if screening else Screening.Status.PENDING


def eligible_application_ids(*, call: Call) -> set[int]:
    """Ids of the call's submitted applications the office found formally eligible."""
    return set(
        Application.objects.filter(
            call=call, status=SUBMITTED, screening__status=Screening.Status.ELIGIBLE
        ).values_list("pk", flat=True)
    )


def eligible_applications(*, call: Call) -> QuerySet[Application]:
    return (
        Application.objects.filter(
            call=call, status=SUBMITTED, screening__status=Screening.Status.ELIGIBLE
        )
        .select_related("municipality", "municipality__land", "municipality__kreis")
        .order_by("reference", "pk")
    )


# --- criteria ----------------------------------------------------------------------


def criteria_of_call(*, call: Call) -> list[Criterion]:
    return list(Criterion.objects.filter(call=call).order_by("position", "id"))


def criterion_get_office(*, call: Call, criterion_pk: int) -> Criterion:
    try:
        return Criterion.objects.get(call=call, pk=criterion_pk)
    except Criterion.DoesNotExist as exc:
        raise Http404 from exc


def call_has_submitted_reviews(*, call: Call) -> bool:
    return Assignment.objects.filter(application__call=call, submitted_at__isnull=False).exists()


# --- assignments -------------------------------------------------------------------


def reviewer_list() -> list[User]:
    """Every active reviewer account, with the home municipality used for conflicts."""
    return list(
        User.objects.filter(role=Role.REVIEWER, is_active=True)
        .select_related("municipality")
        .order_by("full_name", "pk")
    )


def assignments_of_application(*, application: Application) -> list[Assignment]:
    """All assignments of an application (also declared conflicts), with their scores."""
    return list(
        Assignment.objects.filter(application=application)
        .select_related("reviewer", "reviewer__municipality")
        .prefetch_related(Prefetch("scores", queryset=Score.objects.select_related("criterion")))
        .order_by("conflict_declared_at", "assigned_at", "pk")
    )


def assignment_get_office(*, assignment_pk: int) -> Assignment:
    assignment = assignment_find_office(assignment_pk=assignment_pk)
    if assignment is None:
        raise Http404
    return assignment


def assignment_find_office(*, assignment_pk: int) -> Assignment | None:
    """The assignment, or None once it is gone (removed by a click a moment ago)."""
    return (
        Assignment.objects.select_related("application", "application__municipality", "reviewer")
        .filter(pk=assignment_pk)
        .first()
    )


def assignment_conflict_declared(*, reviewer: User, pk: int) -> bool:
    """Whether ``reviewer`` has declared a conflict for their assignment ``pk`` already."""
    return Assignment.objects.filter(
        pk=pk, reviewer=reviewer, conflict_declared_at__isnull=False
    ).exists()


def _reviewer_assignments(reviewer: User) -> QuerySet[Assignment]:
    return Assignment.objects.filter(
        reviewer=reviewer,
        conflict_declared_at__isnull=True,
        application__status=SUBMITTED,
        # An application found not eligible later leaves the review.
        application__screening__status=Screening.Status.ELIGIBLE,
    )


def assignment_list_for_reviewer(*, reviewer: User) -> QuerySet[Assignment]:
    """The reviewer's own open and submitted reviews: open ones first, by due date."""
    return (
        _reviewer_assignments(reviewer)
        .select_related("application", "application__municipality", "application__call")
        .order_by(F("submitted_at").asc(nulls_first=True), "due_date", "pk")
    )


def assignment_get_for_reviewer(*, reviewer: User, pk: int) -> Assignment:
    """The reviewer's own assignment; anyone else's answers 404."""
    try:
        return (
            _reviewer_assignments(reviewer)
            .select_related(
                "application",
                "application__call",
                "application__version",
                "application__municipality",
                "application__municipality__land",
                "application__municipality__kreis",
            )
            .get(pk=pk)
        )
    except Assignment.DoesNotExist as exc:
        raise Http404 from exc


def scores_of_assignment(*, assignment: Assignment) -> dict[int, Score]:
    """The assignment's scores by criterion id."""
    return {s.criterion_id: s for s in Score.objects.filter(assignment=assignment)}


def other_reviews(*, assignment: Assignment) -> list[Assignment]:
    """The other submitted reviews of the same application, only once this one is
    submitted: reviewers judge on their own first."""
    if assignment.submitted_at is None:
        return []
    return list(
        Assignment.objects.filter(application_id=assignment.application_id)
        .filter(submitted_at__isnull=False)
        .exclude(pk=assignment.pk)
        .prefetch_related(Prefetch("scores", queryset=Score.objects.select_related("criterion")))
        .order_by("submitted_at", "pk")
    )


def _today() -> dt.date:
    return timezone.localdate()


def reviewer_progress(*, call: Call, today: dt.date | None = None) -> list[User]:
    """Every active reviewer with their assigned, submitted and overdue reviews in the
    call and the last reminder to an open one (one query)."""
    today = today or _today()
    active = Q(
        review_assignments__application__call=call,
        review_assignments__application__status=SUBMITTED,
        review_assignments__application__screening__status=Screening.Status.ELIGIBLE,
        review_assignments__conflict_declared_at__isnull=True,
    )
    open_ = active & Q(review_assignments__submitted_at__isnull=True)
    return list(
        User.objects.filter(role=Role.REVIEWER, is_active=True)
        .annotate(
            assigned=Count("review_assignments", filter=active),
            submitted=Count(
                "review_assignments",
                filter=active & Q(review_assignments__submitted_at__isnull=False),
            ),
            open_count=Count("review_assignments", filter=open_),
            overdue=Count(
                "review_assignments", filter=open_ & Q(review_assignments__due_date__lt=today)
            ),
            last_reminded=Max("review_assignments__last_reminded_at", filter=open_),
        )
        .order_by("full_name", "pk")
    )


def application_progress(*, call: Call, today: dt.date | None = None) -> QuerySet[Application]:
    """The call's eligible applications with their number of reviews (one query)."""
    today = today or _today()
    active = Q(review_assignments__conflict_declared_at__isnull=True)
    return eligible_applications(call=call).annotate(
        assigned=Count("review_assignments", filter=active),
        submitted=Count(
            "review_assignments",
            filter=active & Q(review_assignments__submitted_at__isnull=False),
        ),
        overdue=Count(
            "review_assignments",
            filter=active
            & Q(review_assignments__submitted_at__isnull=True)
            & Q(review_assignments__due_date__lt=today),
        ),
    )


# --- overview ----------------------------------------------------------------------


def call_review_overview() -> list[Call]:
    """Every call with its counts of submitted, eligible, assigned and reviewed ones."""
    submitted = Q(applications__status=SUBMITTED)
    return list(
        Call.objects.annotate(
            submitted_count=Count("applications", filter=submitted, distinct=True),
            eligible_count=Count(
                "applications",
                filter=submitted & Q(applications__screening__status=Screening.Status.ELIGIBLE),
                distinct=True,
            ),
            not_eligible_count=Count(
                "applications",
                filter=submitted & Q(applications__screening__status=Screening.Status.NOT_ELIGIBLE),
                distinct=True,
            ),
            review_count=Count(
                "applications__review_assignments",
                filter=submitted & Q(applications__review_assignments__submitted_at__isnull=False),
                distinct=True,
            ),
            criterion_count=Count("review_criteria", distinct=True),
        ).order_by("-opens_at")
    )


# --- scores ------------------------------------------------------------------------


@dataclass(frozen=True)
class ApplicationScore:
    """An application's scores over its submitted reviews, each rounded to 2 places.

    ``per_criterion``: mean score per criterion key. ``overall``: the mean of those
    criterion means. ``spread``: the range (highest minus lowest) of the reviewers'
    own overall scores (each the mean of that reviewer's criterion scores), so it shows
    how far the reviewers disagree. ``per_criterion_spread``: the range of the scores
    per criterion. ``recommendations``: number of reviews per recommendation
    ("yes", "maybe", "no").
    """

    overall: Decimal | None
    per_criterion: dict[str, Decimal]
    spread: Decimal | None
    review_count: int
    recommendations: dict[str, int]
    per_criterion_spread: dict[str, Decimal]


def _two_places(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        TWO_PLACES, rounding=ROUND_HALF_UP
    )


def application_scores(*, call: Call) -> dict[int, ApplicationScore]:
    """Scores of every submitted application of ``call`` (id → score), in four queries.

    The database sums and counts; the means are taken exactly (as fractions) and
    rounded once at the end, half up, so the figures do not depend on the database's
    floating-point arithmetic. Applications without a submitted review have
    ``overall`` and ``spread`` None.
    """
    application_ids = list(
        Application.objects.filter(call=call, status=SUBMITTED).values_list("pk", flat=True)
    )
    return _scores(call_id=call.pk, application_ids=application_ids, restrict=False)


def application_score(*, application: Application) -> ApplicationScore:
    """The scores of one application (three queries)."""
    return _scores(call_id=application.call_id, application_ids=[application.pk], restrict=True)[
        application.pk
    ]


def _scores(
    *, call_id: int, application_ids: list[int], restrict: bool
) -> dict[int, ApplicationScore]:
    reviewed = Score.objects.filter(
        assignment__application__call_id=call_id,
        assignment__application__status=SUBMITTED,
        assignment__submitted_at__isnull=False,
        score__isnull=False,
    ).order_by()
    submitted = Assignment.objects.filter(
        application__call_id=call_id, application__status=SUBMITTED, submitted_at__isnull=False
    ).order_by()
    if restrict:
        reviewed = reviewed.filter(assignment__application_id__in=application_ids)
        submitted = submitted.filter(application_id__in=application_ids)

    per_criterion: dict[int, dict[str, tuple[Fraction, int, int]]] = defaultdict(dict)
    for row in reviewed.values("assignment__application_id", "criterion__key").annotate(
        total=Sum("score"), n=Count("score"), low=Min("score"), high=Max("score")
    ):
        per_criterion[row["assignment__application_id"]][row["criterion__key"]] = (
            Fraction(row["total"], row["n"]),
            row["low"],
            row["high"],
        )
    review_means: dict[int, list[Fraction]] = defaultdict(list)
    for row in reviewed.values("assignment__application_id", "assignment_id").annotate(
        total=Sum("score"), n=Count("score")
    ):
        review_means[row["assignment__application_id"]].append(Fraction(row["total"], row["n"]))
    recommendations: dict[int, dict[str, int]] = defaultdict(dict)
    for row in submitted.values("application_id", "recommendation").annotate(n=Count("pk")):
        recommendations[row["application_id"]][row["recommendation"]] = row["n"]

    result = {}
    for application_id in application_ids:
        criteria = per_criterion.get(application_id, {})
        means = review_means.get(application_id, [])
        counts = recommendations.get(application_id, {})
        overall = None
        if criteria:
            overall = _two_places(sum(mean for mean, _l, _h in criteria.values()) / len(criteria))
        result[application_id] = ApplicationScore(
            overall=overall,
            per_criterion={key: _two_places(mean) for key, (mean, _l, _h) in criteria.items()},
            spread=_two_places(max(means) - min(means)) if means else None,
            review_count=sum(counts.values()),
            recommendations={
                value: counts.get(value, 0) for value in Assignment.Recommendation.values
            },
            per_criterion_spread={
                key: _two_places(Fraction(high - low)) for key, (_m, low, high) in criteria.items()
            },
        )
    return result


def empty_score() -> ApplicationScore:
    return ApplicationScore(
        overall=None,
        per_criterion={},
        spread=None,
        review_count=0,
        recommendations={value: 0 for value in Assignment.Recommendation.values},
        per_criterion_spread={},
    )


@dataclass(frozen=True)
class ScoreRow:
    application: Application
    score: ApplicationScore
    rank: int | None


SCORE_SORTS = {"overall", "-overall", "name", "-name", "spread", "-spread"}
SCORE_DEFAULT_SORT = "-overall"


def score_sort_normalize(sort: str | None) -> str:
    return sort if sort in SCORE_SORTS else SCORE_DEFAULT_SORT


def score_rows(*, call: Call, sort: str = SCORE_DEFAULT_SORT) -> list[ScoreRow]:
    """The call's eligible applications with their scores, sorted; applications without
    a score go last in either direction. The rank is by overall score, ties share it."""
    applications = list(eligible_applications(call=call))
    scores = application_scores(call=call)
    empty = empty_score()
    pairs = [(a, scores.get(a.pk, empty)) for a in applications]
    ranked = sorted((s.overall for _a, s in pairs if s.overall is not None), reverse=True)
    rank_of = {}
    for position, value in enumerate(ranked, start=1):
        rank_of.setdefault(value, position)
    sort = score_sort_normalize(sort)
    key_name, descending = sort.lstrip("-"), sort.startswith("-")

    def sort_key(pair):
        application, score = pair
        name = (application.municipality.name, application.pk)
        if key_name == "name":
            return (False, *name)
        value = score.overall if key_name == "overall" else score.spread
        if value is None:
            return (True, Decimal(0), *name)
        return (False, -value if descending else value, *name)

    if key_name == "name" and descending:
        pairs.sort(key=sort_key, reverse=True)
    else:
        pairs.sort(key=sort_key)
    # Applications without a score have no rank (None is never a key of ``rank_of``).
    return [ScoreRow(application=a, score=s, rank=rank_of.get(s.overall)) for a, s in pairs]


# --- the office's desk ---------------------------------------------------------------


def _open_review(prefix: str = "") -> Q:
    """A review still to be written, as the call's progress page counts it: by an
    active reviewer, on an eligible submitted application, without a conflict."""
    conditions = {
        "application__status": SUBMITTED,
        "application__screening__status": Screening.Status.ELIGIBLE,
        "conflict_declared_at__isnull": True,
        "submitted_at__isnull": True,
        "reviewer__role": Role.REVIEWER,
        "reviewer__is_active": True,
    }
    return Q(**{prefix + name: value for name, value in conditions.items()})


def overdue_reviews_per_call(*, today: dt.date) -> list[Call]:
    """The calls with reviews past their due date, each with ``overdue`` (one query)."""
    prefix = "applications__review_assignments__"
    overdue = _open_review(prefix) & Q(**{prefix + "due_date__lt": today})
    return list(
        Call.objects.annotate(overdue=Count("applications__review_assignments", filter=overdue))
        .filter(overdue__gt=0)
        .order_by("-opens_at", "pk")
    )


def review_due_dates(*, first: dt.date, last: dt.date) -> list[dict]:
    """Per call and due date from ``first`` to ``last``: the number of reviews still to
    be written by then, with the call's titles (one query)."""
    return list(
        Assignment.objects.filter(_open_review(), due_date__gte=first, due_date__lte=last)
        .values(
            "due_date",
            "application__call_id",
            "application__call__title_de",
            "application__call__title_en",
        )
        .annotate(open=Count("pk"))
        .order_by("due_date", "application__call_id")
    )
