"""Reading selection data: for the office's pages, the applicant's status and the public."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from applications.models import Application
from calls.models import Call
from core.collation import German
from core.numbers import number
from municipalities.models import Municipality, SizeClass
from selection.models import (
    CohortPublication,
    Decision,
    LetterDispatch,
    Outcome,
    OutcomeKind,
    RuleOverride,
    SelectionRules,
    SelectionRun,
)
from selection.solver import (
    EXPLANATION_VERSION,
    Result,
    Rules,
    candidates_from_json,
    from_json,
    rules_from_json,
)

# --- office ----------------------------------------------------------------------


def selection_call_list() -> list[Call]:
    """Every call with its number of runs and whether its decision is released."""
    released = Decision.objects.filter(call=OuterRef("pk"), released_at__isnull=False)
    return list(
        Call.objects.annotate(
            run_count=Count("selection_runs", distinct=True), is_decided=Exists(released)
        ).order_by("-opens_at")
    )


def selection_rules_get(*, call: Call) -> SelectionRules | None:
    return (
        SelectionRules.objects.filter(call=call)
        .prefetch_related(
            "group_limits",
            Prefetch(
                "overrides",
                queryset=RuleOverride.objects.select_related(
                    "application__municipality", "created_by"
                ),
            ),
        )
        .first()
    )


def override_choices(*, call: Call) -> QuerySet[Application]:
    """Submitted applications of ``call`` that the office may fix in or out."""
    return (
        Application.objects.filter(call=call, status=Application.Status.SUBMITTED)
        .select_related("municipality")
        .order_by(German("municipality__name"), "pk")
    )


def run_list(*, call: Call) -> list[SelectionRun]:
    """The call's runs, newest first, without their (large) stored inputs and results."""
    return list(
        SelectionRun.objects.filter(call=call)
        .select_related("created_by")
        .defer("inputs", "result")
        .order_by("-created_at", "-id")
    )


def run_get(*, call: Call, run_pk: int) -> SelectionRun:
    try:
        return SelectionRun.objects.select_related("created_by", "call").get(pk=run_pk, call=call)
    except SelectionRun.DoesNotExist as exc:
        raise Http404 from exc


def runs_get(*, call: Call, pks: tuple[int, int]) -> tuple[SelectionRun, SelectionRun]:
    """Two runs of ``call`` with their stored inputs and results, in the order asked."""
    runs = {run.pk: run for run in SelectionRun.objects.filter(call=call, pk__in=pks)}
    try:
        return runs[pks[0]], runs[pks[1]]
    except KeyError as exc:
        raise Http404 from exc


def run_explanation_get(*, call: Call, run_pk: int) -> SelectionRun:
    """The run's explanation status and progress, without its (large) inputs and result."""
    try:
        return (
            SelectionRun.objects.defer("inputs", "result")
            .select_related("call")
            .get(pk=run_pk, call=call)
        )
    except SelectionRun.DoesNotExist as exc:
        raise Http404 from exc


@dataclass(frozen=True)
class CandidateRow:
    id: int
    name: str
    reference: str
    land: str
    kind: str
    size_class: str
    score: Decimal
    unscored: bool
    adds: tuple[str, ...] = ()
    why_out: str = ""
    selected: bool = False


@dataclass(frozen=True)
class RunReport:
    """A run as the office and the funder read it, drawn only from what was stored."""

    run: SelectionRun
    result: Result
    rules: Rules
    cohort: list[CandidateRow]
    top: list[CandidateRow]
    outsiders: list[CandidateRow]
    unscored: list[CandidateRow]
    fixed: list[tuple[CandidateRow | None, str, str]]
    rule_lines: list[str]
    candidate_count: int

    @property
    def is_optimal(self) -> bool:
        return self.result.status == SelectionRun.Status.OPTIMAL

    @property
    def difference(self) -> Decimal:
        return self.result.top_objective - self.result.objective

    @property
    def explanation_is_current(self) -> bool:
        """Whether the stored explanations were checked by solving again; runs stored
        before that read as older and are offered to be run again."""
        return (
            self.run.explanation_status == SelectionRun.ExplanationStatus.DONE
            and self.result.explanation_version >= EXPLANATION_VERSION
        )

    @property
    def explanation_is_active(self) -> bool:
        """Whether the explanations are still being computed in the background."""
        return self.run.explanation_is_active

    @property
    def explanation_failed(self) -> bool:
        return self.run.explanation_failed

    @property
    def has_weight(self) -> bool:
        return self.rules.diversity_weight > 0


