"""Numbers and percentages as people read them in the language of the page: "4,08" and
"41,7 %" on German pages, "4.08" and "41.7%" on English ones.

Every number that Python code puts into a sentence, a chart or a table cell goes through
``number`` or ``percent`` (in templates the filters of the same names in ``kfa``), so that
no English decimal point slips into a German page. Exports for further calculation keep
their numbers as numbers and do not use these.
"""

from decimal import ROUND_HALF_UP, Decimal

from babel import Locale
from babel.numbers import format_decimal, format_percent
from django.conf import settings
from django.utils.translation import get_language, to_locale

Number = int | float | Decimal


def _locale() -> Locale:
    return Locale.parse(to_locale(get_language() or settings.LANGUAGE_CODE))


def _rounded(value: Number, places: int) -> Decimal:
    # Half up, as people round by hand (Babel alone would round 12.45 to 12.4).
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)


def _places(places: int, *, fixed: bool) -> str:
    if not places:
        return ""
    return "." + ("0" if fixed else "#") * places


def number(value: Number, places: int = 0, *, fixed: bool = True) -> str:
    """``value`` with thousands separators and ``places`` decimals (rounded half up);
    with ``fixed=False`` trailing zeros are dropped ("4,5" rather than "4,50")."""
    pattern = "#,##0" + _places(places, fixed=fixed)
    return format_decimal(_rounded(value, places), format=pattern, locale=_locale())


def percent(value: Number, places: int = 1) -> str:
    """``value`` given in percent (41.7 for 41.7 %) with up to ``places`` decimals,
    spaced and signed as the language writes it ("41,7 %", "41.7%")."""
    locale = _locale()
    digits = "#,##0" + _places(places, fixed=False)
    pattern = locale.percent_formats[None].pattern.replace("#,##0", digits, 1)
    return format_percent(_rounded(value, places) / 100, format=pattern, locale=locale)
