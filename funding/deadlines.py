"""When the proofs of use are due, in Europe/Berlin.

The interim proof for a year is due on a day of the following year (30 April unless the
office sets another); the final proof a number of months after the programme ends. A
deadline is kept until the end of its day, local time.
"""

import calendar
import datetime as dt

from funding.models import FundingSettings


def funding_settings() -> FundingSettings:
    """The office's settings; the defaults until the office first saves (reading
    writes nothing)."""
    return FundingSettings.objects.filter(pk=1).first() or FundingSettings(pk=1)


def _clamped(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def interim_due(*, year: int, config: FundingSettings) -> dt.date:
    return _clamped(year + 1, config.interim_due_month, config.interim_due_day)


def final_due(*, programme_end: dt.date, config: FundingSettings) -> dt.date:
    months = programme_end.month - 1 + config.final_due_months
    return _clamped(programme_end.year + months // 12, months % 12 + 1, programme_end.day)
