"""Reading applications, always scoped to the person asking."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from accounts.models import Role, User
from applications.models import Answer, Application
from calls.fields import missing_answers, requirement_text, unmet_requirements, visible_questions
from calls.models import Question, QuestionnaireVersion, Section
from municipalities.search import search_fold


def application_get_for_user(*, user: User, pk: int) -> Application:
    """The application if it belongs to the person's (approved) municipality, else 404."""
    municipality_id = user.approved_municipality_id
    if municipality_id is None or user.role != Role.COORDINATOR:
        raise Http404
    try:
        return Application.objects.select_related(
            "call", "municipality", "municipality__land", "version"
        ).get(pk=pk, municipality_id=municipality_id)
    except Application.DoesNotExist as exc:
        raise Http404 from exc


def application_search(*, applications: QuerySet[Application], query: str) -> QuerySet[Application]:
    """The applications whose municipality's name contains ``query`` (case and umlauts
    do not matter) or whose reference starts with it; a query of digits only is the start
    of an official key (AGS) instead. An empty query keeps them all."""
    query = query.strip()
    if not query:
        return applications
    if query.isdigit():
        return applications.filter(municipality__key__startswith=query)
    return applications.filter(
        Q(municipality__search_name__contains=search_fold(query)) | Q(reference__istartswith=query)
    )


def application_list_for_municipality(*, municipality_id: int) -> list[Application]:
    return list(
        Application.objects.filter(municipality_id=municipality_id)
        .select_related("call")
        .order_by("-call__opens_at")
    )


def questions_of_version(*, version: QuestionnaireVersion) -> list[Question]:
    return list(
        Question.objects.filter(version=version)
        .select_related("section")
        .order_by("section__position", "section_id", "position", "id")
    )


def answers_of_application(*, application: Application) -> dict[str, Answer]:
    """The application's answers by question key."""
    answers = Answer.objects.filter(application=application).select_related("question")
    return {a.question.key: a for a in answers}


def answer_values(answers: dict[str, Answer]) -> dict:
    return {key: answer.value for key, answer in answers.items()}


def coordinators_of_municipality(*, municipality_id: int) -> list[User]:
    """The coordinators who speak for this municipality now: approved, not suspended,
    active."""
    return list(
        User.objects.filter(
            municipality_id=municipality_id,
            role=Role.COORDINATOR,
            municipality_approved_at__isnull=False,
            municipality_suspended_at__isnull=True,
            is_active=True,
        ).order_by("pk")
    )


def coordinators_waiting_for_consent(*, municipality_id: int) -> list[User]:
    """Coordinators of this municipality who wait for a colleague's consent to join."""
    return list(
        User.objects.filter(
            municipality_id=municipality_id,
            role=Role.COORDINATOR,
            municipality_approved_at__isnull=True,
            municipality_suspended_at__isnull=True,
        )
    )


def known_contacts(*, municipality_id: int) -> list[dict]:
    """The contact persons the municipality's applications name, for the office to
    compare with a claimant: every e-mail answer and the text answers of the same
    section (name, function, telephone), per application."""
    answers = (
        Answer.objects.filter(application__municipality_id=municipality_id)
        .exclude(question__type=Question.Type.FILE)
        .select_related("application", "question", "question__section")
        .order_by("application_id", "question__section__position", "question__position")
    )
    answers = list(answers)
    contact_sections = {
        (a.application_id, a.question.section_id)
        for a in answers
        if a.question.type == Question.Type.EMAIL and a.value
    }
    contacts = []
    for answer in answers:
        if (answer.application_id, answer.question.section_id) not in contact_sections:
            continue
        if answer.value in (None, "") or answer.question.type not in CONTACT_TYPES:
            continue
        contacts.append(
            {
                "reference": answer.application.reference,
                "label": answer.question.label,
                "value": answer.value,
            }
        )
    return contacts


CONTACT_TYPES = {Question.Type.SHORT_TEXT, Question.Type.EMAIL}


