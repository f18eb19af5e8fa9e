"""Selection's answers to the hooks of the apps below it."""

from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from selection.models import Decision


def refuse_reviewers_after_release(*, call_id: int) -> None:
    """A released decision is final: new reviews could change nothing, so the call
    takes no more reviewers. Called inside the assigning transaction; the lock makes a
    release wait until the assignment is done (or the assignment wait for the release)."""
    decision = (
        Decision.objects.select_for_update()
        .filter(call_id=call_id, released_at__isnull=False)
        .first()
    )
    if decision is not None:
        raise ValidationError(
            _(
                "Die Auswahlentscheidung dieser Ausschreibung ist am %(when)s freigegeben "
                "worden. Gutachtende können nicht mehr zugewiesen werden."
            )
            % {
                "when": formats.date_format(
                    timezone.localtime(decision.released_at), "DATETIME_FORMAT"
                )
            }
        )
