"""The demo's first cohort in delivery: the first call's decision released, its ten model
municipalities with recorded work, so that the matrix shows every status.

The call keeps its own dates (1 Nov 2025 – 31 Dec 2026, 2027, 2028) whatever day the demo
is loaded: what lies before that day is recorded as it would have happened, and the
programme year that contains it has work planned after it. Years that have ended are
complete, except the first year of one municipality, which missed its training target.
Running it again changes nothing.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from accounts.demo import DEMO_DOMAIN, DEMO_PASSWORD
from accounts.models import Role, User
from advisory.demo import ensure_demo_board
from advisory.models import Assessment, Board, Meeting
from applications.demo import demo_coordinator
from calls.models import Call
from core.choices import ActivityStatus
from evaluation.demo import ensure_demo_instruments, ensure_demo_surveys
from events.demo import ensure_demo_events
from municipalities.models import Municipality
from network.demo import ensure_demo_network
from network.models import Workshop
from programme.cohort import cohort_municipalities
from programme.models import DocumentKind, EvaluationDate, ProgrammeDocument
from programme.services import commitments_ensure_defaults, programme_years_set
from recommendations.demo import ensure_demo_recommendations
from recommendations.models import FieldTest, FieldTestResult, FieldTestState, VersionState
from selection.models import Decision
from selection.services.decision import decision_adopt, decision_release
from selection.services.runs import selection_run_create
from trainings.demo import ensure_demo_modules
from trainings.models import TrainingSession

BERLIN = ZoneInfo("Europe/Berlin")

# Extra accounts of the first model municipality, for trying the programme area.
PROGRAMME_ACCOUNTS = {
    Role.COORDINATOR: (f"programm-koordination@{DEMO_DOMAIN}", "Koordination Modellkommune"),
    Role.TEAM_MEMBER: (f"programm-team@{DEMO_DOMAIN}", "Mitarbeiterin Modellkommune"),
    Role.HR: (f"programm-personal@{DEMO_DOMAIN}", "Personalverwaltung Modellkommune"),
    Role.ADVISORY: (f"programm-fachbeirat@{DEMO_DOMAIN}", "Fachbeirat Modellkommune"),
}

# Per municipality (by position in the cohort): how the running programme year goes.
#   met       – everything done
#   on_track  – part done, the rest planned before the end of the year
#   at_risk   – part done, nothing more planned
# and, for one municipality, a first year that missed its training target (at risk while
# it runs, missed once it has ended; later years on track).
PROFILES = [
    "met",
    "on_track",
    "at_risk",
    "met",
    "on_track",
    "missed_y1",
    "at_risk",
    "met",
    "on_track",
    "on_track",
]


def ensure_decision(*, call: Call, office: User) -> Decision:
    """Run the assistant, adopt its cohort and release it, unless already decided."""
    decision = Decision.objects.filter(call=call).first()
    if decision is None:
        run = selection_run_create(call=call, actor=office)
        decision = decision_adopt(run=run, actor=office)
    if decision.released_at is None:
        decision_release(call=call, actor=office)
        decision.refresh_from_db()
    # The office decided on the day the call names, not on the day the demo is loaded.
    adopted, released = _at(call.decision_date, 9), _at(call.decision_date, 12)
    if released < decision.released_at:
        Decision.objects.filter(pk=decision.pk).update(adopted_at=adopted, released_at=released)
        decision.refresh_from_db()
    return decision


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=BERLIN)


def _account(email, name, role, municipality, now) -> User:
    user, _created = User.objects.get_or_create(email=email)
    user.full_name = name
    user.role = role
    user.municipality = municipality
    user.municipality_approved_at = user.municipality_approved_at or now
    user.email_confirmed_at = user.email_confirmed_at or now
    user.privacy_accepted_at = user.privacy_accepted_at or now
    user.is_active = True
    user.set_password(DEMO_PASSWORD)
    user.save()
    return user


def ensure_demo_programme(*, call: Call, today: dt.date | None = None) -> list[Municipality]:
    """The first cohort in its second programme year; returns the model municipalities."""
    today = today or timezone.localdate()
    now = timezone.now()
    office = User.objects.filter(role=Role.OFFICE, is_active=True).order_by("pk").first()
    with transaction.atomic():
        ensure_decision(call=call, office=office)
        start = call.programme_start
        first_end = dt.date(start.year + 1, 12, 31)
        years = programme_years_set(
            call=call,
            periods=[
                (start, first_end),
                (dt.date(first_end.year + 1, 1, 1), dt.date(first_end.year + 1, 12, 31)),
                (dt.date(first_end.year + 2, 1, 1), dt.date(first_end.year + 2, 12, 31)),
            ],
        )
        commitments_ensure_defaults(call=call)
    municipalities = list(cohort_municipalities(call=call))
    versions = ensure_demo_modules()
    recommendations = _recommendations_to_try(ensure_demo_recommendations(call=call, today=today))
    trainer = versions[0].trainers.first()
    for municipality in municipalities:
        ensure_demo_board(call=call, municipality=municipality)
    with transaction.atomic():
        accounts = {
            role: _account(email, name, role, municipalities[0], now)
            for role, (email, name) in PROGRAMME_ACCOUNTS.items()
        }
        # The demo board member's account belongs to the board's first member.
        chair = Board.objects.get(call=call, municipality=municipalities[0]).members.first()
        if chair.user_id is None:
            chair.user = accounts[Role.ADVISORY]
            chair.save(update_fields=["user"])
        for position, municipality in enumerate(municipalities):
            if TrainingSession.objects.filter(call=call, municipality=municipality).exists():
                continue  # recorded already
            profile = PROFILES[position % len(PROFILES)]
            for year in years:
                if year.starts_on >= today:
                    break  # the future holds no recorded work yet
                complete, planned = year_course(profile=profile, year=year, today=today)
                _record_year(
                    call,
                    municipality,
                    year,
                    versions,
                    trainer,
                    position,
                    recommendation=recommendations[(position + year.number) % len(recommendations)]
                    if recommendations
                    else None,
                    complete=complete,
                    planned=planned,
                    today=today,
                    now=now,
                )
    ensure_demo_network(call=call, municipalities=municipalities)
    ensure_demo_events(call=call, municipalities=municipalities)
    ensure_demo_instruments()
    ensure_demo_surveys(call=call, municipalities=municipalities)
    return municipalities


def year_course(*, profile: str, year, today: dt.date) -> tuple[bool, bool]:
    """Whether ``year`` is complete and whether the rest of it is planned, for a
    municipality of ``profile`` on ``today``."""
    missed = profile == "missed_y1" and year.number == 1
    if year.ends_on < today:
        return not missed, False
    if missed:
        return False, False
    return profile == "met", profile in ("on_track", "missed_y1")


def _record_year(
    call,
    municipality,
    year,
    versions,
    trainer,
    position,
    *,
    recommendation,
    complete,
    today,
    now,
    planned=False,
):
    """Recorded work of one municipality in one programme year.

    A complete year meets every target; otherwise half of each yearly target is done,
    and with ``planned`` the other half is planned between today and the year's end.
    """
    board = Board.objects.get(call=call, municipality=municipality)
    span = (min(year.ends_on, today) - year.starts_on).days
    if span <= 0:
        return

    def day(share: float) -> dt.date:
        return year.starts_on + dt.timedelta(days=int(span * share))

    def later(step: int) -> dt.date:
        return today + dt.timedelta(days=4 + 6 * step + position % 3)

    done_sessions = 2 if complete else 1
    for n in range(done_sessions):
        TrainingSession.objects.create(
            call=call,
            municipality=municipality,
            module_version=versions[(n + position) % len(versions)],
            starts_at=_at(day(0.25 + 0.4 * n)),
            location="Rathaus, Sitzungssaal",
            trainer=trainer,
            participants=14 + (position * 3 + n * 5) % 11,
            departments="Bürgeramt, Ausländerbehörde, Jobcenter"
            if n == 0
            else "Personalamt, Jugendamt",
            status=ActivityStatus.HELD,
        )
    if not complete and planned and later(0) <= year.ends_on:
        TrainingSession.objects.create(
            call=call,
            municipality=municipality,
            module_version=versions[position % len(versions)],
            starts_at=_at(later(0)),
            location="Rathaus, Raum 2.14",
            trainer=trainer,
        )
    for n in range(2 if complete else 1):
        Workshop.objects.create(
            call=call,
            municipality=municipality,
            title=["Empowerment: Stimmen stärken", "Repräsentationslücken sichtbar machen"][n],
            format=["empowerment", "representation"][n],
            starts_at=_at(day(0.3 + 0.35 * n), 14),
            location="Bürgerhaus",
            status=ActivityStatus.HELD,
        )
    if not complete and planned and later(1) <= year.ends_on:
        Workshop.objects.create(
            call=call,
            municipality=municipality,
            title="Diskriminierungsfreier Arbeitsplatz",
            format="workplace",
            starts_at=_at(later(1), 14),
            location="Bürgerhaus",
        )
    for n in range(2 if complete else 1):
        Meeting.objects.create(
            board=board,
            starts_at=_at(day(0.2 + 0.45 * n), 17),
            location="Rathaus",
            status=ActivityStatus.HELD,
            minutes="Bericht der Koordination über die Schulungen; Rückmeldungen aus den "
            "Migrantenorganisationen; Vorbereitung der Einschätzung.",
            decisions="Der Fachbeirat empfiehlt, die Beschwerdestelle bekannter zu machen.",
            minutes_at=now,
        )
    if not complete and planned and later(2) <= year.ends_on:
        Meeting.objects.create(board=board, starts_at=_at(later(2), 17), location="Rathaus")
    if complete or year.ends_on < today:
        Assessment.objects.get_or_create(
            board=board,
            year=year,
            defaults={
                "text": "Der Fachbeirat sieht deutliche Fortschritte bei der Sensibilisierung; "
                "die Beteiligung der Fachbereiche ist noch ungleich.",
                "submitted_at": min(_at(min(year.ends_on, today), 12), now),
            },
        )
    elif planned:
        Assessment.objects.get_or_create(
            board=board,
            year=year,
            defaults={"text": "Entwurf: Die Schulungen erreichen inzwischen alle Fachbereiche."},
        )
    EvaluationDate.objects.create(
        call=call,
        municipality=municipality,
        starts_at=_at(day(0.5), 9),
        description="Befragung der Teilnehmenden",
        status=ActivityStatus.HELD,
    )
    if year.number == 1:
        ProgrammeDocument.objects.create(
            call=call,
            municipality=municipality,
            kind=DocumentKind.POLITICAL_BACKING,
            title="Ratsbeschluss zur Teilnahme am Programm",
            occurred_on=day(0.1),
        )
    ProgrammeDocument.objects.create(
        call=call,
        municipality=municipality,
        kind=DocumentKind.INTERNAL_VISIBILITY,
        title="Beitrag im Intranet und Personalversammlung",
        occurred_on=day(0.4),
    )
    if complete or planned:
        ProgrammeDocument.objects.create(
            call=call,
            municipality=municipality,
            kind=DocumentKind.EXPERIENCE_SHARING,
            title="Vortrag beim ECCAR-Netzwerktreffen",
            occurred_on=day(0.6),
        )
    _field_test(
        call,
        municipality,
        recommendation,
        starts_on=day(0.3),
        ends_on=day(0.6) if complete else later(3),
        recorded_at=min(_at(day(0.65)), now) if complete else None,
        running=planned and not complete and later(3) <= year.ends_on,
    )


def _recommendations_to_try(document) -> list:
    """The recommendations of the demo document's newest published version, in order."""
    version = (
        document.versions.filter(state=VersionState.PUBLISHED).order_by("-sequence").first()
        if document is not None
        else None
    )
    if version is None:
        return []
    return list(
        version.recommendations.select_related("chapter")
        .prefetch_related("departments")
        .order_by("chapter__position", "position")
    )


def _field_test(call, municipality, recommendation, *, starts_on, ends_on, recorded_at, running):
    """A field test that ended with a result (``recorded_at``), or one that runs until
    ``ends_on`` (``running``), or none."""
    if recommendation is None or (recorded_at is None and not running):
        return
    FieldTest.objects.create(
        created_by=demo_coordinator(municipality=municipality, now=timezone.now()),
        call=call,
        municipality=municipality,
        recommendation=recommendation,
        department=recommendation.departments.values_list("code", flat=True).first()
        or "buergeramt",
        plan_what=f"„{recommendation.title}“ in einem Team erproben",
        plan_where="Bürgeramt, Team Service",
        plan_who="Koordination der Modellkommune",
        starts_on=starts_on,
        ends_on=max(ends_on, starts_on),
        state=FieldTestState.DONE if recorded_at else FieldTestState.RUNNING,
        result=FieldTestResult.IMPLEMENTED if recorded_at else "",
        observations="Weniger Rückfragen, die Beschäftigten fühlen sich sicherer."
        if recorded_at
        else "",
        helped="Eine kurze Schulung vorab." if recorded_at else "",
        result_recorded_at=recorded_at,
    )
