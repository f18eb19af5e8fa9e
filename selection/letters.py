"""The decision letters: templates per call and outcome, filled in and made into PDFs.

Templates are plain text with placeholders in braces (``{kommune}``); the office edits
them in the browser. A letter is written in the recipient's language, falling back to
German where the English text is empty.
"""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from applications.models import Application
from calls.models import Call
from selection.models import LetterDispatch, LetterTemplate, Outcome, OutcomeKind

PLACEHOLDER = re.compile(r"\{(\w+)\}")
PLACEHOLDERS = {
    "kommune": gettext_lazy("Name der Kommune"),
    "aktenzeichen": gettext_lazy("Aktenzeichen der Bewerbung"),
    "ergebnis": gettext_lazy("Ergebnis (ausgewählt, Warteliste, nicht ausgewählt)"),
    "rang": gettext_lazy("Platz auf der Warteliste (sonst leer)"),
    "ausschreibung": gettext_lazy("Titel der Ausschreibung"),
    "programmbeginn": gettext_lazy("Datum des Programmbeginns"),
    "begruendung": gettext_lazy(
        "Begründung der formalen Prüfung (nur bei „formal nicht geeignet“, sonst leer)"
    ),
}
RESULT_WORDS = {
    OutcomeKind.SELECTED: gettext_lazy("ausgewählt"),
    OutcomeKind.WAITING: gettext_lazy("auf der Warteliste"),
    OutcomeKind.NOT_SELECTED: gettext_lazy("nicht ausgewählt"),
    OutcomeKind.INELIGIBLE: gettext_lazy("formal nicht geeignet"),
}
# The reason shown in previews filled with a sample application.
SAMPLE_REASON = gettext_lazy("Der Beschluss des Rates lag der Bewerbung nicht bei.")

