"""Writing the recommendations document: versions and the text of a draft.

Every function runs in a transaction, takes keyword arguments only and raises a
``ValidationError`` when a rule is broken. Each change to the text of a version first
locks the version's row and checks that it is still a draft: an edit that races a
freeze either lands before the freeze or is refused, never after it.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.audit import audit_record, object_changes
from core.idempotency import stored_just_now
from recommendations.models import (
    Chapter,
    Department,
    Document,
    FieldOfAction,
    Licence,
    Paragraph,
    Recommendation,
    Version,
    VersionState,
)

UP, DOWN = "up", "down"

# The race test switches the version's row lock off to show what it prevents.
LOCK_VERSION_ROW = True


def _pause_while_locked() -> None:
    """Nothing; the race test waits here, inside a freeze, for an edit to try its luck."""


# --- document and versions ---------------------------------------------------------------


@transaction.atomic
def document_create(*, slug: str, title_de: str, title_en: str = "", actor) -> Document:
    """A new document with its first, empty draft."""
    if Document.objects.filter(slug=slug).exists():
        raise ValidationError({"slug": _("Dieser Kurzname ist schon vergeben.")})
    document = Document.objects.create(slug=slug, title_de=title_de, title_en=title_en)
    audit_record(actor=actor, action="recommendations.document_create", obj=document)
    version_draft_create(document=document, actor=actor)
    return document


@transaction.atomic
def version_draft_create(*, document: Document, actor) -> Version:
    """The document's next draft: empty for the first version, otherwise a deep copy of
    the latest frozen or published version that keeps every chapter's, recommendation's
    and paragraph's key.

    While a draft exists it is returned instead, so a second click makes no second one.
    """
    document = Document.objects.select_for_update().get(pk=document.pk)
    versions = document.versions.order_by("-sequence")
    draft = versions.filter(state=VersionState.DRAFT).first()
    if draft is not None:
        return draft
    latest = versions.first()
    sequence = latest.sequence + 1 if latest else 1
    draft = Version.objects.create(
        document=document,
        sequence=sequence,
        label=_draft_label(sequence),
        based_on=latest,
        created_by=actor,
    )
    if latest is not None:
        _copy_text(source=latest, target=draft)
    audit_record(
        actor=actor,
        action="recommendations.version_draft_create",
        obj=draft,
        changes={"based_on": [None, latest.label]} if latest else None,
    )
    return draft


def _draft_label(sequence: int) -> str:
    # The label is the document's data, kept in German like its text.
    with translation.override("de"):
        return _("Entwurf %(number)s") % {"number": sequence}


def _copy_text(*, source: Version, target: Version) -> None:
    """Copy chapters, recommendations (with their lookups) and paragraphs of ``source``
    into ``target``, keys and positions unchanged, in a fixed number of queries."""
    chapters = list(source.chapters.all())
    new_chapters = Chapter.objects.bulk_create(
        Chapter(version=target, key=c.key, position=c.position, title=c.title) for c in chapters
    )
    chapter_for = {old.pk: new for old, new in zip(chapters, new_chapters, strict=True)}
    recommendations = list(
        source.recommendations.prefetch_related(
            "fields_of_action", "departments", "training_modules", "paragraphs"
        )
    )
    new_recommendations = Recommendation.objects.bulk_create(
        Recommendation(
            version=target,
            chapter=chapter_for[r.chapter_id],
            key=r.key,
            position=r.position,
            title=r.title,
            rationale=r.rationale,
        )
        for r in recommendations
    )
    links = {"fields_of_action": [], "departments": [], "training_modules": []}
    paragraphs = []
    for old, new in zip(recommendations, new_recommendations, strict=True):
        for name, rows in links.items():
            through = getattr(Recommendation, name).through
            target_field = getattr(Recommendation, name).field.m2m_reverse_field_name()
            rows.extend(
                through(recommendation_id=new.pk, **{f"{target_field}_id": item.pk})
                for item in getattr(old, name).all()
            )
        paragraphs.extend(
            Paragraph(recommendation=new, key=p.key, position=p.position, text=p.text)
            for p in old.paragraphs.all()
        )
    for name, rows in links.items():
        getattr(Recommendation, name).through.objects.bulk_create(rows)
    Paragraph.objects.bulk_create(paragraphs)


def _locked(version_id: int) -> Version:
    versions = Version.objects.select_for_update() if LOCK_VERSION_ROW else Version.objects
    return versions.get(pk=version_id)


def _locked_draft(version_id: int) -> Version:
    """The version's row, locked; refused unless it is still a draft."""
    version = _locked(version_id)
    if version.state != VersionState.DRAFT:
        raise ValidationError(
            _(
                "%(label)s ist %(state)s und kann nicht mehr geändert werden. "
                "Legen Sie für Änderungen den nächsten Entwurf an."
            )
            % {"label": version.label, "state": version.get_state_display()},
            code="not_draft",
        )
    return version