def _label(choices, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value or "–"


def run_report(*, run: SelectionRun) -> RunReport:
    result = from_json(run.result)
    rules = rules_from_json(run.inputs["rules"])
    facts = run.inputs.get("applications", {})
    unscored_ids = set(run.inputs.get("unscored", []))
    selected = set(result.selected)
    rows: dict[int, CandidateRow] = {}
    for candidate in candidates_from_json(run.inputs["candidates"]):
        fact = facts.get(str(candidate.id), {})
        rows[candidate.id] = CandidateRow(
            id=candidate.id,
            name=fact.get("name", candidate.label),
            reference=fact.get("reference", ""),
            land=fact.get("land", rules.land_labels.get(candidate.land, candidate.land)),
            kind=_label(Municipality.Kind, fact.get("kind", "")),
            size_class=_label(SizeClass, fact.get("size_class", "")),
            score=candidate.score,
            unscored=candidate.id in unscored_ids,
            adds=tuple(result.adds.get(candidate.id, ())),
            why_out=result.why_out.get(candidate.id, ""),
            selected=candidate.id in selected,
        )
    outsiders = [rows[pk] for pk in rows if pk in result.why_out]
    outsiders.sort(key=lambda r: (-r.score, r.id))
    kinds = dict(RuleOverride.Kind.choices)
    fixed = [
        (rows.get(o["application"]), str(kinds.get(o["kind"], o["kind"])), o["reason"])
        for o in run.inputs.get("overrides", [])
    ]
    return RunReport(
        run=run,
        result=result,
        rules=rules,
        cohort=[rows[pk] for pk in result.selected if pk in rows],
        top=[rows[pk] for pk in result.top_by_score if pk in rows],
        outsiders=outsiders,
        unscored=sorted((rows[pk] for pk in unscored_ids if pk in rows), key=lambda r: r.name),
        fixed=fixed,
        rule_lines=rule_lines(rules=rules),
        candidate_count=len(rows),
    )


def rule_lines(*, rules: Rules) -> list[str]:
    """The rules of a run, one readable line each."""
    lines = [_("Plätze: %(n)s") % {"n": rules.places}]
    if rules.max_per_land is not None:
        lines.append(
            ngettext(
                "Höchstens %(n)s Kommune je Land",
                "Höchstens %(n)s Kommunen je Land",
                rules.max_per_land,
            )
            % {"n": rules.max_per_land}
        )
    for bound in rules.group_bounds:
        if bound.minimum is not None and bound.maximum is not None:
            text = _("%(group)s: mindestens %(low)s, höchstens %(high)s")
        elif bound.minimum is not None:
            text = _("%(group)s: mindestens %(low)s")
        else:
            text = _("%(group)s: höchstens %(high)s")
        lines.append(text % {"group": bound.label, "low": bound.minimum, "high": bound.maximum})
    if rules.cover_needs:
        needs = sorted(rules.need_labels.get(n, n) for n in rules.cover_needs)
        lines.append(
            _("Jeder genannte Schwerpunkt mindestens einmal: %(needs)s")
            % {"needs": ", ".join(needs)}
        )
    lines.append(_("Gewicht der Vielfalt: %(w)s") % {"w": number(rules.diversity_weight, 2)})
    return lines


def decision_get(*, call: Call) -> Decision | None:
    return (
        Decision.objects.filter(call=call)
        .select_related("call", "run", "adopted_by", "released_by")
        .first()
    )


@dataclass(frozen=True)
class OutcomeRow:
    outcome: Outcome
    letter: LetterDispatch | None


def letter_recipients() -> QuerySet:
    """The people a municipality's letter goes to: its active coordinators whose link
    the office has approved (and not suspended)."""
    from accounts.models import Role, User

    return User.objects.filter(
        role=Role.COORDINATOR,
        municipality_approved_at__isnull=False,
        municipality_suspended_at__isnull=True,
        is_active=True,
    )


def outcome_rows(*, decision: Decision) -> list[OutcomeRow]:
    """The decision's outcomes: selected first, then the waiting list, then the rest;
    each outcome knows whether its letter has anyone to go to (``has_recipient``)."""
    order = {
        OutcomeKind.SELECTED: 0,
        OutcomeKind.WAITING: 1,
        OutcomeKind.NOT_SELECTED: 2,
        OutcomeKind.INELIGIBLE: 3,
    }
    # The letter's recipients, as ``send_decision_letter`` finds them.
    recipients = letter_recipients().filter(
        municipality_id=OuterRef("application__municipality_id")
    )
    outcomes = list(
        decision.outcomes.select_related("application__municipality__land")
        .annotate(has_recipient=Exists(recipients))
        .prefetch_related(Prefetch("changes", queryset=_changes()))
    )
    letters = {d.application_id: d for d in LetterDispatch.objects.filter(call_id=decision.call_id)}
    outcomes.sort(
        key=lambda o: (
            order[o.kind],
            o.rank or 0,
            -(o.score or Decimal("-1")),
            o.application.municipality.name,
        )
    )
    return [OutcomeRow(outcome=o, letter=letters.get(o.application_id)) for o in outcomes]


def _changes():
    from selection.models import OutcomeChange

    return OutcomeChange.objects.select_related("changed_by").order_by("changed_at", "id")


def outcome_changes(*, call: Call):
    """Every manual change made for the call, also those to proposals replaced since
    (their ``outcome`` is empty)."""
    from selection.models import OutcomeChange

    return list(
        OutcomeChange.objects.filter(call=call)
        .select_related("changed_by", "application__municipality", "run")
        .order_by("changed_at", "id")
    )


def outcome_get(*, call: Call, application_id: int) -> Outcome:
    try:
        return Outcome.objects.select_related("application__municipality", "decision").get(
            decision__call=call, application_id=application_id
        )
    except Outcome.DoesNotExist as exc:
        raise Http404 from exc


def publication_get(*, call: Call) -> CohortPublication | None:
    return CohortPublication.objects.filter(call=call).select_related("published_by").first()


# --- for the applicant and the programme -----------------------------------------


def letter_preview_application(*, call: Call) -> Application:
    """The application a letter preview is filled with: the call's first submitted one,
    or, before any came in, an unsaved sample from Musterstadt."""
    application = (
        Application.objects.filter(call=call, status=Application.Status.SUBMITTED)
        .select_related("municipality", "call")
        .order_by("pk")
        .first()
    )
    if application is None:
        application = Application(
            call=call, reference="KFA-000-00000000", municipality=Municipality(name="Musterstadt")
        )
    return application


def cohort_for_call(*, call: Call) -> list[Application]:
    """The selected applications of a released decision (empty before the release),
    with municipality and Land, by name: the model municipalities of the call."""
    return list(
        Application.objects.filter(
            selection_outcomes__decision__call=call,
            selection_outcomes__decision__released_at__isnull=False,
            selection_outcomes__kind=OutcomeKind.SELECTED,
        )
        .select_related("municipality", "municipality__land")
        .order_by(German("municipality__name"), "pk")
    )


def cohort_calls_for_municipality(*, municipality_id: int) -> list[Call]:
    """The calls whose released decision made the municipality a model municipality."""
    return list(
        Call.objects.filter(
            selection_decision__released_at__isnull=False,
            selection_decision__outcomes__kind=OutcomeKind.SELECTED,
            selection_decision__outcomes__application__municipality_id=municipality_id,
        ).order_by("-programme_start")
    )


def application_outcome_released(*, application: Application) -> Outcome | None:
    """The outcome of ``application`` once the decision is released, else None."""
    return (
        Outcome.objects.filter(application=application, decision__released_at__isnull=False)
        .select_related("decision")
        .first()
    )


# --- public ----------------------------------------------------------------------


@dataclass(frozen=True)
class PublicCohort:
    call: Call
    publication: CohortPublication
    members: list[Application]


def cohort_is_published(*, call: Call) -> bool:
    """True once the office has announced the call's cohort on the public page."""
    return CohortPublication.objects.filter(
        call=call, call__selection_decision__released_at__isnull=False
    ).exists()


def public_cohort_get(*, slug: str) -> PublicCohort:
    """The published cohort of the call ``slug``; 404 until the office publishes it."""
    publication = (
        CohortPublication.objects.select_related("call")
        .filter(call__slug=slug, call__selection_decision__released_at__isnull=False)
        .first()
    )
    if publication is None:
        raise Http404
    call = publication.call
    return PublicCohort(call=call, publication=publication, members=cohort_for_call(call=call))


def letter_dispatch_get(*, call: Call, application_id: int) -> LetterDispatch:
    """The letter of one application of the office's ``call``; 404 when it has none."""
    try:
        return LetterDispatch.objects.select_related(
            "application__call", "application__municipality"
        ).get(call=call, application_id=application_id)
    except LetterDispatch.DoesNotExist as exc:
        raise Http404 from exc


def letters_without_recipient() -> QuerySet:
    """The released decisions' letters that have not gone out because nobody at the
    municipality can receive them yet (for the office's list of what is due)."""
    released = Decision.objects.filter(released_at__isnull=False).values("call_id")
    reachable = letter_recipients().filter(municipality_id=OuterRef("application__municipality_id"))
    return (
        LetterDispatch.objects.filter(call_id__in=released, sent_at__isnull=True)
        .exclude(Exists(reachable))
        .select_related("call", "application__municipality")
        .order_by("call_id", "application__municipality__name")
    )