# The demo's and every new call's starting texts; the office adapts them per call.
DEFAULT_LETTERS: dict[str, dict[str, str]] = {
    OutcomeKind.SELECTED: {
        "subject_de": "Ihre Bewerbung {aktenzeichen}: {kommune} wird Modellkommune",
        "body_de": (
            "Sehr geehrte Damen und Herren,\n\n"
            "wir freuen uns sehr, Ihnen mitzuteilen: {kommune} ist als Modellkommune für "
            "„{ausschreibung}“ ausgewählt.\n\n"
            "Wir haben alle Bewerbungen sorgfältig gelesen und eine Gruppe von Kommunen "
            "zusammengestellt, die sich in Größe, Lage und Bedarfen unterscheiden. Ihre "
            "Bewerbung hat uns überzeugt, und Ihre Erfahrungen werden die Gruppe bereichern.\n\n"
            "Das Programm beginnt am {programmbeginn}. In den nächsten Tagen schicken wir "
            "Ihnen die Einladung zum Auftakt und alles, was Sie für den Start brauchen.\n\n"
            "Mit freundlichen Grüßen\n"
            "die ECCAR-Geschäftsstelle"
        ),
        "subject_en": "Your application {aktenzeichen}: {kommune} becomes a model municipality",
        "body_en": (
            "Dear Sir or Madam,\n\n"
            "we are delighted to tell you that {kommune} has been selected as a model "
            "municipality for “{ausschreibung}”.\n\n"
            "We read every application carefully and put together a group of municipalities "
            "that differ in size, region and needs. Your application convinced us, and your "
            "experience will enrich the group.\n\n"
            "The programme starts on {programmbeginn}. In the coming days we will send you "
            "the invitation to the kick-off and everything you need to get started.\n\n"
            "Kind regards\n"
            "the ECCAR office"
        ),
    },
    OutcomeKind.WAITING: {
        "subject_de": "Ihre Bewerbung {aktenzeichen}: Platz {rang} auf der Warteliste",
        "body_de": (
            "Sehr geehrte Damen und Herren,\n\n"
            "vielen Dank für die Bewerbung von {kommune} für „{ausschreibung}“. Es gab "
            "deutlich mehr Bewerbungen als Plätze. {kommune} ist nicht unter den "
            "ausgewählten Modellkommunen, steht aber auf Platz {rang} der Warteliste.\n\n"
            "Kann eine ausgewählte Kommune nicht teilnehmen, rücken die Kommunen der "
            "Warteliste in dieser Reihenfolge nach. In diesem Fall melden wir uns sofort "
            "bei Ihnen.\n\n"
            "Mit freundlichen Grüßen\n"
            "die ECCAR-Geschäftsstelle"
        ),
        "subject_en": "Your application {aktenzeichen}: place {rang} on the waiting list",
        "body_en": (
            "Dear Sir or Madam,\n\n"
            "thank you for the application of {kommune} for “{ausschreibung}”. We received "
            "far more applications than there are places. {kommune} is not among the "
            "selected model municipalities, but holds place {rang} on the waiting list.\n\n"
            "If a selected municipality cannot take part, the municipalities on the waiting "
            "list move up in this order. Should that happen, we will contact you at once.\n\n"
            "Kind regards\n"
            "the ECCAR office"
        ),
    },
    OutcomeKind.NOT_SELECTED: {
        "subject_de": "Ihre Bewerbung {aktenzeichen}: Entscheidung über die Modellkommunen",
        "body_de": (
            "Sehr geehrte Damen und Herren,\n\n"
            "vielen Dank für die Bewerbung von {kommune} für „{ausschreibung}“. Leider "
            "können wir Ihre Kommune diesmal nicht als Modellkommune aufnehmen.\n\n"
            "Es gab deutlich mehr Bewerbungen als Plätze, und wir wollten Kommunen mit "
            "möglichst unterschiedlichen Voraussetzungen und Bedarfen zusammenbringen. "
            "Die Entscheidung sagt nichts über den Wert Ihres Engagements.\n\n"
            "Wir laden Sie herzlich ein, die Ergebnisse des Programms im Wissensnetzwerk "
            "zu nutzen und sich bei einer späteren Runde erneut zu bewerben.\n\n"
            "Mit freundlichen Grüßen\n"
            "die ECCAR-Geschäftsstelle"
        ),
        "subject_en": "Your application {aktenzeichen}: decision on the model municipalities",
        "body_en": (
            "Dear Sir or Madam,\n\n"
            "thank you for the application of {kommune} for “{ausschreibung}”. "
            "Unfortunately we cannot include your municipality as a model municipality "
            "this time.\n\n"
            "We received far more applications than there are places, and we wanted to bring "
            "together municipalities with conditions and needs as different as possible. "
            "The decision says nothing about the value of your commitment.\n\n"
            "You are warmly invited to use the programme's results in the knowledge network "
            "and to apply again in a later round.\n\n"
            "Kind regards\n"
            "the ECCAR office"
        ),
    },
    OutcomeKind.INELIGIBLE: {
        "subject_de": "Ihre Bewerbung {aktenzeichen}: Ergebnis der formalen Prüfung",
        "body_de": (
            "Sehr geehrte Damen und Herren,\n\n"
            "vielen Dank für die Bewerbung von {kommune} für „{ausschreibung}“. Vor der "
            "inhaltlichen Begutachtung prüfen wir bei jeder Bewerbung, ob sie die formalen "
            "Voraussetzungen der Ausschreibung erfüllt. Die Bewerbung von {kommune} erfüllt "
            "sie nicht und konnte deshalb nicht in die Auswahl einbezogen werden.\n\n"
            "Begründung: {begruendung}\n\n"
            "Wenn Sie Fragen dazu haben, melden Sie sich gern bei uns. Wir würden uns "
            "freuen, wenn Sie sich bei einer späteren Runde erneut bewerben.\n\n"
            "Mit freundlichen Grüßen\n"
            "die ECCAR-Geschäftsstelle"
        ),
        "subject_en": "Your application {aktenzeichen}: result of the formal check",
        "body_en": (
            "Dear Sir or Madam,\n\n"
            "thank you for the application of {kommune} for “{ausschreibung}”. Before the "
            "review of its content, we check every application against the formal "
            "requirements of the call. The application of {kommune} does not meet them and "
            "could therefore not be included in the selection.\n\n"
            "Reason: {begruendung}\n\n"
            "If you have any questions about this, please contact us. We would be glad if "
            "you applied again in a later round.\n\n"
            "Kind regards\n"
            "the ECCAR office"
        ),
    },
}


def placeholders_unknown(text: str) -> list[str]:
    return sorted({name for name in PLACEHOLDER.findall(text or "") if name not in PLACEHOLDERS})


