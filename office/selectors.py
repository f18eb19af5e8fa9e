"""Read-only queries for the programme office. Every query here has a fixed number of
round trips, however many applications there are."""

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.http import Http404

from applications.models import Answer, Application
from applications.selectors import application_search
from calls.models import Call, Question, QuestionnaireVersion
from core.collation import German
from core.models import AuditEntry, Page
from municipalities.models import Land, Municipality, SizeClass

# Public sort keys of the application list → the fields they order by. Only these are
# accepted, so a crafted ``sort`` parameter can never reach the database.
APPLICATION_SORTS = {
    "name": ["municipality__name", "municipality__key"],
    "land": ["municipality__land__name", "municipality__name"],
    "population": ["municipality__population", "municipality__name"],
    "submitted_at": ["submitted_at"],
    "status": ["status", "municipality__name"],
}
APPLICATION_DEFAULT_SORT = "-submitted_at"

# Kinds that can apply (see ``Municipality.may_apply``); the others would only repeat
# labels ("Kreisfreie Stadt" exists on both levels) and never match an application.
APPLYING_KINDS = [
    (value, label)
    for value, label in Municipality.Kind.choices
    if value
    not in {
        Municipality.Kind.KREISFREIE_STADT_K,
        Municipality.Kind.STADTKREIS_K,
        Municipality.Kind.GEMEINDEFREI_UNBEWOHNT,
    }
]


def application_sort_normalize(sort: str | None) -> str:
    """The given sort parameter if it is known, else the default one."""
    if sort and sort.lstrip("-") in APPLICATION_SORTS:
        return sort
    return APPLICATION_DEFAULT_SORT


def _order_by(sort: str) -> list:
    descending = sort.startswith("-")
    # NULLs (drafts without a submission time, places without a population) go last in
    # both directions; the primary key makes the order total, so pages never overlap.
    # Names in German alphabetical order (Böblingen before Bremerhaven).
    columns = [
        German(field) if field.endswith("name") else F(field)
        for field in APPLICATION_SORTS[sort.lstrip("-")]
    ]
    return [
        column.desc(nulls_last=True) if descending else column.asc(nulls_last=True)
        for column in columns
    ] + [F("pk").asc()]


def application_list_office(
    *,
    call: Call | None = None,
    land: Land | None = None,
    kind: str = "",
    size_class: str = "",
    status: str = "",
    query: str = "",
    sort: str = APPLICATION_DEFAULT_SORT,
) -> QuerySet[Application]:
    """All applications matching the office's filters, with everything a row shows.

    ``query`` is a municipality name (case and umlauts do not matter), the start of an
    official key (AGS) or the start of a reference.
    """
    qs = Application.objects.select_related(
        "call", "municipality", "municipality__land", "municipality__kreis"
    )
    if call is not None:
        qs = qs.filter(call=call)
    if land is not None:
        qs = qs.filter(municipality__land=land)
    if kind:
        qs = qs.filter(municipality__kind=kind)
    if size_class:
        qs = qs.filter(municipality__size_class=size_class)
    if status:
        qs = qs.filter(status=status)
    qs = application_search(applications=qs, query=query)
    return qs.order_by(*_order_by(application_sort_normalize(sort)))


def answer_file_get_office(*, application_pk: int, answer_pk: int) -> Answer:
    """An answer with an uploaded file, only if it belongs to that application."""
    answer = (
        Answer.objects.filter(pk=answer_pk, application_id=application_pk).exclude(file="").first()
    )
    if answer is None:
        raise Http404
    return answer


def audit_list_for_object(*, obj) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(
        object_type=obj._meta.label_lower, object_id=str(obj.pk)
    ).select_related("actor")


@dataclass(frozen=True)
class ExportQuestions:
    # One question per key from the latest questionnaire version of each call, in
    # questionnaire order: the answer columns of an export.
    columns: list[Question]
    # Every question of those calls' versions, to read answers given to older versions.
    by_id: dict[int, Question]


def export_questions(*, applications: QuerySet[Application]) -> ExportQuestions:
    """The questions an export of ``applications`` needs (one query)."""
    latest_number = (
        QuestionnaireVersion.objects.filter(call_id=OuterRef("version__call_id"))
        .order_by("-number")
        .values("number")[:1]
    )
    questions = (
        Question.objects.filter(
            version__call_id__in=applications.order_by().values("call_id").distinct()
        )
        .select_related("version")
        .annotate(latest_number=Subquery(latest_number))
        .order_by(
            "-version__call__opens_at", "version__call_id", "section__position", "position", "id"
        )
    )
    columns: dict[str, Question] = {}
    by_id: dict[int, Question] = {}
    for question in questions:
        by_id[question.pk] = question
        if question.version.number == question.latest_number:
            columns.setdefault(question.key, question)
    return ExportQuestions(columns=list(columns.values()), by_id=by_id)