def application_get_office(*, application_pk: int, related: tuple[str, ...] = ()) -> Application:
    """Any application, for the office and its screening and review pages; 404 only if
    there is none. ``related`` names further relations to load in the same query (apps
    above name their own, e.g. the screening of ``reviews``)."""
    try:
        return Application.objects.select_related(
            "call", "version", "municipality", "municipality__land", "municipality__kreis", *related
        ).get(pk=application_pk)
    except Application.DoesNotExist as exc:
        raise Http404 from exc


@dataclass(frozen=True)
class AnsweredQuestion:
    question: Question
    answer: Answer | None


@dataclass(frozen=True)
class AnsweredSection:
    section: Section
    items: list[AnsweredQuestion]


def application_answers_by_section(*, application: Application) -> list[AnsweredSection]:
    """The application's questionnaire with its answers, in questionnaire order.

    Answers are matched by question key, which stays the same across versions.
    """
    sections = list(
        Section.objects.filter(version_id=application.version_id)
        .order_by("position", "id")
        .prefetch_related("questions")
    )
    answers = {
        a.question.key: a for a in application.answers.select_related("question").order_by("id")
    }
    ordered = [
        (section, sorted(section.questions.all(), key=lambda q: (q.position, q.id)))
        for section in sections
    ]
    # Answers kept from before a condition changed were not part of what was submitted.
    visible = {
        q.pk
        for q in visible_questions(
            [q for _section, qs in ordered for q in qs],
            {key: answer.value for key, answer in answers.items()},
        )
    }
    return [
        AnsweredSection(
            section=section,
            items=[
                AnsweredQuestion(question=q, answer=answers.get(q.key))
                for q in questions
                if q.pk in visible
            ],
        )
        for section, questions in ordered
    ]


# The questions answered by choosing among options: their errors lead to the first option.
CHOICE_TYPES = {
    Question.Type.YES_NO,
    Question.Type.SINGLE_CHOICE,
    Question.Type.MULTIPLE_CHOICE,
}


@dataclass(frozen=True)
class OpenPoint:
    """A required answer that is missing, or given but not the one the call requires,
    with what the applicant is told at the field and in the summary."""

    question: Question
    section_number: int
    message: str

    @property
    def anchor_id(self) -> str:
        """The id of the input in the section's form (the first option of a group)."""
        if self.question.type in CHOICE_TYPES:
            return f"id_{self.question.key}_0"
        return f"id_{self.question.key}"


def missing_message(question: Question) -> str:
    match question.type:
        case Question.Type.YES_NO | Question.Type.SINGLE_CHOICE:
            return _("Bitte wählen Sie eine Antwort.")
        case Question.Type.MULTIPLE_CHOICE:
            return _("Bitte wählen Sie mindestens eine Antwort.")
        case Question.Type.FILE:
            return _("Bitte laden Sie eine PDF-Datei hoch.")
    return _("Bitte füllen Sie dieses Feld aus.")


def unmet_message(question: Question) -> str:
    return " ".join(
        (
            requirement_text(question),
            _("Mit dieser Antwort kann die Bewerbung nicht eingereicht werden."),
        )
    )


def application_open_points(*, questions: list[Question], values: dict) -> list[OpenPoint]:
    """Everything that still stands in the way of submitting, in questionnaire order,
    computed from the stored answers: the same questions the submission refuses."""
    missing = {q.pk for q in missing_answers(questions, values)}
    unmet = {q.pk for q in unmet_requirements(questions, values)}
    numbers: dict[int, int] = {}
    points = []
    for q in questions:
        number = numbers.setdefault(q.section_id, len(numbers) + 1)
        if q.pk in missing:
            points.append(OpenPoint(question=q, section_number=number, message=missing_message(q)))
        elif q.pk in unmet:
            points.append(OpenPoint(question=q, section_number=number, message=unmet_message(q)))
    return points
