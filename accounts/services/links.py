"""Who speaks for a municipality: the links of people to a municipality, claims to the
programme office, and the office's decisions on both.

A link gives access to the municipality's records only once it is approved (by an
approved coordinator of the municipality or by the programme office). Every decision is
recorded in the audit trail; the person's very next request is judged by the new state,
as the account is read afresh on every request.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.hooks import account_changed
from accounts.models import MUNICIPAL_ROLES, MunicipalityClaim, Role, User
from core.audit import audit_record
from core.mail import mail_enqueue
from core.uploads import clean_upload


def _linked_person(*, pk: int, municipality_id: int) -> User:
    """The person linked to the municipality, locked; 404-like DoesNotExist otherwise."""
    return User.objects.select_for_update().get(
        pk=pk, municipality_id=municipality_id, role__in=MUNICIPAL_ROLES
    )


def municipality_claim_submit(
    *, user: User, function: str, authority: str, letter=None
) -> MunicipalityClaim:
    """A linked, not yet approved coordinator asks the programme office to confirm
    that they act for the municipality. A second submit returns the pending claim."""
    function = function.strip()
    authority = authority.strip()
    errors = {}
    if not function:
        errors["function"] = _("Bitte nennen Sie Ihre Funktion in der Verwaltung.")
    if not authority:
        errors["authority"] = _("Bitte beschreiben Sie, worauf Ihre Befugnis beruht.")
    if letter is not None:
        try:
            clean_upload(letter)
        except ValidationError as error:
            errors["letter"] = error.messages
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        person = User.objects.select_for_update().get(pk=user.pk)
        if person.role != Role.COORDINATOR or person.municipality_id is None:
            raise ValidationError(_("Bitte wählen Sie zuerst Ihre Kommune."), code="no_link")
        if person.municipality_approved_at is not None:
            raise ValidationError(_("Ihre Zuordnung ist bereits bestätigt."), code="approved")
        if person.municipality_suspended_at is not None:
            raise ValidationError(
                _("Die Geschäftsstelle hat Ihren Zugang ausgesetzt."), code="suspended"
            )
        pending = MunicipalityClaim.objects.filter(
            user=person, status=MunicipalityClaim.Status.PENDING
        ).first()
        if pending is not None:
            return pending
        claim = MunicipalityClaim(
            user=person,
            municipality_id=person.municipality_id,
            function=function,
            authority=authority,
        )
        if letter is not None:
            claim.letter = letter
            claim.letter_name = letter.name[-255:]
        claim.save()
        audit_record(
            actor=person,
            action="account.claim_submitted",
            obj=claim,
            changes={"municipality": [None, person.municipality.key]},
        )
    return claim


def municipality_claim_decide(
    *, actor: User, claim_id: int, approve: bool, reason: str
) -> MunicipalityClaim:
    """The programme office approves or refuses a claim, with a reason the claimant
    reads in the mail. Refusing unlinks the claimant. A repeat returns the decision."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Bitte begründen Sie die Entscheidung.")})
    with transaction.atomic():
        claim = (
            MunicipalityClaim.objects.select_for_update()
            .select_related("municipality")
            .get(pk=claim_id)
        )
        if claim.status != MunicipalityClaim.Status.PENDING:
            return claim
        person = User.objects.select_for_update().get(pk=claim.user_id)
        now = timezone.now()
        still_linked = person.municipality_id == claim.municipality_id
        if approve and still_linked:
            person.municipality_approved_at = now
            person.municipality_suspended_at = None
            person.save(update_fields=["municipality_approved_at", "municipality_suspended_at"])
        elif not approve and still_linked:
            person_unlink(person)
        claim.status = (
            MunicipalityClaim.Status.APPROVED if approve else MunicipalityClaim.Status.REFUSED
        )
        claim.reason = reason
        claim.decided_at = now
        claim.decided_by = actor
        claim.save(update_fields=["status", "reason", "decided_at", "decided_by"])
        audit_record(
            actor=actor,
            action="account.claim_approved" if approve else "account.claim_refused",
            obj=person,
            changes={
                "claim": [None, claim.pk],
                "approved": [None, claim.municipality.key]
                if approve
                else [claim.municipality.key, None],
            },
        )
        mail_enqueue(
            to=[person.email],
            template="accounts/mail/claim_approved" if approve else "accounts/mail/claim_refused",
            context={
                "name": person.full_name,
                "municipality": claim.municipality.name,
                "reason": reason,
            },
            language=person.language,
        )
    return claim


