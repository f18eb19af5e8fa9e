"""Changes to the network. Each runs in one transaction and takes keyword arguments only.

Nothing that reveals who is a member is audited or logged: an entry "X joined" (or "X
signed up for a workshop of the network") would itself be special-category data and
would outlive the member's withdrawal. Workshops, announcements, documents and the
naming of network coordinators reveal no one's origin and are audited as usual.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from calls.models import Call
from core.audit import audit_record
from core.choices import ActivityStatus
from core.idempotency import lock_person, recent, stored_just_now
from core.uploads import clean_upload, file_digest, stored_digest
from network.anonymity import publish
from network.consent import CONSENT_VERSION
from network.hooks import membership_ending
from network.models import (
    Announcement,
    CountSnapshot,
    CountSnapshotRow,
    Membership,
    NetworkCoordinator,
    SharedDocument,
    Workshop,
    WorkshopSignup,
)
from network.selectors import (
    JOIN_ROLES,
    STAFF_MANAGING_ROLES,
    eligible,
    join_call_for,
    live_member_counts,
)

WORKSHOP_FIELDS = (
    "title",
    "format",
    "description",
    "starts_at",
    "online",
    "location",
    "capacity",
)


# --- membership (no audit, no logging: see the module docstring) --------------------


def membership_join(*, user, department: str = "") -> Membership:
    """Make ``user`` a member, with their consent given just now.

    Only the person themselves joins, from their own account; name and e-mail come from
    it. Joining again changes nothing.
    """
    if join_call_for(user=user) is None:
        raise ValidationError(
            _("Dem Netzwerk können nur Beschäftigte einer Modellkommune beitreten.")
        )
    with transaction.atomic():
        # A membership left over from an earlier role or municipality would otherwise be
        # returned below and keep the person outside.
        membership_end_if_ineligible(user=user)
        membership, _created = Membership.objects.get_or_create(
            user=user,
            defaults={
                "municipality_id": user.approved_municipality_id,
                "full_name": user.full_name,
                "email": user.email,
                "department": department.strip()[:200],
                "consent_version": CONSENT_VERSION,
                "consented_at": timezone.now(),
            },
        )
    return membership


def _traces_delete(*, user) -> None:
    """Delete everything besides the membership that shows the person belonged: workshop
    sign-ups here, and whatever the apps above keep about members (the events app:
    registrations for members-only events, see ``network.hooks``). Runs inside the
    caller's transaction."""
    WorkshopSignup.objects.filter(membership__user_id=user.pk).delete()
    membership_ending.notify(user=user)


def membership_leave(*, user) -> bool:
    """Withdraw consent: delete the membership and every trace of it at once (workshop
    sign-ups, registrations for members-only events, their queued mails and task
    records; no soft delete, no archive). Returns False if there was no membership."""
    with transaction.atomic():
        _traces_delete(user=user)
        deleted, _counts = Membership.objects.filter(user=user).delete()
    return deleted > 0


def membership_show_name(*, user, show: bool) -> bool:
    """Let other members see the person's name, municipality and department (``show``)
    or only "ein Mitglied aus <Land>". Returns whether the person is a member."""
    with transaction.atomic():
        changed = Membership.objects.filter(user=user).update(show_name=show)
    return changed > 0


def membership_end_if_ineligible(*, user) -> bool:
    """Delete the membership and its sign-ups (as on leaving) if ``user`` may no longer
    belong: deactivated, in a role that cannot join, or no longer approved for the
    municipality they joined for. Registered with ``accounts.hooks``, so the accounts
    services call it after such a change, with ``user`` as saved. Returns whether a
    membership was deleted."""
    with transaction.atomic():
        membership = Membership.objects.select_for_update().filter(user_id=user.pk).first()
        if membership is None or (
            user.is_active
            and user.role in JOIN_ROLES
            and user.approved_municipality_id == membership.municipality_id
        ):
            return False
        _traces_delete(user=user)
        membership.delete()
    return True


# --- workshops ----------------------------------------------------------------------


def _validate_workshop(data: dict) -> None:
    if not data.get("online") and not (data.get("location") or "").strip():
        raise ValidationError(
            {"location": _("Bitte geben Sie einen Ort an oder wählen Sie „online“.")}
        )


def _audit_value(value):
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).isoformat()
    return value


