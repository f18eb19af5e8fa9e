"""PDFs made with WeasyPrint from HTML templates: a call's information, its questionnaire and
an application's answers.

The PDFs use Fira Sans, the typeface of the KERN design system, from node_modules.
WeasyPrint needs most of a second to unpack each WOFF2 file on every run, so the faces
are unpacked to TrueType once into the var directory; without node_modules the PDFs use
the system fonts.
"""

import hashlib
import json
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language

from calls.fields import display_value, visible_questions
from calls.models import Question, QuestionnaireVersion
from calls.selectors import call_information_context, questionnaire_outline

FONT_SOURCE = settings.BASE_DIR / "node_modules" / "@kern-ux" / "native" / "dist" / "fonts"
FONT_FACES = ("Regular", "Italic", "SemiBold")
CACHE_SECONDS = 24 * 60 * 60


def _font_dir() -> Path | None:
    """A directory with the Fira Sans faces as TrueType files, or None if unavailable."""
    target = Path(settings.VAR_DIR) / "pdf-fonts"
    for face in FONT_FACES:
        ttf = target / f"FiraSans-{face}.ttf"
        if ttf.exists():
            continue
        source = FONT_SOURCE / "fira-sans" / f"FiraSans-{face}.woff2"
        if not source.exists():
            return None
        from fontTools.ttLib import TTFont

        target.mkdir(parents=True, exist_ok=True)
        font = TTFont(source)
        font.flavor = None
        # Written aside and renamed, so a parallel worker never reads half a file.
        handle, tmp = tempfile.mkstemp(dir=target, suffix=".tmp")
        os.close(handle)
        font.save(tmp)
        os.replace(tmp, ttf)
    return target


def render_pdf(template: str, context: dict) -> bytes:
    # Imported here: loading WeasyPrint is slow and logs, and most processes never need it.
    from weasyprint import HTML

    font_dir = _font_dir()
    html = render_to_string(template, {**context, "fira_sans": font_dir is not None})
    base_url = (font_dir or Path(settings.BASE_DIR)).as_uri() + "/"
    # Tagged PDF/UA, so screen readers get headings, lists and the reading order.
    return HTML(string=html, base_url=base_url).write_pdf(pdf_variant="pdf/ua-1")


def _outline_digest(version: QuestionnaireVersion, outline) -> str:
    """Changes with any word of the call or the questionnaire, so a cached PDF is never stale."""
    call = version.call
    parts: list = [
        get_language(),
        version.pk,
        version.number,
        [str(getattr(call, f.attname)) for f in call._meta.concrete_fields],
    ]
    for section_view in outline:
        section = section_view.section
        parts.append([section.title_de, section.title_en, section.intro_de, section.intro_en])
        for item in section_view.questions:
            q = item.question
            parts.append([str(getattr(q, f.attname)) for f in Question._meta.concrete_fields])
    raw = json.dumps(parts, ensure_ascii=False, default=str)
    return hashlib.sha256(raw.encode()).hexdigest()


def _call_digest(call) -> str:
    """Changes with the language and any field of the call, so a cached PDF is never stale."""
    parts = [get_language(), [str(getattr(call, f.attname)) for f in call._meta.concrete_fields]]
    raw = json.dumps(parts, ensure_ascii=False, default=str)
    return hashlib.sha256(raw.encode()).hexdigest()


def information_pdf(*, call) -> bytes:
    """The call's information in the active language, from the include the call page shows."""
    key = f"calls:information-pdf:{_call_digest(call)}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    document = render_pdf(
        "calls/pdf/information.html",
        {**call_information_context(call=call), "now": timezone.now()},
    )
    cache.set(key, document, CACHE_SECONDS)
    return document


def questionnaire_pdf(*, version: QuestionnaireVersion) -> bytes:
    """The questionnaire of ``version`` in the active language, with the call's facts."""
    outline = questionnaire_outline(version=version)
    key = f"calls:questionnaire-pdf:{_outline_digest(version, outline)}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    document = render_pdf(
        "calls/pdf/questionnaire.html",
        {"call": version.call, "version": version, "outline": outline, "now": timezone.now()},
    )
    cache.set(key, document, CACHE_SECONDS)
    return document


def answers_pdf(*, application) -> bytes:
    """An application's answers: every question shown to the applicant, with its answer.

    Questions hidden by their conditions are left out; uploaded files appear by name.
    """
    outline = questionnaire_outline(version=application.version)
    answers = {answer.question_id: answer for answer in application.answers.all()}
    questions = [item.question for section_view in outline for item in section_view.questions]
    by_key = {q.key: answers[q.pk].value for q in questions if q.pk in answers}
    shown = {q.pk for q in visible_questions(questions, by_key)}
    sections = []
    for section_view in outline:
        rows = []
        for item in section_view.questions:
            q = item.question
            if q.pk not in shown:
                continue
            answer = answers.get(q.pk)
            if q.type == Question.Type.FILE:
                text = answer.file_name if answer and answer.file_name else "—"
            else:
                text = display_value(q, answer.value if answer else None)
            rows.append((item, text))
        if rows:
            sections.append((section_view, rows))
    return render_pdf(
        "calls/pdf/answers.html",
        {
            "application": application,
            "call": application.call,
            "municipality": application.municipality,
            "version": application.version,
            "sections": sections,
            "now": timezone.now(),
        },
    )
