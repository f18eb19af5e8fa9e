"""The demo's recommendations: the document in two versions, a consultation round that is
over and answered, a round that runs around the day of loading, and field tests by the
ten model municipalities. Never load this into a production database.

The text is written through the editing services. Rounds, comments, answers, field tests
and the publication are written as rows, dated as they would have happened before the
day of loading and in the order the rules of the consultation demand: comments inside
their round, answers after its end, the evaluation after the last answer. The mail
stamps of both rounds are set, so that loading the demo mails nobody about its past.

Keyed by the document's slug: when the document exists, nothing is written again.
"""

import datetime as dt
import textwrap
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from accounts.demo import DEMO_DOMAIN, DEMO_PASSWORD, demo_account_once
from accounts.models import Role, User
from applications.demo import demo_coordinator
from calls.models import Call
from core.pdf_sample import one_page_pdf, pdf_literal
from municipalities.models import Municipality
from programme.cohort import cohort_municipalities
from recommendations import demo_text as content
from recommendations import services
from recommendations.field_test_feed import field_test_comments_add
from recommendations.models import (
    Chapter,
    Comment,
    CommentSource,
    ConsultationRound,
    Document,
    FieldTest,
    FieldTestEvidence,
    FieldTestState,
    Licence,
    Paragraph,
    Recommendation,
    Version,
    VersionState,
)
from recommendations.tasks import published_pdf_render
from trainings.models import TrainingModule

BERLIN = ZoneInfo("Europe/Berlin")
SLUG = "handlungsempfehlungen"
FIRST_LABEL = "Konsultationsfassung 0.9"
SECOND_LABEL = "1.0"
TEAM_MEMBER_EMAIL = "team-{ags}@" + DEMO_DOMAIN

# Days relative to the day of loading.
FIRST_FROZEN = -135
CLOSED_ROUND = (-120, -60)
EVALUATED = -45
ANSWERS_PUBLISHED = -44
SECOND_FROZEN = -35
SECOND_PUBLISHED = -30
OPEN_ROUND = (-14, 28)


def ensure_demo_recommendations(*, call: Call, today: dt.date) -> Document | None:
    """The demo document with all it holds; None while ``call`` has no cohort yet."""
    document = Document.objects.filter(slug=SLUG).first()
    if document is not None:
        return document
    office = User.objects.filter(role=Role.OFFICE, is_active=True).order_by("pk").first()
    municipalities = list(cohort_municipalities(call=call))
    if office is None or not municipalities:
        return None
    with transaction.atomic():
        people = _people(municipalities)
        document, first, ids = _first_version(office=office, today=today)
        _closed_round(version=first, ids=ids, people=people, office=office, today=today)
        second, second_ids = _second_version(
            document=document, first_ids=ids, office=office, today=today
        )
        open_round = _open_round(
            version=second, ids=second_ids, people=people, office=office, today=today
        )
        _field_tests(call=call, first_ids=ids, second_ids=second_ids, people=people, today=today)
        # The results recorded before the round opened enter it, as creating it does.
        field_test_comments_add(round=open_round)
        open_round.comments.filter(source=CommentSource.FIELD_TEST).update(
            created_at=open_round.starts_at, updated_at=open_round.starts_at
        )
    return document


def _at(today: dt.date, days: int, hour: int = 10, minute: int = 0) -> dt.datetime:
    day = today + dt.timedelta(days=days)
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=BERLIN)


def _people(municipalities: list[Municipality]) -> list[tuple[Municipality, User, User]]:
    """Each model municipality with its coordinator and one team member."""
    now = timezone.now()
    people = []
    for municipality in municipalities:
        coordinator = demo_coordinator(municipality=municipality, now=now)
        member = demo_account_once(
            email=TEAM_MEMBER_EMAIL.format(ags=municipality.key),
            full_name=f"Team {municipality.name}",
            role=Role.TEAM_MEMBER,
            municipality=municipality,
            password=DEMO_PASSWORD,
            now=now,
        )
        people.append((municipality, coordinator, member))
    return people


# --- the text ----------------------------------------------------------------------------