def workshop_create(*, actor, call, municipality, data: dict) -> Workshop:
    """A local workshop (``municipality`` given) or a national one (``municipality`` None).

    A workshop that is not cancelled and has the same place in the programme (call and
    municipality), title and beginning is returned instead of a second one: a double
    click must not count twice towards the commitment.
    """
    _validate_workshop(data)
    with transaction.atomic():
        # The call's row is locked so that two requests at once cannot both miss the other.
        Call.objects.select_for_update().get(pk=call.pk)
        existing = (
            Workshop.objects.filter(
                call=call,
                municipality=municipality,
                title=data.get("title"),
                starts_at=data.get("starts_at"),
            )
            .exclude(status=ActivityStatus.CANCELLED)
            .first()
        )
        if existing is not None:
            return existing
        workshop = Workshop.objects.create(
            call=call,
            municipality=municipality,
            created_by=actor,
            **{name: data.get(name) for name in WORKSHOP_FIELDS if name in data},
        )
        audit_record(actor=actor, action="network.workshop_create", obj=workshop)
    return workshop


def workshop_update(*, workshop: Workshop, actor, data: dict) -> Workshop:
    _validate_workshop(data)
    with transaction.atomic():
        workshop = Workshop.objects.select_for_update().get(pk=workshop.pk)
        starts_at = data.get("starts_at", workshop.starts_at)
        if workshop.status == ActivityStatus.HELD and starts_at > timezone.now():
            raise ValidationError(
                {
                    "starts_at": _(
                        "Der Workshop hat schon stattgefunden; sein Beginn kann nicht in der "
                        "Zukunft liegen."
                    )
                }
            )
        changes = {}
        for name in WORKSHOP_FIELDS:
            if name in data and getattr(workshop, name) != data[name]:
                changes[name] = [_audit_value(getattr(workshop, name)), _audit_value(data[name])]
                setattr(workshop, name, data[name])
        if changes:
            workshop.save(update_fields=list(changes))
            audit_record(
                actor=actor, action="network.workshop_update", obj=workshop, changes=changes
            )
    return workshop


def _set_status(workshop: Workshop, actor, status: str, action: str) -> Workshop:
    old = workshop.status
    if old != status:
        workshop.status = status
        workshop.save(update_fields=["status"])
        audit_record(actor=actor, action=action, obj=workshop, changes={"status": [old, status]})
    return workshop


def workshop_mark_held(*, workshop: Workshop, actor) -> Workshop:
    """Record that the workshop took place; only once it has begun. Held local workshops
    count towards the municipality's commitment."""
    with transaction.atomic():
        workshop = Workshop.objects.select_for_update().get(pk=workshop.pk)
        if workshop.starts_at > timezone.now():
            raise ValidationError(
                _("Ein Workshop kann erst nach seinem Beginn als stattgefunden gelten.")
            )
        return _set_status(workshop, actor, ActivityStatus.HELD, "network.workshop_held")


def workshop_cancel(*, workshop: Workshop, actor) -> Workshop:
    """Cancel the workshop; a held one stops counting (a correction)."""
    with transaction.atomic():
        workshop = Workshop.objects.select_for_update().get(pk=workshop.pk)
        return _set_status(workshop, actor, ActivityStatus.CANCELLED, "network.workshop_cancel")


def signup_add(*, membership: Membership, workshop: Workshop) -> WorkshopSignup:
    """Sign a member up; signing up twice changes nothing.

    The workshop row is locked while the places are counted, so two members cannot take
    the last place at once.
    """
    if workshop.municipality_id not in (None, membership.municipality_id):
        raise ValidationError(_("Dieser Workshop ist nicht für Ihre Kommune."))
    with transaction.atomic():
        workshop = Workshop.objects.select_for_update().get(pk=workshop.pk)
        existing = WorkshopSignup.objects.filter(workshop=workshop, membership=membership).first()
        if existing is not None:
            return existing
        if workshop.status != ActivityStatus.PLANNED or workshop.starts_at < timezone.now():
            raise ValidationError(_("Für diesen Workshop ist keine Anmeldung mehr möglich."))
        taken = workshop.signups.filter(eligible("membership__")).count()
        if workshop.capacity is not None and taken >= workshop.capacity:
            raise ValidationError(_("Dieser Workshop ist leider ausgebucht."))
        return WorkshopSignup.objects.create(workshop=workshop, membership=membership)


