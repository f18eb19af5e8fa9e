"""Reading calls and questionnaires: for the public pages, the PDF and the office editor."""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch
from django.http import Http404
from django.utils import timezone

from calls.fields import condition_text, requirement_text
from calls.models import Call, Question, QuestionnaireVersion, Section
from core.content import CONTACT

CHOICE_TYPES = {Question.Type.SINGLE_CHOICE, Question.Type.MULTIPLE_CHOICE}
TEXT_TYPES = {Question.Type.SHORT_TEXT, Question.Type.LONG_TEXT}


def call_list_public():
    """Published calls, newest first (open and closed)."""
    return list(Call.objects.filter(is_published=True).order_by("-opens_at"))


def call_get_public(*, slug: str) -> Call:
    """A published call; an unpublished one does not exist for the public."""
    try:
        return Call.objects.get(slug=slug, is_published=True)
    except Call.DoesNotExist as exc:
        raise Http404 from exc


def call_information_context(*, call: Call) -> dict:
    """What the call's information needs, on the page and in its PDF alike."""
    return {"call": call, "contact_email": CONTACT}


def call_list_open(*, now=None):
    now = now or timezone.now()
    return list(
        Call.objects.filter(is_published=True, opens_at__lte=now, deadline__gte=now).order_by(
            "deadline"
        )
    )


def call_list_office() -> list[Call]:
    """All calls with their number of versions and applications, newest first."""
    return list(
        Call.objects.annotate(
            version_count=Count("versions", distinct=True),
            application_count=Count("applications", distinct=True),
        ).order_by("-opens_at")
    )


def call_get_office(*, call_pk: int) -> Call:
    try:
        return Call.objects.get(pk=call_pk)
    except Call.DoesNotExist as exc:
        raise Http404 from exc


def version_current(*, call: Call) -> QuestionnaireVersion | None:
    """The version new applications get: the one with the highest number."""
    return call.versions.order_by("-number").first()


def version_older_application_count(*, version: QuestionnaireVersion) -> int:
    """How many applications to the same call were started with an earlier version.

    Counted through the versions' reverse relation: calls lies below applications and
    does not import them."""
    older = QuestionnaireVersion.objects.filter(call_id=version.call_id, number__lt=version.number)
    return older.aggregate(n=Count("applications"))["n"]


def section_get_office(*, call: Call, section_id: int) -> Section:
    try:
        return Section.objects.select_related("version").get(pk=section_id, version__call=call)
    except Section.DoesNotExist as exc:
        raise Http404 from exc


def question_get_office(*, call: Call, question_id: int) -> Question:
    try:
        return Question.objects.select_related("version", "section").get(
            pk=question_id, version__call=call
        )
    except Question.DoesNotExist as exc:
        raise Http404 from exc


@dataclass
class QuestionView:
    """A question together with what a reader needs to understand it in context."""

    question: Question
    number: str
    condition_text: str = ""


@dataclass
class SectionView:
    section: Section
    number: int
    questions: list[QuestionView] = field(default_factory=list)


def questionnaire_outline(*, version: QuestionnaireVersion) -> list[SectionView]:
    """The sections and questions of ``version`` in order, numbered, with conditions in words.

    Two queries, however many questions there are.
    """
    sections = list(
        Section.objects.filter(version=version)
        .order_by("position", "id")
        .prefetch_related(
            Prefetch("questions", queryset=Question.objects.order_by("position", "id"))
        )
    )
    outline = []
    by_key: dict[str, Question] = {}
    for s_index, section in enumerate(sections, start=1):
        section_view = SectionView(section=section, number=s_index)
        for q_index, question in enumerate(section.questions.all(), start=1):
            number = f"{s_index}.{q_index}"
            by_key[question.key] = question
            section_view.questions.append(QuestionView(question=question, number=number))
        outline.append(section_view)
    for section_view in outline:
        for item in section_view.questions:
            item.condition_text = " ".join(
                text
                for text in (condition_text(item.question, by_key), requirement_text(item.question))
                if text
            )
    return outline