def call_status_counts() -> list[dict]:
    """Every call with its number of applications per status (one query)."""
    status = Application.Status
    calls = Call.objects.annotate(
        draft=Count("applications", filter=Q(applications__status=status.DRAFT)),
        submitted=Count("applications", filter=Q(applications__status=status.SUBMITTED)),
        withdrawn=Count("applications", filter=Q(applications__status=status.WITHDRAWN)),
        total=Count("applications"),
    ).order_by("-opens_at")
    return list(calls)


@dataclass(frozen=True)
class CountRow:
    label: str
    count: int


@dataclass(frozen=True)
class Distribution:
    rows: list[CountRow]

    @property
    def total(self) -> int:
        return sum(r.count for r in self.rows)

    @property
    def maximum(self) -> int:
        return max((r.count for r in self.rows), default=0)


def _by_choices(counts: dict[str, int], choices) -> Distribution:
    rows = [CountRow(label=str(label), count=counts.pop(value, 0)) for value, label in choices]
    # Values outside the known choices (e.g. an empty size class) are still counted.
    rows += [CountRow(label=value or "–", count=n) for value, n in sorted(counts.items())]
    return Distribution(rows=rows)


def application_statistics(*, call: Call | None = None, status: str = "") -> dict:
    """Applications by Land, kind, size class and status (four aggregate queries)."""
    applications = Application.objects.all()
    # Every Land is listed, also those without applications, so gaps are visible.
    land_filter = Q()
    if call is not None:
        applications = applications.filter(call=call)
        land_filter &= Q(municipalities__applications__call=call)
    if status:
        applications = applications.filter(status=status)
        land_filter &= Q(municipalities__applications__status=status)
    lands = Land.objects.annotate(
        n=Count("municipalities__applications", filter=land_filter or None)
    )

    def grouped(field: str) -> dict[str, int]:
        rows = applications.order_by().values(field).annotate(n=Count("pk"))
        return {row[field]: row["n"] for row in rows}

    return {
        "land": Distribution(
            rows=[CountRow(label=land.name, count=land.n) for land in lands.order_by("name")]
        ),
        "kind": _by_choices(grouped("municipality__kind"), APPLYING_KINDS),
        "size_class": _by_choices(grouped("municipality__size_class"), SizeClass.choices),
        "status": _by_choices(grouped("status"), Application.Status.choices),
    }


def audit_list(
    *,
    object_type: str = "",
    query: str = "",
    person: str = "",
    action: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[AuditEntry]:
    """The trail, newest first, narrowed by object, person (part of the name or e-mail
    address), action and days as counted in Berlin."""
    entries = AuditEntry.objects.select_related("actor")
    if object_type:
        entries = entries.filter(object_type=object_type)
    query = query.strip()
    if query:
        entries = entries.filter(Q(object_id=query) | Q(object_label__icontains=query))
    person = person.strip()
    if person:
        entries = entries.filter(
            Q(actor__full_name__icontains=person) | Q(actor__email__icontains=person)
        )
    if action:
        entries = entries.filter(action=action)
    if date_from:
        entries = entries.filter(created_at__gte=_berlin_midnight(date_from))
    if date_to:
        entries = entries.filter(created_at__lt=_berlin_midnight(date_to + dt.timedelta(days=1)))
    return entries.order_by("-created_at", "-id")


def _berlin_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=ZoneInfo("Europe/Berlin"))


def audit_object_types() -> list[str]:
    return list(
        AuditEntry.objects.order_by("object_type").values_list("object_type", flat=True).distinct()
    )


def page_list_office() -> list[tuple[str, str, Page | None]]:
    """Every editable page slug with its stored page, or None if not yet written."""
    pages = {p.slug: p for p in Page.objects.select_related("updated_by")}
    return [(slug, str(label), pages.get(slug)) for slug, label in Page.Slug.choices]


def page_get_office(*, slug: str) -> Page | None:
    """The page for ``slug``; None if the slug is known but the page not yet written."""
    if slug not in Page.Slug.values:
        raise Http404
    return Page.objects.filter(slug=slug).first()