def signup_remove(*, membership: Membership, workshop: Workshop) -> None:
    with transaction.atomic():
        WorkshopSignup.objects.filter(workshop=workshop, membership=membership).delete()


# --- the closed space ---------------------------------------------------------------


def announcement_post(*, actor, title: str, body: str) -> Announcement:
    """Post an announcement; the same title and text by the same author within
    ``REPEAT_WINDOW`` returns the earlier one."""
    with transaction.atomic():
        lock_person(actor)
        existing = stored_just_now(
            Announcement.objects.filter(author=actor, title=title, body=body),
            since_field="created_at",
        )
        if existing is not None:
            return existing
        announcement = Announcement.objects.create(title=title, body=body, author=actor)
        audit_record(actor=actor, action="network.announcement_post", obj=announcement)
    return announcement


def document_share(*, actor, title: str, upload) -> SharedDocument:
    """Share a PDF in the closed space; anything but a real PDF up to 10 MB is refused.

    The same file under the same title and name by the same person within
    ``REPEAT_WINDOW`` returns the earlier document; a changed file is shared anew.
    """
    try:
        clean_upload(upload)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from exc
    digest = file_digest(upload)
    with transaction.atomic():
        lock_person(actor)
        same_name = SharedDocument.objects.filter(
            uploaded_by=actor, title=title, file_name=upload.name[:255]
        )
        for existing in recent(same_name, since_field="uploaded_at"):
            if stored_digest(existing.file) == digest:
                return existing
        document = SharedDocument(title=title, uploaded_by=actor, file_name=upload.name[:255])
        document.file.save(upload.name, upload, save=False)
        document.save()
        audit_record(actor=actor, action="network.document_share", obj=document)
    return document


# --- network coordinators -----------------------------------------------------------


def coordinator_appoint(*, actor, user) -> NetworkCoordinator:
    """Name ``user`` a network coordinator; naming them again changes nothing."""
    if not user.is_active:
        raise ValidationError({"email": _("Dieses Konto ist deaktiviert.")})
    if user.role in STAFF_MANAGING_ROLES:
        # The coordination sees members' names; people who decide about staff must not.
        raise ValidationError(
            {
                "email": _(
                    "Personalverantwortliche und die Geschäftsstelle können das Netzwerk "
                    "nicht koordinieren: Sie sollen nicht erfahren, wer Mitglied ist."
                )
            }
        )
    with transaction.atomic():
        coordinator, created = NetworkCoordinator.objects.get_or_create(
            user=user, defaults={"appointed_by": actor}
        )
        if created:
            audit_record(actor=actor, action="network.coordinator_appoint", obj=coordinator)
    return coordinator


def coordinator_remove(*, actor, coordinator: NetworkCoordinator) -> None:
    with transaction.atomic():
        audit_record(actor=actor, action="network.coordinator_remove", obj=coordinator)
        coordinator.delete()


# --- published counts ---------------------------------------------------------------


def month_start(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date().replace(day=1)


def counts_publish(*, call: Call, now: dt.datetime | None = None) -> CountSnapshot:
    """Publish ``call``'s member counts for the month of ``now``, once: a second run in
    the same month returns the snapshot already published, whatever changed since.

    The values are stored already suppressed (``network.anonymity.publish``); the live
    counts are not kept anywhere.
    """
    now = now or timezone.now()
    period = month_start(now)
    with transaction.atomic():
        # The call's row is locked so that two runs at once publish one snapshot.
        Call.objects.select_for_update().get(pk=call.pk)
        existing = CountSnapshot.objects.filter(call=call, period=period).first()
        if existing is not None:
            return existing
        municipalities, raw = live_member_counts(call=call)
        safe = publish(raw)
        snapshot = CountSnapshot.objects.create(
            call=call, period=period, published_at=now, total=safe.total
        )
        CountSnapshotRow.objects.bulk_create(
            CountSnapshotRow(snapshot=snapshot, municipality=m, count=safe.get(m.pk))
            for m in municipalities
        )
    return snapshot


def counts_publish_all(*, now: dt.datetime | None = None) -> int:
    """Publish this month's counts of every cohort that has none yet; returns how many
    snapshots were new."""
    from programme.cohort import programme_calls

    now = now or timezone.now()
    period = month_start(now)
    new = 0
    for call in programme_calls():
        if not CountSnapshot.objects.filter(call=call, period=period).exists():
            counts_publish(call=call, now=now)
            new += 1
    return new