def letter_fill(text: str, values: dict[str, str]) -> str:
    """Replace known placeholders; anything else in braces stays as written."""
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def letter_templates_ensure(*, call: Call, actor=None) -> dict[str, LetterTemplate]:
    """The call's templates, one per outcome, created from the defaults where missing."""
    with transaction.atomic():
        found = {t.outcome: t for t in LetterTemplate.objects.filter(call=call)}
        for kind in OutcomeKind.values:
            if kind not in found:
                found[kind] = LetterTemplate.objects.create(
                    call=call, outcome=kind, updated_by=actor, **DEFAULT_LETTERS[kind]
                )
    return {kind: found[kind] for kind in OutcomeKind.values}


def letter_template_save(*, template: LetterTemplate, actor, data: dict) -> LetterTemplate:
    """Save the texts of ``template``; unknown placeholders are refused at their field."""
    errors = {}
    for name in ("subject_de", "body_de", "subject_en", "body_en"):
        unknown = placeholders_unknown(data.get(name, ""))
        if unknown:
            errors[name] = _("Unbekannte Platzhalter: %(names)s. Erlaubt sind: %(allowed)s.") % {
                "names": ", ".join("{" + n + "}" for n in unknown),
                "allowed": ", ".join("{" + n + "}" for n in PLACEHOLDERS),
            }
    for name in ("subject_de", "body_de"):
        if not (data.get(name) or "").strip():
            errors[name] = _("Der deutsche Text ist erforderlich.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        for name in ("subject_de", "body_de", "subject_en", "body_en"):
            setattr(template, name, (data.get(name) or "").strip())
        template.updated_by = actor
        template.save()
    return template


def screening_reason(*, application: Application) -> str:
    """The reason the office recorded when it found ``application`` formally ineligible.

    Every ineligible screening has one (a database constraint); a sample reason stands
    in where there is none, which only happens in a preview filled with another
    application or the unsaved sample.
    """
    from reviews.models import Screening

    reason = None
    if application.pk is not None:
        reason = (
            Screening.objects.filter(application=application, status=Screening.Status.NOT_ELIGIBLE)
            .values_list("reason", flat=True)
            .first()
        )
    return reason or str(SAMPLE_REASON)


def letter_values(*, application: Application, kind: str, rank: int | None) -> dict[str, str]:
    """Placeholder values in the active language."""
    call = application.call
    reason = screening_reason(application=application) if kind == OutcomeKind.INELIGIBLE else ""
    return {
        "kommune": application.municipality.name,
        "aktenzeichen": application.reference,
        "ergebnis": str(RESULT_WORDS[kind]),
        "rang": str(rank) if rank else "",
        "ausschreibung": call.title,
        "programmbeginn": date_format(call.programme_start, "DATE_FORMAT"),
        "begruendung": reason,
    }


def letter_language(*, template: LetterTemplate, language: str) -> str:
    """English for English speakers if the English text is written, else German."""
    if language == "en" and template.subject_en and template.body_en:
        return "en"
    return "de"


def letter_text(
    *, template: LetterTemplate, application: Application, rank: int | None, language: str
) -> tuple[str, str]:
    """Subject and body of the letter in ``language`` (see ``letter_language``)."""
    suffix = letter_language(template=template, language=language)
    subject = getattr(template, f"subject_{suffix}")
    body = getattr(template, f"body_{suffix}")
    with translation.override(suffix):
        values = letter_values(application=application, kind=template.outcome, rank=rank)
    return letter_fill(subject, values), letter_fill(body, values)


def letter_pdf(*, application: Application, subject: str, body: str, language: str) -> bytes:
    """The letter as a tagged PDF, headed like the other documents of the platform."""
    # The PDF machinery (fonts, tagging) is shared with the questionnaire PDFs.
    from calls.pdf import render_pdf

    with translation.override(language):
        return render_pdf(
            "selection/pdf/letter.html",
            {
                "application": application,
                "municipality": application.municipality,
                "subject": subject,
                "body": body,
                "today": timezone.localdate(),
            },
        )


def dispatch_letter(*, dispatch: LetterDispatch, language: str) -> tuple[str, str, str, bytes]:
    """The letter of ``dispatch`` as it is mailed: its language (``letter_language``),
    subject, body and PDF. The office's download for the post is the same letter."""
    application = dispatch.application
    rank = (
        Outcome.objects.filter(application=application, decision__call_id=dispatch.call_id)
        .values_list("rank", flat=True)
        .first()
    )
    template = letter_templates_ensure(call=application.call)[dispatch.outcome]
    language = letter_language(template=template, language=language)
    subject, body = letter_text(
        template=template, application=application, rank=rank, language=language
    )
    pdf = letter_pdf(application=application, subject=subject, body=body, language=language)
    return language, subject, body, pdf
