"""What the assistant is given: candidates from a call's applications, rules from the
office's settings, and the plain JSON both are stored as in a run.

Scores and eligibility come from the review app; everything else from the application
(its municipality and two answers of the questionnaire).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils import translation

from applications.models import Answer, Application
from calls.models import Call, Question
from municipalities.models import Land
from selection.groups import ECCAR_QUESTION, GROUPS, NEEDS_QUESTION, groups_of
from selection.models import RuleOverride, SelectionRules
from selection.solver import Candidate, GroupBound, Rules

TWO_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class CandidatePool:
    candidates: list[Candidate]
    unscored: frozenset[int]  # applications without any review score (scored as 0)


def candidate_pool(*, call: Call) -> CandidatePool:
    """Every eligible submitted application of ``call`` as a candidate.

    An application without a review score takes part with score 0 and is listed as
    unscored, so the office sees it rather than losing it silently.
    """
    from reviews.selectors import application_scores, eligible_application_ids

    eligible = eligible_application_ids(call=call)
    scores = application_scores(call=call)
    applications = list(
        Application.objects.filter(call=call, status=Application.Status.SUBMITTED, pk__in=eligible)
        .select_related("municipality", "municipality__land")
        .order_by("pk")
    )
    answers = _answers_by_application(applications)
    candidates, unscored = [], set()
    for application in applications:
        score = scores.get(application.pk)
        overall = score.overall if score is not None else None
        if overall is None:
            unscored.add(application.pk)
        mine = answers.get(application.pk, {})
        needs = mine.get(NEEDS_QUESTION) or []
        candidates.append(
            Candidate(
                id=application.pk,
                label=application.municipality.name,
                score=Decimal(overall or 0).quantize(TWO_PLACES),
                land=application.municipality.land.code,
                groups=groups_of(
                    municipality=application.municipality, eccar_answer=mine.get(ECCAR_QUESTION)
                ),
                needs=frozenset(str(n) for n in needs if isinstance(n, str)),
            )
        )
    return CandidatePool(candidates=candidates, unscored=frozenset(unscored))


def candidates_for_call(*, call: Call) -> list[Candidate]:
    return candidate_pool(call=call).candidates


def _answers_by_application(applications: list[Application]) -> dict[int, dict]:
    rows = Answer.objects.filter(
        application__in=applications, question__key__in=[ECCAR_QUESTION, NEEDS_QUESTION]
    ).values_list("application_id", "question__key", "value")
    found: dict[int, dict] = {}
    for application_id, key, value in rows:
        found.setdefault(application_id, {})[key] = value
    return found


def need_labels_for_call(*, call: Call) -> dict[str, str]:
    """German labels of the priority areas, from every version of the questionnaire."""
    labels: dict[str, str] = {}
    questions = Question.objects.filter(version__call=call, key=NEEDS_QUESTION).order_by(
        "version__number"
    )
    for question in questions:
        for choice in question.choices:
            labels[choice["value"]] = choice.get("label_de") or choice["value"]
    return labels


def rules_for_call(*, call: Call, candidates: list[Candidate]) -> Rules:
    """The solver's rules from the office's settings (defaults if none are saved yet)."""
    settings = (
        SelectionRules.objects.filter(call=call)
        .prefetch_related("group_limits", "overrides")
        .first()
    )
    group_labels = _group_labels()
    if settings is None:
        return Rules(places=call.places, land_labels=_land_labels(), group_labels=group_labels)
    limits = {limit.group: limit for limit in settings.group_limits.all()}
    bounds = tuple(
        GroupBound(
            group=key,
            label=group_labels[key],
            minimum=limits[key].minimum,
            maximum=limits[key].maximum,
        )
        for key in GROUPS
        if key in limits
    )
    needs = frozenset()
    if settings.cover_needs:
        needs = frozenset(n for c in candidates for n in c.needs)
    overrides = list(settings.overrides.all())
    return Rules(
        places=settings.places,
        max_per_land=settings.max_per_land,
        group_bounds=bounds,
        cover_needs=needs,
        need_labels=need_labels_for_call(call=call),
        land_labels=_land_labels(),
        must_in=frozenset(
            o.application_id for o in overrides if o.kind == RuleOverride.Kind.MUST_IN
        ),
        must_out=frozenset(
            o.application_id for o in overrides if o.kind == RuleOverride.Kind.MUST_OUT
        ),
        diversity_weight=settings.diversity_weight,
        group_labels=group_labels,
    )


def _group_labels() -> dict[str, str]:
    # Stored in German whatever language the office uses: runs are records.
    with translation.override("de"):
        return {key: str(group.label) for key, group in GROUPS.items()}


def _land_labels() -> dict[str, str]:
    return dict(Land.objects.values_list("code", "name"))