@transaction.atomic
def version_freeze(*, version: Version, actor, label: str) -> Version:
    """Freeze a draft under its final ``label`` (e.g. "1.0"): its text no longer
    changes. Freezing a frozen version again changes nothing (a second click)."""
    version = _locked(version.pk)
    if version.state != VersionState.DRAFT:
        return version
    _pause_while_locked()
    label = label.strip()
    if version.document.versions.exclude(pk=version.pk).filter(label=label).exists():
        raise ValidationError({"label": _("Diese Bezeichnung trägt schon eine andere Fassung.")})
    changes = object_changes(version, {"label": label, "state": VersionState.FROZEN.value})
    version.label = label
    version.state = VersionState.FROZEN
    version.frozen_at = timezone.now()
    version.save(update_fields=["label", "state", "frozen_at"])
    audit_record(actor=actor, action="recommendations.version_freeze", obj=version, changes=changes)
    return version


@transaction.atomic
def version_changelog_edit(*, version: Version, changelog: str, actor) -> Version:
    """The office's account of what changed in this version; it can be written until
    the version is published."""
    version = _locked(version.pk)
    if version.state == VersionState.PUBLISHED:
        raise ValidationError(
            _("Diese Fassung ist veröffentlicht; ihre Änderungsübersicht bleibt, wie sie ist.")
        )
    changes = object_changes(version, {"changelog": changelog}, by_length=["changelog"])
    if changes:
        version.changelog = changelog
        version.save(update_fields=["changelog"])
        audit_record(
            actor=actor, action="recommendations.changelog_edit", obj=version, changes=changes
        )
    return version


# --- positions ---------------------------------------------------------------------------


def _move(item, siblings, direction: str, seen_at: int) -> bool:
    """Swap ``item`` with its neighbour in ``siblings``. False when it is already first
    (or last), or when it no longer stands at ``seen_at``, the position the page showed:
    the second click of a double click then moves nothing."""
    if item.position != seen_at:
        return False
    if direction == UP:
        neighbour = siblings.filter(position__lt=item.position).order_by("-position").first()
    else:
        neighbour = siblings.filter(position__gt=item.position).order_by("position").first()
    if neighbour is None:
        return False
    item.position, neighbour.position = neighbour.position, item.position
    type(item).objects.bulk_update([item, neighbour], ["position"])
    return True


def _close_gap(siblings, position: int) -> None:
    siblings.filter(position__gt=position).update(position=F("position") - 1)


def _next_position(siblings) -> int:
    last = siblings.order_by("-position").values_list("position", flat=True).first()
    return (last or 0) + 1


# --- chapters ----------------------------------------------------------------------------


@transaction.atomic
def chapter_add(*, version: Version, title: str, actor) -> Chapter:
    version = _locked_draft(version.pk)
    repeat = stored_just_now(version.chapters.filter(title=title), since_field="created_at")
    if repeat is not None:
        return repeat
    chapter = Chapter.objects.create(
        version=version, title=title, position=_next_position(version.chapters.all())
    )
    audit_record(actor=actor, action="recommendations.chapter_add", obj=chapter)
    return chapter


@transaction.atomic
def chapter_edit(*, chapter: Chapter, title: str, actor) -> Chapter:
    _locked_draft(chapter.version_id)
    chapter = Chapter.objects.get(pk=chapter.pk)
    changes = object_changes(chapter, {"title": title})
    if changes:
        chapter.title = title
        chapter.save(update_fields=["title"])
        audit_record(
            actor=actor, action="recommendations.chapter_edit", obj=chapter, changes=changes
        )
    return chapter


