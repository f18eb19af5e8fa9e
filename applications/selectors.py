"""Reading applications, always scoped to the person asking."""

from django.http import Http404

from accounts.models import Role, User
from applications.models import Answer, Application
from calls.models import Question, QuestionnaireVersion


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
