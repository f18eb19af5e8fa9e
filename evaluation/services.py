"""Writes of the evaluation: instruments, surveys, anonymous responses, the threshold."""

from dataclasses import dataclass

from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record, object_changes
from evaluation.answering import surveys_close_due
from evaluation.mail import invitations_send
from evaluation.models import (
    MINIMUM_THRESHOLD,
    EvaluationSettings,
    Instrument,
    InstrumentVersion,
    Item,
    ItemType,
    Phase,
    Section,
    Survey,
    SurveyInvitation,
    UsedNonce,
)


def _draft(version: InstrumentVersion) -> None:
    if not version.is_draft:
        raise ValidationError(
            _("Diese Version ist veröffentlicht. Für Änderungen legen Sie eine neue Version an.")
        )


@transaction.atomic
def instrument_create(*, code: str, title: str, description: str = "", actor) -> InstrumentVersion:
    taken = ValidationError({"code": _("Dieses Kurzzeichen ist bereits vergeben.")})
    if Instrument.objects.filter(code=code).exists():
        raise taken
    try:
        # A concurrent request may take the code between the check and the insert.
        with transaction.atomic():
            instrument = Instrument.objects.create(code=code, title=title, description=description)
    except IntegrityError:
        raise taken from None
    version = InstrumentVersion.objects.create(instrument=instrument, number=1)
    if actor is not None:
        audit_record(actor=actor, action="evaluation.instrument_create", obj=instrument)
    return version


@transaction.atomic
def section_add(*, version: InstrumentVersion, title: str, intro: str = "") -> Section:
    version = InstrumentVersion.objects.select_for_update().get(pk=version.pk)
    _draft(version)
    position = (version.sections.aggregate(m=Max("position"))["m"] or 0) + 1
    return Section.objects.create(version=version, position=position, title=title, intro=intro)


def _check_options(type_: str, options: list[str]) -> None:
    if type_ == ItemType.LIKERT and not 2 <= len(options) <= 11:
        raise ValidationError(
            {"options": _("Eine Skala braucht 2 bis 11 Punkte, je einen Namen pro Zeile.")}
        )
    if type_ in (ItemType.SINGLE, ItemType.MULTIPLE) and len(options) < 2:
        raise ValidationError(
            {"options": _("Geben Sie mindestens zwei Antwortmöglichkeiten an, eine pro Zeile.")}
        )


@transaction.atomic
def item_add(
    *, section: Section, key: str, text: str, type: str, required: bool, options: list[str]
) -> Item:
    version = InstrumentVersion.objects.select_for_update().get(pk=section.version_id)
    _draft(version)
    if version.items.filter(key=key).exists():
        raise ValidationError({"key": _("Diese Kennung gibt es in dieser Version schon.")})
    options = options if type in (ItemType.LIKERT, ItemType.SINGLE, ItemType.MULTIPLE) else []
    _check_options(type, options)
    position = (section.items.aggregate(m=Max("position"))["m"] or 0) + 1
    return Item.objects.create(
        version=version,
        section=section,
        position=position,
        key=key,
        text=text,
        type=type,
        required=required,
        options=options,
    )


@transaction.atomic
def item_remove(*, item: Item) -> None:
    version = InstrumentVersion.objects.select_for_update().get(pk=item.version_id)
    _draft(version)
    item.delete()


@transaction.atomic
def item_update(*, item: Item, text: str, required: bool, options: list[str], actor=None) -> Item:
    """Change an item of a draft version in place; its key and type stay, since the
    answer form, the export and the codebook are built on them."""
    version = InstrumentVersion.objects.select_for_update().get(pk=item.version_id)
    _draft(version)
    item = Item.objects.select_for_update().get(pk=item.pk)
    options = options if item.has_options else []
    _check_options(item.type, options)
    changes = object_changes(item, {"text": text, "required": required, "options": options})
    if changes:
        item.text, item.required, item.options = text, required, options
        item.save(update_fields=["text", "required", "options"])
        if actor is not None:
            audit_record(actor=actor, action="evaluation.item_update", obj=item, changes=changes)
    return item


@transaction.atomic
def version_publish(*, version: InstrumentVersion, actor) -> InstrumentVersion:
    version = InstrumentVersion.objects.select_for_update().get(pk=version.pk)
    if not version.is_draft:
        return version
    if not version.items.exists():
        raise ValidationError(_("Eine Version ohne Fragen kann nicht veröffentlicht werden."))
    version.published_at = timezone.now()
    version.save(update_fields=["published_at"])
    if actor is not None:
        audit_record(actor=actor, action="evaluation.version_publish", obj=version)
    return version


@transaction.atomic
def version_new_draft(*, instrument: Instrument) -> InstrumentVersion:
    """A draft copying the newest version; an existing draft is returned as it is."""
    Instrument.objects.select_for_update().get(pk=instrument.pk)
    latest = instrument.versions.order_by("-number").first()
    if latest.is_draft:
        return latest
    draft = InstrumentVersion.objects.create(instrument=instrument, number=latest.number + 1)
    for section in latest.sections.prefetch_related("items"):
        copy = Section.objects.create(
            version=draft, position=section.position, title=section.title, intro=section.intro
        )
        Item.objects.bulk_create(
            Item(
                version=draft,
                section=copy,
                position=item.position,
                key=item.key,
                text=item.text,
                type=item.type,
                required=item.required,
                options=item.options,
            )
            for item in section.items.all()
        )
    return draft