@transaction.atomic
def chapter_move(*, position: int, chapter: Chapter, direction: str, actor) -> Chapter:
    version = _locked_draft(chapter.version_id)
    chapter = Chapter.objects.get(pk=chapter.pk)
    if _move(chapter, version.chapters.all(), direction, position):
        audit_record(
            actor=actor,
            action="recommendations.chapter_move",
            obj=chapter,
            changes={"direction": [None, direction]},
        )
    return chapter


@transaction.atomic
def chapter_delete(*, chapter: Chapter, actor) -> None:
    """Delete an empty chapter; one that still holds recommendations is refused."""
    version = _locked_draft(chapter.version_id)
    chapter = Chapter.objects.get(pk=chapter.pk)
    if chapter.recommendations.exists():
        raise ValidationError(
            _("Das Kapitel enthält noch Empfehlungen. Verschieben oder löschen Sie diese zuerst.")
        )
    audit_record(actor=actor, action="recommendations.chapter_delete", obj=chapter)
    chapter.delete()
    _close_gap(version.chapters.all(), chapter.position)


# --- recommendations ---------------------------------------------------------------------


def _lookup_rows(model, codes) -> list:
    """The rows of ``model`` for ``codes``, created where missing: the codes are the
    model's own choices (checked by the form and by the table's constraint), so a row
    lost with a flushed table must never make a chosen code vanish without a word."""
    codes = set(codes)
    model.objects.bulk_create([model(code=code) for code in sorted(codes)], ignore_conflicts=True)
    return list(model.objects.filter(code__in=codes))


def _set_lookups(recommendation, *, fields_of_action, departments, training_modules) -> None:
    recommendation.fields_of_action.set(_lookup_rows(FieldOfAction, fields_of_action))
    recommendation.departments.set(_lookup_rows(Department, departments))
    recommendation.training_modules.set(training_modules)


@transaction.atomic
def recommendation_add(
    *,
    chapter: Chapter,
    title: str,
    rationale: str = "",
    fields_of_action=(),
    departments=(),
    training_modules=(),
    actor,
) -> Recommendation:
    version = _locked_draft(chapter.version_id)
    siblings = chapter.recommendations.all()
    repeat = stored_just_now(siblings.filter(title=title), since_field="created_at")
    if repeat is not None:
        return repeat
    recommendation = Recommendation.objects.create(
        version=version,
        chapter=chapter,
        title=title,
        rationale=rationale,
        position=_next_position(siblings),
    )
    _set_lookups(
        recommendation,
        fields_of_action=fields_of_action,
        departments=departments,
        training_modules=training_modules,
    )
    audit_record(actor=actor, action="recommendations.recommendation_add", obj=recommendation)
    return recommendation


@transaction.atomic
def recommendation_edit(
    *,
    recommendation: Recommendation,
    title: str,
    rationale: str,
    fields_of_action=(),
    departments=(),
    training_modules=(),
    actor,
) -> Recommendation:
    _locked_draft(recommendation.version_id)
    recommendation = Recommendation.objects.get(pk=recommendation.pk)
    changes = object_changes(
        recommendation, {"title": title, "rationale": rationale}, by_length=["rationale"]
    )
    before = _lookup_codes(recommendation)
    recommendation.title = title
    recommendation.rationale = rationale
    recommendation.save(update_fields=["title", "rationale"])
    _set_lookups(
        recommendation,
        fields_of_action=fields_of_action,
        departments=departments,
        training_modules=training_modules,
    )
    after = _lookup_codes(recommendation)
    changes.update(
        {name: [before[name], after[name]] for name in after if before[name] != after[name]}
    )
    if changes:
        audit_record(
            actor=actor,
            action="recommendations.recommendation_edit",
            obj=recommendation,
            changes=changes,
        )
    return recommendation


def _lookup_codes(recommendation: Recommendation) -> dict:
    return {
        "fields_of_action": sorted(recommendation.fields_of_action.values_list("code", flat=True)),
        "departments": sorted(recommendation.departments.values_list("code", flat=True)),
        "training_modules": sorted(recommendation.training_modules.values_list("code", flat=True)),
    }


@transaction.atomic
def recommendation_move(*, position: int, recommendation: Recommendation, direction: str, actor):
    """Move a recommendation up or down within its chapter; this renumbers it."""
    _locked_draft(recommendation.version_id)
    recommendation = Recommendation.objects.select_related("chapter").get(pk=recommendation.pk)
    if _move(recommendation, recommendation.chapter.recommendations.all(), direction, position):
        audit_record(
            actor=actor,
            action="recommendations.recommendation_move",
            obj=recommendation,
            changes={"direction": [None, direction]},
        )
    return recommendation


