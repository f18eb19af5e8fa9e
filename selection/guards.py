"""When the office may act on a call's selection.

Nothing is selected before the call's application deadline: until then applications
may still come in or be withdrawn, so a run would leave out who applies late, and a
released decision would answer some applicants while others are still writing. Once
the decision is released, the rules it was made under are part of the record and stay
as they are. The services refuse with these messages; the pages show the same words
next to the buttons they disable.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from calls.models import Call
from selection.models import Decision

BERLIN = ZoneInfo("Europe/Berlin")
RUN = "run"
ADOPT = "adopt"
RELEASE = "release"


def deadline_text(*, call: Call) -> str:
    """The call's application deadline as the call's page writes it (Berlin time)."""
    moment = timezone.localtime(call.deadline, BERLIN)
    return _("%(day)s, %(time)s Uhr") % {
        "day": formats.date_format(moment, "DATE_FORMAT"),
        "time": moment.strftime("%H:%M"),
    }


def before_deadline(*, call: Call, now: dt.datetime | None = None) -> bool:
    return (now or timezone.now()) <= call.deadline


def too_early(*, call: Call, action: str, now: dt.datetime | None = None) -> str:
    """Why ``action`` (RUN, ADOPT or RELEASE) must wait for the deadline; "" once it
    has passed."""
    if not before_deadline(call=call, now=now):
        return ""
    messages = {
        RUN: _(
            "Der Auswahlassistent kann erst nach dem Bewerbungsschluss am %(when)s "
            "gestartet werden: Bis dahin können noch Bewerbungen eingehen."
        ),
        ADOPT: _(
            "Eine Auswahl kann erst nach dem Bewerbungsschluss am %(when)s übernommen "
            "werden: Bis dahin können noch Bewerbungen eingehen."
        ),
        RELEASE: _(
            "Die Entscheidung kann erst nach dem Bewerbungsschluss am %(when)s freigegeben "
            "werden: Bis dahin können noch Bewerbungen eingehen."
        ),
    }
    return messages[action] % {"when": deadline_text(call=call)}


def rules_locked(*, call: Call) -> str:
    """Why the call's rules can no longer be changed; "" while they can."""
    decision = Decision.objects.filter(call=call, released_at__isnull=False).first()
    if decision is None:
        return ""
    return rules_locked_text(decision=decision)


def rules_locked_text(*, decision: Decision) -> str:
    return _(
        "Die Entscheidung ist am %(when)s freigegeben worden. Die Auswahlregeln gehören "
        "zu ihr und können nicht mehr geändert werden."
    ) % {"when": formats.date_format(timezone.localtime(decision.released_at), "DATETIME_FORMAT")}
