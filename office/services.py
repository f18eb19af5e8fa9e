import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.audit import audit_record, object_changes
from core.models import Page

PAGE_FIELDS = ("title_de", "title_en", "body_de", "body_en")

PAGE_CONFLICT = _(
    "Diese Seite wurde inzwischen von einer anderen Person geändert. Ihre Änderungen "
    "wurden nicht gespeichert, stehen aber noch im Formular. Bitte vergleichen Sie mit "
    "der aktuellen Fassung unten; wenn Sie erneut speichern, ersetzen Ihre Eingaben "
    "diese Fassung."
)


@transaction.atomic
def page_update(
    *,
    slug: str,
    actor: User,
    loaded_updated_at: dt.datetime | None,
    title_de: str,
    title_en: str,
    body_de: str,
    body_en: str,
) -> tuple[Page, bool]:
    """Save the office's edit of a page; returns the page and whether anything changed.

    ``loaded_updated_at`` is the version the editor started from (None: the page did not
    exist yet). If someone saved in between, nothing is written and a ValidationError
    with code ``conflict`` is raised, so no edit silently overwrites another.
    """
    if slug not in Page.Slug.values:
        raise ValidationError(_("Diese Seite gibt es nicht."), code="invalid")
    new = {"title_de": title_de, "title_en": title_en, "body_de": body_de, "body_en": body_en}

    if loaded_updated_at is None:
        page, created = Page.objects.get_or_create(slug=slug, defaults={**new, "updated_by": actor})
        if not created:
            raise ValidationError(PAGE_CONFLICT, code="conflict")
        audit_record(
            actor=actor,
            action="page_created",
            obj=page,
            changes={f: ["", v] for f, v in new.items() if v},
        )
        return page, True

    page = Page.objects.filter(slug=slug).first()
    if page is None or page.updated_at != loaded_updated_at:
        raise ValidationError(PAGE_CONFLICT, code="conflict")
    changes = object_changes(page, new)
    if not changes:
        return page, False
    # Compare-and-set: the row is written only if nobody saved since it was loaded.
    now = timezone.now()
    written = Page.objects.filter(pk=page.pk, updated_at=loaded_updated_at).update(
        **new, updated_at=now, updated_by=actor
    )
    if written != 1:
        raise ValidationError(PAGE_CONFLICT, code="conflict")
    page.refresh_from_db()
    audit_record(actor=actor, action="page_updated", obj=page, changes=changes)
    return page, True