def person_unlink(person: User) -> None:
    """End the person's link; the caller holds the lock on the person's row."""
    person.municipality = None
    person.municipality_approved_at = None
    person.municipality_suspended_at = None
    person.municipality_lead = False
    person.save(
        update_fields=[
            "municipality",
            "municipality_approved_at",
            "municipality_suspended_at",
            "municipality_lead",
        ]
    )
    MunicipalityClaim.objects.filter(user=person, status=MunicipalityClaim.Status.PENDING).update(
        status=MunicipalityClaim.Status.WITHDRAWN, decided_at=timezone.now()
    )
    account_changed.notify(user=person)


def link_approve(*, actor: User, municipality_id: int, user_id: int) -> User:
    """The office approves a pending or suspended link."""
    with transaction.atomic():
        person = _linked_person(pk=user_id, municipality_id=municipality_id)
        if person.municipality_approved_at and person.municipality_suspended_at is None:
            return person
        person.municipality_approved_at = timezone.now()
        person.municipality_suspended_at = None
        person.save(update_fields=["municipality_approved_at", "municipality_suspended_at"])
        # A pending claim of the person is answered by this approval.
        MunicipalityClaim.objects.filter(
            user=person, status=MunicipalityClaim.Status.PENDING
        ).update(
            status=MunicipalityClaim.Status.APPROVED,
            decided_at=timezone.now(),
            decided_by=actor,
            reason=_("Von der Geschäftsstelle bestätigt."),
        )
        audit_record(actor=actor, action="account.link_approved", obj=person)
    return person


def link_suspend(*, actor: User, municipality_id: int, user_id: int) -> User:
    """The office suspends a link: the person stays linked and sees nothing until the
    office approves again (a coordinator's consent cannot lift it). The lead role ends
    with it."""
    if actor.pk == user_id:
        raise ValidationError(_("Sie können Ihre eigene Zuordnung nicht ändern."))
    with transaction.atomic():
        person = _linked_person(pk=user_id, municipality_id=municipality_id)
        if person.municipality_suspended_at is not None:
            return person
        # The approval goes too, so that every query that asks for approved people
        # (mails, reminders, the network) leaves the suspended person out.
        person.municipality_suspended_at = timezone.now()
        person.municipality_approved_at = None
        person.municipality_lead = False
        person.save(
            update_fields=[
                "municipality_suspended_at",
                "municipality_approved_at",
                "municipality_lead",
            ]
        )
        account_changed.notify(user=person)
        audit_record(actor=actor, action="account.link_suspended", obj=person)
    return person


def link_remove(*, actor: User, municipality_id: int, user_id: int) -> User:
    """The office ends a person's link to the municipality (for instance a squatter's).
    Drafts and records stay with the municipality."""
    if actor.pk == user_id:
        raise ValidationError(_("Sie können Ihre eigene Zuordnung nicht ändern."))
    with transaction.atomic():
        person = _linked_person(pk=user_id, municipality_id=municipality_id)
        key = person.municipality.key
        person_unlink(person)
        audit_record(
            actor=actor,
            action="account.link_removed",
            obj=person,
            changes={"municipality": [key, None]},
        )
    return person


def link_make_lead(*, actor: User, municipality_id: int, user_id: int) -> User:
    """The office makes an approved coordinator the municipality's lead coordinator;
    the previous lead keeps their approved link."""
    with transaction.atomic():
        person = _linked_person(pk=user_id, municipality_id=municipality_id)
        if person.municipality_lead:
            return person
        if person.role != Role.COORDINATOR or person.approved_municipality_id is None:
            raise ValidationError(
                _("Federführend kann nur eine bestätigte Koordination sein."), code="not_approved"
            )
        previous = list(
            User.objects.select_for_update()
            .filter(municipality_id=municipality_id, municipality_lead=True)
            .values_list("pk", flat=True)
        )
        User.objects.filter(pk__in=previous).update(municipality_lead=False)
        person.municipality_lead = True
        person.save(update_fields=["municipality_lead"])
        audit_record(
            actor=actor,
            action="account.lead_changed",
            obj=person,
            changes={"lead": [previous[0] if previous else None, person.pk]},
        )
    return person
