"""Reading the training catalogue, sessions and feedback, always scoped to the person.

Lists cost a fixed number of queries however many rows they show: counts are
subqueries, related rows come with ``select_related``.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, F, Func, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.models import MUNICIPAL_ROLES, Role, User
from core.choices import ActivityStatus
from programme.models import ProgrammeYear
from programme.tallies import YearTally, activity_tallies, scoped
from trainings.models import (
    FeedbackSource,
    ModuleMaterial,
    ModuleVersion,
    SessionFeedback,
    Suitability,
    TrainingModule,
    TrainingSession,
)


def _count(queryset: QuerySet) -> Coalesce:
    """A correlated COUNT(*) of ``queryset`` as an annotation (0 when empty)."""
    counted = queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


# --- catalogue ---------------------------------------------------------------------------


def module_catalogue_office() -> QuerySet[ModuleVersion]:
    """The latest version of every module, with the module's held sessions and feedback
    counted over all its versions."""
    latest_number = (
        ModuleVersion.objects.filter(module=OuterRef("module"))
        .order_by("-number")
        .values("number")[:1]
    )
    published_number = (
        ModuleVersion.objects.filter(module=OuterRef("module"), published_at__isnull=False)
        .order_by("-number")
        .values("number")[:1]
    )
    held = TrainingSession.objects.filter(
        module_version__module=OuterRef("module"), status=ActivityStatus.HELD
    )
    feedback = SessionFeedback.objects.filter(session__module_version__module=OuterRef("module"))
    return (
        ModuleVersion.objects.filter(number=Subquery(latest_number))
        .select_related("module")
        .annotate(
            published_number=Subquery(published_number),
            held_count=_count(held),
            feedback_count=_count(feedback),
        )
        .order_by("title", "module__code")
    )


def module_get_office(*, module_pk: int) -> TrainingModule:
    return get_object_or_404(TrainingModule, pk=module_pk)


def module_versions(*, module: TrainingModule) -> QuerySet[ModuleVersion]:
    held = TrainingSession.objects.filter(module_version=OuterRef("pk"), status=ActivityStatus.HELD)
    feedback = SessionFeedback.objects.filter(session__module_version=OuterRef("pk"))
    return module.versions.annotate(
        held_count=_count(held), feedback_count=_count(feedback)
    ).order_by("-number")


def version_get_office(*, module_version_pk: int) -> ModuleVersion:
    return get_object_or_404(ModuleVersion.objects.select_related("module"), pk=module_version_pk)


def published_versions() -> QuerySet[ModuleVersion]:
    """The latest published version of each module, by title."""
    latest_published = (
        ModuleVersion.objects.filter(module=OuterRef("module"), published_at__isnull=False)
        .order_by("-number")
        .values("number")[:1]
    )
    return (
        ModuleVersion.objects.filter(published_at__isnull=False, number=Subquery(latest_published))
        .select_related("module")
        .annotate(material_count=_count(ModuleMaterial.objects.filter(version=OuterRef("pk"))))
        .order_by("title", "module__code")
    )


def plannable_versions(*, including: int | None = None) -> QuerySet[ModuleVersion]:
    """The versions a session can be planned with: the latest published one of each
    module, and ``including`` (the version a session already uses)."""
    latest = published_versions().values("pk")
    return (
        ModuleVersion.objects.filter(Q(pk__in=latest) | Q(pk=including))
        .select_related("module")
        .order_by("title", "module__code", "-number")
    )


def published_version_get(*, module_version_pk: int) -> ModuleVersion:
    """A published version (any number: sessions may refer to an earlier one)."""
    return get_object_or_404(
        ModuleVersion.objects.select_related("module").filter(published_at__isnull=False),
        pk=module_version_pk,
    )


def version_materials(*, version: ModuleVersion) -> QuerySet[ModuleMaterial]:
    return version.materials.order_by("title", "pk")


def version_trainers(*, version: ModuleVersion) -> QuerySet[User]:
    return version.trainers.order_by("full_name", "pk")


def trainer_choices() -> QuerySet[User]:
    return User.objects.filter(role=Role.TRAINER, is_active=True).order_by("full_name", "pk")


def session_trainer_choices() -> QuerySet[User]:
    """Trainers named for at least one published version: those a session can have."""
    return trainer_choices().filter(module_versions__published_at__isnull=False).distinct()


def material_get_for_user(*, user: User, material_pk: int) -> ModuleMaterial:
    """The office reaches every material; everyone else only those of published versions."""
    materials = ModuleMaterial.objects.select_related("version")
    if user.role != Role.OFFICE:
        materials = materials.filter(version__published_at__isnull=False)
    return get_object_or_404(materials, pk=material_pk)


# --- feedback per version (office) -------------------------------------------------------


def version_feedback(*, version: ModuleVersion) -> QuerySet[SessionFeedback]:
    return (
        SessionFeedback.objects.filter(session__module_version=version)
        .select_related("session__municipality")
        .order_by("session__starts_at", "session__pk", "source")
    )


@dataclass(frozen=True)
class SuitabilityCount:
    value: str
    label: str
    count: int


def suitability_summary(*, version: ModuleVersion) -> list[SuitabilityCount]:
    """How often each answer on suitability was given for ``version`` (one query)."""
    totals = SessionFeedback.objects.filter(session__module_version=version).aggregate(
        **{value: Count("pk", filter=Q(suitability=value)) for value in Suitability.values}
    )
    return [
        SuitabilityCount(value=value, label=label, count=totals[value])
        for value, label in Suitability.choices
    ]


# --- sessions ----------------------------------------------------------------------------


def _sessions() -> QuerySet[TrainingSession]:
    return TrainingSession.objects.select_related(
        "module_version__module", "trainer", "municipality"
    ).annotate(
        municipality_feedback=Exists(
            SessionFeedback.objects.filter(
                session=OuterRef("pk"), source=FeedbackSource.MUNICIPALITY
            )
        ),
        trainer_feedback=Exists(
            SessionFeedback.objects.filter(session=OuterRef("pk"), source=FeedbackSource.TRAINER)
        ),
    )


def sessions_for_municipality(*, municipality_id: int, call) -> QuerySet[TrainingSession]:
    return (
        _sessions().filter(municipality_id=municipality_id, call=call).order_by("starts_at", "pk")
    )


def sessions_of_year(*, call, municipality_id: int, year: int) -> list[TrainingSession]:
    """The municipality's training sessions of a calendar year that were not cancelled,
    in order: what an expense of that year can be booked on."""
    return list(
        TrainingSession.objects.filter(
            call=call, municipality_id=municipality_id, starts_at__year=year
        )
        .exclude(status=ActivityStatus.CANCELLED)
        .select_related("module_version")
        .order_by("starts_at", "pk")
    )


def sessions_for_trainer(*, trainer: User) -> QuerySet[TrainingSession]:
    return _sessions().filter(trainer=trainer).order_by("-starts_at", "-pk")


def session_get_for_user(*, user: User, session_pk: int) -> TrainingSession:
    """A session the person may see: the office any, a trainer those they hold, the
    people of a municipality their own; anything else answers 404."""
    sessions = _sessions()
    if user.role == Role.OFFICE:
        pass
    elif user.role == Role.TRAINER:
        sessions = sessions.filter(trainer=user)
    elif user.role in MUNICIPAL_ROLES and user.approved_municipality_id:
        sessions = sessions.filter(municipality_id=user.approved_municipality_id)
    else:
        sessions = sessions.none()
    return get_object_or_404(sessions, pk=session_pk)


def session_feedback(*, session: TrainingSession, source: str) -> SessionFeedback | None:
    return SessionFeedback.objects.filter(session=session, source=source).first()


def programme_years(*, call) -> list[ProgrammeYear]:
    return list(ProgrammeYear.objects.filter(call=call).order_by("number"))


@dataclass
class YearGroup:
    year: ProgrammeYear | None
    sessions: list


def sessions_by_year(*, sessions, years: list[ProgrammeYear]) -> list[YearGroup]:
    """Sessions grouped by the programme year their local start date falls in; those
    outside every year come last, under no year."""
    groups = [YearGroup(year=year, sessions=[]) for year in years]
    outside = YearGroup(year=None, sessions=[])
    for session in sessions:
        day = timezone.localtime(session.starts_at).date()
        target = next((g for g in groups if g.year.starts_on <= day <= g.year.ends_on), outside)
        target.sessions.append(session)
    return [g for g in groups if g.sessions] + ([outside] if outside.sessions else [])


# --- read by the progress of the cohort (``progress``) ---------------------------------


def session_tallies(
    *, call, years: list[ProgrammeYear], now: dt.datetime, municipality_ids: list[int] | None
) -> list[YearTally]:
    """Held and still planned training sessions per municipality and programme year."""
    sessions = scoped(TrainingSession.objects.filter(call=call), municipality_ids)
    return activity_tallies(sessions, years=years, now=now)


def sessions_in_period(
    *, call, municipality_id: int, start: dt.datetime, end: dt.datetime
) -> QuerySet[TrainingSession]:
    """The municipality's sessions beginning in [start, end), in order."""
    return (
        TrainingSession.objects.filter(
            call=call, municipality_id=municipality_id, starts_at__gte=start, starts_at__lt=end
        )
        .select_related("module_version")
        .order_by("starts_at", "pk")
    )


def sessions_planned(
    *, call, municipality_id: int, now: dt.datetime, limit: int
) -> list[TrainingSession]:
    """The municipality's next ``limit`` planned sessions, soonest first."""
    return list(
        TrainingSession.objects.filter(
            call=call,
            municipality_id=municipality_id,
            status=ActivityStatus.PLANNED,
            starts_at__gte=now,
        )
        .select_related("module_version")
        .order_by("starts_at")[:limit]
    )
