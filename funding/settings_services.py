"""The office's deadline settings for the proofs of use."""

import calendar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.audit import audit_record, object_changes
from funding.models import FundingSettings

# A common year: the deadline must exist every year, so 29 February is refused.
COMMON_YEAR = 2023
FINAL_DUE_MONTHS_MAX = 36
REMINDER_DAYS_MAX = 90


@transaction.atomic
def funding_settings_set(
    *,
    interim_due_month: int,
    interim_due_day: int,
    final_due_months: int,
    reminder_days: int,
    actor,
) -> FundingSettings:
    errors = {}
    if not 1 <= interim_due_month <= 12:
        errors["interim_due_month"] = _("Bitte wählen Sie einen Monat.")
    elif not 1 <= interim_due_day <= calendar.monthrange(COMMON_YEAR, interim_due_month)[1]:
        errors["interim_due_day"] = _(
            "Diesen Tag gibt es nicht in jedem Jahr in diesem Monat; bitte wählen Sie einen "
            "Tag bis zum %(last)d."
        ) % {"last": calendar.monthrange(COMMON_YEAR, interim_due_month)[1]}
    if not 0 <= final_due_months <= FINAL_DUE_MONTHS_MAX:
        errors["final_due_months"] = _("Bitte geben Sie zwischen 0 und %(max)d Monaten an.") % {
            "max": FINAL_DUE_MONTHS_MAX
        }
    if not 1 <= reminder_days <= REMINDER_DAYS_MAX:
        errors["reminder_days"] = _("Bitte geben Sie zwischen 1 und %(max)d Tagen an.") % {
            "max": REMINDER_DAYS_MAX
        }
    if errors:
        raise ValidationError(errors)
    FundingSettings.objects.get_or_create(pk=1)
    config = FundingSettings.objects.select_for_update().get(pk=1)
    after = {
        "interim_due_month": interim_due_month,
        "interim_due_day": interim_due_day,
        "final_due_months": final_due_months,
        "reminder_days": reminder_days,
    }
    changes = object_changes(config, after)
    if not changes:
        return config
    for name, (_old, new) in changes.items():
        setattr(config, name, new)
    config.save(update_fields=list(changes))
    audit_record(actor=actor, action="funding.settings_changed", obj=config, changes=changes)
    return config
