"""The four formal checks of an application, computed from its answers.

The office does not tick these by hand (except the political backing when the
questionnaire does not ask for it): they follow from what the municipality answered
and from the register, so every application is judged by the same rule.
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from applications.models import Answer, Application
from calls.fields import answer_matches, missing_answers, unmet_requirements
from calls.models import Question

BACKING_KEY = "ratsbeschluss"
BACKING_VALUES = {"ja", "geplant"}
OBLIGATION_PREFIX = "verpflichtung_"

CHECK_LABELS = {
    "complete": _("Vollständig"),
    "backing": _("Politischer Rückhalt vorhanden oder geplant"),
    "obligations": _("Verpflichtungen angenommen"),
    "eligible_kind": _("Zulässige Art der Kommune"),
}


@dataclass(frozen=True)
class ScreeningChecks:
    complete: bool
    backing: bool
    # True when the questionnaire has no "ratsbeschluss" question, so the office
    # confirms the backing by hand.
    backing_manual: bool
    obligations: bool
    eligible_kind: bool
    # Labels of required questions without an answer or without the required answer.
    open_questions: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return self.complete and self.backing and self.obligations and self.eligible_kind

    @property
    def failed(self) -> list[str]:
        """The names of the checks that do not hold, in German, in display order."""
        return [str(label) for key, label in CHECK_LABELS.items() if not getattr(self, key)]

    def as_dict(self) -> dict[str, bool]:
        return {key: getattr(self, key) for key in CHECK_LABELS}


def _obligations_accepted(questions: Sequence[Question], values: dict) -> bool:
    obligations = [q for q in questions if q.key.startswith(OBLIGATION_PREFIX)]
    return all(answer_matches(values.get(q.key), q.required_value or "yes") for q in obligations)


def checks_for(
    *,
    application: Application,
    questions: Sequence[Question],
    values: dict,
    backing_confirmed: bool,
) -> ScreeningChecks:
    """The checks for one application, given its questions (in order) and answer values."""
    missing = missing_answers(questions, values)
    unmet = unmet_requirements(questions, values)
    has_backing_question = any(q.key == BACKING_KEY for q in questions)
    if has_backing_question:
        backing = answer_matches_any(values.get(BACKING_KEY), BACKING_VALUES)
    else:
        backing = backing_confirmed
    return ScreeningChecks(
        complete=not missing and not unmet,
        backing=backing,
        backing_manual=not has_backing_question,
        obligations=_obligations_accepted(questions, values),
        eligible_kind=application.municipality.may_apply,
        open_questions=[q.label for q in [*missing, *unmet]],
    )


def answer_matches_any(value, expected: set[str]) -> bool:
    return any(answer_matches(value, option) for option in expected)


def screening_checks(*, applications: Sequence[Application]) -> dict[int, ScreeningChecks]:
    """The checks for each application (by id), in two queries however many there are.

    The applications must come with their municipality loaded; a loaded screening
    (``select_related("screening")``) supplies the office's manual confirmation.
    """
    if not applications:
        return {}
    version_ids = {a.version_id for a in applications}
    questions_by_version: dict[int, list[Question]] = defaultdict(list)
    for question in Question.objects.filter(version_id__in=version_ids).order_by(
        "section__position", "section_id", "position", "id"
    ):
        questions_by_version[question.version_id].append(question)
    values: dict[int, dict] = defaultdict(dict)
    # Answers are matched by question key, which stays the same across versions.
    for application_id, key, value in Answer.objects.filter(
        application_id__in=[a.pk for a in applications]
    ).values_list("application_id", "question__key", "value"):
        values[application_id][key] = value
    result = {}
    for application in applications:
        screening = getattr(application, "screening", None)
        result[application.pk] = checks_for(
            application=application,
            questions=questions_by_version[application.version_id],
            values=values[application.pk],
            backing_confirmed=bool(screening and screening.backing_confirmed),
        )
    return result