def _first_version(*, office: User, today: dt.date):
    """The consultation version, frozen; returns the document, the version and its
    recommendations by id ("1.2")."""
    document = services.document_create(
        slug=SLUG, title_de=content.TITLE_DE, title_en=content.TITLE_EN, actor=office
    )
    draft = document.versions.get()
    modules = {m.code: m for m in TrainingModule.objects.all()}
    ids = {}
    for chapter_spec in content.CHAPTERS:
        chapter = services.chapter_add(version=draft, title=chapter_spec["title"], actor=office)
        for spec in chapter_spec["recommendations"]:
            ids[spec["id"]] = _write_recommendation(chapter, spec, modules, office)
    services.version_changelog_edit(version=draft, changelog=content.FIRST_CHANGELOG, actor=office)
    first = services.version_freeze(version=draft, actor=office, label=FIRST_LABEL)
    frozen_at = _at(today, FIRST_FROZEN)
    written_at = frozen_at - dt.timedelta(days=60)
    Document.objects.filter(pk=document.pk).update(created_at=written_at)
    Version.objects.filter(pk=first.pk).update(created_at=written_at, frozen_at=frozen_at)
    _date_text(first, written_at)
    first.refresh_from_db()
    return document, first, ids


def _write_recommendation(chapter, spec: dict, modules: dict, office: User) -> Recommendation:
    recommendation = services.recommendation_add(
        chapter=chapter,
        title=spec["title"],
        rationale=spec["rationale"],
        fields_of_action=spec["fields"],
        departments=spec["departments"],
        training_modules=[modules[code] for code in spec["modules"] if code in modules],
        actor=office,
    )
    for paragraph_text in spec["paragraphs"]:
        services.paragraph_add(recommendation=recommendation, text=paragraph_text, actor=office)
    return recommendation


def _paragraph(recommendation: Recommendation, index: int) -> Paragraph:
    return recommendation.paragraphs.order_by("position")[index]


def _second_version(*, document: Document, first_ids: dict, office: User, today: dt.date):
    """1.0: the copy of 0.9 with the changes the adopted comments asked for, frozen and
    published; returns it and its recommendations by id."""
    draft = services.version_draft_create(document=document, actor=office)
    ids = {
        key: draft.recommendations.get(key=recommendation.key)
        for key, recommendation in first_ids.items()
    }
    for key, index, old, new in content.REVISIONS:
        paragraph = _paragraph(ids[key], index)
        if old not in paragraph.text:
            raise ValueError(f"{old!r} is not in paragraph {index} of {key}")
        services.paragraph_edit(
            paragraph=paragraph, text=paragraph.text.replace(old, new, 1), actor=office
        )
    services.recommendation_delete(
        recommendation=ids.pop(content.REMOVED_RECOMMENDATION), actor=office
    )
    added = content.ADDED_RECOMMENDATION
    chapter = draft.chapters.get(position=added["chapter"])
    modules = {m.code: m for m in TrainingModule.objects.all()}
    new = _write_recommendation(chapter, added, modules, office)
    ids[f"{added['chapter']}.{new.position}"] = new
    services.version_changelog_edit(version=draft, changelog=content.SECOND_CHANGELOG, actor=office)
    services.version_freeze(version=draft, actor=office, label=SECOND_LABEL)
    Version.objects.filter(pk=draft.pk).update(
        created_at=_at(today, EVALUATED, 14),
        frozen_at=_at(today, SECOND_FROZEN),
        state=VersionState.PUBLISHED,
        published_at=_at(today, SECOND_PUBLISHED),
        published_by=office,
        licence=Licence.CC_BY,
    )
    _date_text(draft, _at(today, EVALUATED, 14))
    draft.refresh_from_db()
    # As publishing does: the worker makes the PDF, so the first reader need not wait.
    version_id = draft.pk
    transaction.on_commit(lambda: published_pdf_render.enqueue(version_id=version_id))
    return draft, ids


def _date_text(version: Version, when: dt.datetime) -> None:
    """Date the version's chapters, recommendations and paragraphs to when it was
    written, not to the day the demo is loaded."""
    Chapter.objects.filter(version=version).update(created_at=when)
    Recommendation.objects.filter(version=version).update(created_at=when)
    Paragraph.objects.filter(recommendation__version=version).update(created_at=when)


# --- consultation ------------------------------------------------------------------------