@transaction.atomic
def recommendation_delete(*, recommendation: Recommendation, actor) -> None:
    _locked_draft(recommendation.version_id)
    recommendation = Recommendation.objects.select_related("chapter").get(pk=recommendation.pk)
    audit_record(actor=actor, action="recommendations.recommendation_delete", obj=recommendation)
    recommendation.delete()
    _close_gap(recommendation.chapter.recommendations.all(), recommendation.position)


# --- paragraphs --------------------------------------------------------------------------


@transaction.atomic
def paragraph_add(*, recommendation: Recommendation, text: str, actor) -> Paragraph:
    _locked_draft(recommendation.version_id)
    siblings = recommendation.paragraphs.all()
    repeat = stored_just_now(siblings.filter(text=text), since_field="created_at")
    if repeat is not None:
        return repeat
    paragraph = Paragraph.objects.create(
        recommendation=recommendation, text=text, position=_next_position(siblings)
    )
    audit_record(actor=actor, action="recommendations.paragraph_add", obj=paragraph)
    return paragraph


@transaction.atomic
def paragraph_edit(*, paragraph: Paragraph, text: str, actor) -> Paragraph:
    _locked_draft(paragraph.recommendation.version_id)
    paragraph = Paragraph.objects.get(pk=paragraph.pk)
    changes = object_changes(paragraph, {"text": text}, by_length=["text"])
    if changes:
        paragraph.text = text
        paragraph.save(update_fields=["text"])
        audit_record(
            actor=actor, action="recommendations.paragraph_edit", obj=paragraph, changes=changes
        )
    return paragraph


@transaction.atomic
def paragraph_move(*, position: int, paragraph: Paragraph, direction: str, actor) -> Paragraph:
    _locked_draft(paragraph.recommendation.version_id)
    paragraph = Paragraph.objects.get(pk=paragraph.pk)
    if _move(paragraph, paragraph.recommendation.paragraphs.all(), direction, position):
        audit_record(
            actor=actor,
            action="recommendations.paragraph_move",
            obj=paragraph,
            changes={"direction": [None, direction]},
        )
    return paragraph


@transaction.atomic
def paragraph_delete(*, paragraph: Paragraph, actor) -> None:
    _locked_draft(paragraph.recommendation.version_id)
    paragraph = Paragraph.objects.select_related("recommendation").get(pk=paragraph.pk)
    audit_record(actor=actor, action="recommendations.paragraph_delete", obj=paragraph)
    paragraph.delete()
    _close_gap(paragraph.recommendation.paragraphs.all(), paragraph.position)


# --- publishing ----------------------------------------------------------------------------


@transaction.atomic
def version_publish(*, version: Version, licence: str, actor) -> Version:
    """Publish a frozen version under ``licence`` for everyone to read.

    A draft is refused: the office freezes it first, under its final label, so what is
    published is exactly what was frozen. Publishing a published version again changes
    nothing (a second click, or a second office member on an older page). The tagged
    PDF is rendered in the background once the publication is committed.
    """
    version = _locked(version.pk)
    if version.state == VersionState.PUBLISHED:
        return version
    if version.state == VersionState.DRAFT:
        raise ValidationError(
            _("Ein Entwurf kann nicht veröffentlicht werden. Frieren Sie die Fassung zuerst ein."),
            code="draft",
        )
    if licence not in Licence.values:
        raise ValidationError({"licence": _("Bitte wählen Sie die Lizenz der Veröffentlichung.")})
    changes = object_changes(version, {"state": VersionState.PUBLISHED.value, "licence": licence})
    version.state = VersionState.PUBLISHED
    version.licence = licence
    version.published_at = timezone.now()
    version.published_by = actor
    version.save(update_fields=["state", "licence", "published_at", "published_by"])
    audit_record(
        actor=actor, action="recommendations.version_publish", obj=version, changes=changes
    )
    version_pk = version.pk

    def enqueue():
        from recommendations.tasks import published_pdf_render

        published_pdf_render.enqueue(version_id=version_pk)

    transaction.on_commit(enqueue)
    return version