@transaction.atomic
def survey_open(
    *,
    version: InstrumentVersion,
    title: str,
    phase: str,
    target_kind: str,
    opens_at,
    closes_at,
    target_id: int | None = None,
    call=None,
    municipality=None,
    module=None,
    pair_with: Survey | None = None,
    actor=None,
) -> Survey:
    if version.is_draft:
        raise ValidationError(_("Befragungen sind nur mit veröffentlichten Versionen möglich."))
    if closes_at <= opens_at:
        raise ValidationError({"closes_at": _("Das Ende muss nach dem Beginn liegen.")})
    if phase == Phase.POST and pair_with is None:
        raise ValidationError(
            {"pair_with": _("Wählen Sie die Vorher-Befragung, zu der diese gehört.")}
        )
    if pair_with is not None and (phase != Phase.POST or pair_with.phase != Phase.PRE):
        raise ValidationError(
            {"pair_with": _("Nur eine Nachher-Befragung gehört zu einer Vorher-Befragung.")}
        )
    municipality_id = municipality.pk if municipality is not None else None
    if pair_with is not None and pair_with.municipality_id != municipality_id:
        raise ValidationError(
            {"pair_with": _("Vorher- und Nachher-Befragung müssen zur selben Kommune gehören.")}
        )
    paired_already = ValidationError(
        {"pair_with": _("Zu dieser Vorher-Befragung gibt es schon eine Nachher-Befragung.")}
    )
    if pair_with is not None and Survey.objects.filter(pair_with=pair_with).exists():
        raise paired_already
    try:
        # A concurrent request may pair the same pre survey between the check and the insert.
        with transaction.atomic():
            survey = Survey.objects.create(
                version=version,
                title=title,
                phase=phase,
                pair_with=pair_with,
                target_kind=target_kind,
                target_id=target_id,
                call=call,
                municipality=municipality,
                module=module,
                opens_at=opens_at,
                closes_at=closes_at,
                created_by=actor,
            )
    except IntegrityError:
        raise paired_already from None
    if actor is not None:
        audit_record(actor=actor, action="evaluation.survey_open", obj=survey)
    return survey


@transaction.atomic
def threshold_set(*, threshold: int, actor) -> EvaluationSettings:
    if threshold < MINIMUM_THRESHOLD:
        raise ValidationError(
            {"threshold": _("Die Mindestzahl ist %(n)s oder mehr.") % {"n": MINIMUM_THRESHOLD}}
        )
    current, _created = EvaluationSettings.objects.select_for_update().get_or_create(pk=1)
    if current.threshold != threshold:
        changes = {"threshold": [current.threshold, threshold]}
        current.threshold = threshold
        current.save(update_fields=["threshold"])
        audit_record(actor=actor, action="evaluation.threshold_set", obj=current, changes=changes)
    return current


@dataclass(frozen=True)
class Invited:
    sent: list[str]
    already: list[str]


@transaction.atomic
def survey_invite(*, survey: Survey, emails: list[str], actor) -> Invited:
    """Mail the survey's shared link to each address not invited to it before.

    Only the address and the day are kept, never linked to any answer, and only until
    the survey closes."""
    # Locking the survey makes a second list sent at the same time wait for this one.
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.closed_at is not None or survey.closes_at <= timezone.now():
        raise ValidationError(_("Die Befragung ist beendet; Einladungen sind nicht mehr möglich."))
    wanted = list(dict.fromkeys(email.strip().lower() for email in emails if email.strip()))
    known = set(
        SurveyInvitation.objects.filter(survey=survey, email__in=wanted).values_list(
            "email", flat=True
        )
    )
    fresh = [email for email in wanted if email not in known]
    today = timezone.localdate()
    created = SurveyInvitation.objects.bulk_create(
        SurveyInvitation(survey=survey, email=email, sent_on=today) for email in fresh
    )
    if created:
        # The count only: addresses do not belong in the audit trail.
        audit_record(
            actor=actor,
            action="evaluation.survey_invite",
            obj=survey,
            changes={"invitations": [None, len(created)]},
        )
        invitations_send(
            list(
                SurveyInvitation.objects.filter(survey=survey, email__in=fresh).values_list(
                    "pk", flat=True
                )
            )
        )
    return Invited(sent=fresh, already=[email for email in wanted if email in known])


@dataclass(frozen=True)
class Cleaned:
    nonces: int
    invitations: int
    sessions: int = 0


def evaluation_cleanup(*, now=None) -> Cleaned:
    """Delete what a closed survey no longer needs: the nonces that kept a page from
    being sent twice, and the addresses its link was mailed to; and the expired sessions
    of everyone (what ``manage.py clearsessions`` does), so no old session lingers."""
    now = now or timezone.now()
    surveys_close_due(now=now)
    with transaction.atomic():
        ended = Survey.objects.filter(Q(closes_at__lte=now) | Q(closed_at__isnull=False))
        ended = ended.values("pk")
        nonces, _rows = UsedNonce.objects.filter(survey__in=ended).delete()
        invitations, _rows = SurveyInvitation.objects.filter(survey__in=ended).delete()
        sessions, _rows = Session.objects.filter(expire_date__lt=now).delete()
    return Cleaned(nonces=nonces, invitations=invitations, sessions=sessions)