def _comment(*, round, paragraph, author, when, quote="", **fields) -> Comment:
    if quote:
        start = paragraph.text.find(quote)
        if start < 0:
            raise ValueError(f"{quote!r} is not in paragraph {paragraph.pk}")
        fields.update(quote=quote, quote_start=start, quote_end=start + len(quote))
    comment = Comment.objects.create(round=round, paragraph=paragraph, author=author, **fields)
    Comment.objects.filter(pk=comment.pk).update(created_at=when, updated_at=when)
    return comment


def _answer(comment: Comment, *, status: str, reason: str, office: User, when) -> None:
    Comment.objects.filter(pk=comment.pk).update(
        answer_status=status,
        answer_reason=reason,
        answered_by=office,
        answered_at=when,
        answer_revision=1,
    )


def _closed_round(*, version, ids, people, office, today) -> ConsultationRound:
    """The round on 0.9: over two months ago, every comment answered, evaluated and its
    answers published."""
    starts, ends = CLOSED_ROUND
    round = ConsultationRound.objects.create(
        version=version,
        title="Beteiligung der Modellkommunen zur Konsultationsfassung 0.9",
        starts_at=_at(today, starts, 9),
        ends_at=_at(today, ends, 23, 59),
        question_guide=content.ROUND_GUIDE_CLOSED,
        for_municipal_teams=True,
        for_advisory_boards=True,
        evaluated_at=_at(today, EVALUATED, 12),
        evaluated_by=office,
        answers_published_at=_at(today, ANSWERS_PUBLISHED, 9),
        opened_mail_sent_at=_at(today, starts, 9, 5),
        answers_mail_sent_at=_at(today, ANSWERS_PUBLISHED, 9, 5),
        created_by=office,
    )
    ConsultationRound.objects.filter(pk=round.pk).update(created_at=_at(today, starts - 7))
    span = ends - starts - 2
    comments = []
    specific = {}
    for n, (key, index, kind, quote, body, wording, status, reason) in enumerate(
        content.SPECIFIC_COMMENTS
    ):
        municipality, coordinator, member = people[n % len(people)]
        author = coordinator if n % 3 else member
        comment = _comment(
            round=round,
            paragraph=_paragraph(ids[key], index),
            author=author,
            when=_at(today, starts + 1 + (n * 7) % span, 9 + n % 8, (n * 13) % 60),
            quote=quote,
            kind=kind,
            text=body,
            suggested_wording=wording,
            # Every fifth goes to the office alone; most speak for the municipality.
            visibility="office" if n % 5 == 4 else "participants",
            municipality=municipality if n % 4 != 3 else None,
        )
        specific[key] = comment
        comments.append((comment, status, reason))
    keys = [key for key in ids if key != content.REMOVED_RECOMMENDATION]
    general = len(content.GENERAL_COMMENTS)
    for n in range(60 - len(comments)):
        key = keys[(n * 7) % len(keys)]
        kind, body, status, reason = content.GENERAL_COMMENTS[n % general]
        recommendation = ids[key]
        municipality, coordinator, member = people[(n + 3) % len(people)]
        comment = _comment(
            round=round,
            paragraph=_paragraph(recommendation, 0),
            author=member if n % 2 else coordinator,
            when=_at(today, starts + 2 + (n * 11) % span, 8 + n % 9, (n * 17) % 60),
            kind=kind,
            text=body.format(title=recommendation.title),
            visibility="office" if n % 9 == 8 else "participants",
            municipality=municipality if n % 3 else None,
        )
        comments.append((comment, status, reason))
    for n, (key, body) in enumerate(content.REPLIES):
        parent = specific[key]
        municipality, coordinator, _member = people[(n + 5) % len(people)]
        _comment(
            round=round,
            paragraph=parent.paragraph,
            author=coordinator,
            when=_at(today, ends, 10 + n),
            parent=parent,
            text=body,
            municipality=municipality,
        )
    for n, (comment, status, reason) in enumerate(comments):
        _answer(
            comment,
            status=status,
            reason=reason,
            office=office,
            when=_at(today, ends + 1 + n % (EVALUATED - ends - 1), 9 + n % 7),
        )
    return round


def _open_round(*, version, ids, people, office, today) -> ConsultationRound:
    """The round on 1.0 that runs around the day of loading; some comments answered."""
    starts, ends = OPEN_ROUND
    round = ConsultationRound.objects.create(
        version=version,
        title="Erfahrungen mit der Fassung 1.0",
        starts_at=_at(today, starts, 9),
        ends_at=_at(today, ends, 23, 59),
        question_guide=content.ROUND_GUIDE_OPEN,
        for_municipal_teams=True,
        for_advisory_boards=True,
        for_network=True,
        for_trainers=True,
        # Its invitation went out when it opened, before the demo was loaded.
        opened_mail_sent_at=_at(today, starts, 9, 5),
        created_by=office,
    )
    ConsultationRound.objects.filter(pk=round.pk).update(created_at=_at(today, starts - 3))
    for n, (key, index, kind, body, answer) in enumerate(content.OPEN_ROUND_COMMENTS):
        municipality, coordinator, member = people[(n * 3 + 1) % len(people)]
        comment = _comment(
            round=round,
            paragraph=_paragraph(ids[key], index),
            author=coordinator if n % 2 else member,
            when=_at(today, starts + 1 + 2 * n, 10 + n),
            kind=kind,
            text=body,
            municipality=municipality if n % 2 else None,
        )
        if answer:
            _answer(
                comment,
                status="adopted",
                reason=answer,
                office=office,
                when=_at(today, min(starts + 3 + 2 * n, 0), 15),
            )
    return round


# --- field tests -------------------------------------------------------------------------


def _field_tests(*, call, first_ids, second_ids, people, today) -> None:
    """One field test per model municipality: the ones that are done were planned on 0.9,
    the running and planned ones on 1.0."""
    for n, spec in enumerate(content.FIELD_TESTS[: len(people)]):
        key, department, state, result, what, where, who, seen, obstacles, helped, proposal = spec
        municipality, coordinator, _member = people[n]
        if state == FieldTestState.DONE:
            recommendation = first_ids[key]
            starts_on = today + dt.timedelta(days=-110 + 4 * n)
            ends_on = today + dt.timedelta(days=-50 + 2 * n)
            recorded_at = _at(today, -45 + 2 * n, 16)
            planned_at = _at(today, -125 + 4 * n)
        elif state == FieldTestState.RUNNING:
            recommendation = second_ids[key]
            starts_on = today + dt.timedelta(days=-20 + n)
            ends_on = today + dt.timedelta(days=40 + 5 * n)
            recorded_at = None
            planned_at = _at(today, -28)
        else:
            recommendation = second_ids[key]
            starts_on = today + dt.timedelta(days=20 + 5 * n)
            ends_on = starts_on + dt.timedelta(days=90)
            recorded_at = None
            planned_at = _at(today, -10 + n)
        field_test = FieldTest.objects.create(
            call=call,
            municipality=municipality,
            created_by=coordinator,
            recommendation=recommendation,
            department=department,
            plan_what=what,
            plan_where=where,
            plan_who=who,
            starts_on=starts_on,
            ends_on=ends_on,
            state=state,
            result=result,
            observations=seen,
            obstacles=obstacles,
            helped=helped,
            proposal=proposal,
            result_recorded_at=recorded_at,
            result_recorded_by=coordinator if recorded_at else None,
        )
        FieldTest.objects.filter(pk=field_test.pk).update(
            created_at=planned_at, updated_at=recorded_at or planned_at
        )
        if n == 0:
            _evidence(field_test, uploaded_by=coordinator, when=recorded_at)


def _evidence(field_test: FieldTest, *, uploaded_by: User, when: dt.datetime) -> None:
    """The first field test's evidence: the reworded letter, as a one-page PDF."""
    lines = [content.EVIDENCE_TITLE, ""]
    for paragraph in content.EVIDENCE_TEXT:
        lines += textwrap.wrap(paragraph, 90) + [""]
    shown = b" ".join(pdf_literal(line) + b" '" for line in lines)
    pdf = one_page_pdf(b"BT /F1 11 Tf 14 TL 56 780 Td " + shown + b" ET")
    evidence = FieldTestEvidence(
        field_test=field_test,
        title=content.EVIDENCE_TITLE,
        file_name="musterschreiben-meldebescheinigung.pdf",
        uploaded_by=uploaded_by,
    )
    evidence.file.save(evidence.file_name, ContentFile(pdf), save=False)
    evidence.save()
    FieldTestEvidence.objects.filter(pk=evidence.pk).update(uploaded_at=when)
