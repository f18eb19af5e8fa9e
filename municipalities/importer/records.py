"""The neutral record both file formats are read into, and the checks they share."""

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

LAND = "land"
KREIS = "kreis"
GEMEINDE = "gemeinde"

KREIS_KINDS = frozenset({"41", "42", "43", "44", "45"})
GEMEINDE_KINDS = frozenset({"60", "61", "62", "63", "64", "65", "66", "67"})
URBANISATION_CODES = frozenset({"01", "02", "03"})
# Satzarten the register uses but the platform does not keep (Regierungsbezirk,
# Region, Gemeindeverband): read, checked for shape, then left out.
SKIPPED_RECORD_TYPES = frozenset({"20", "30", "50"})
KNOWN_RECORD_TYPES = frozenset({"10", "40", "60"}) | SKIPPED_RECORD_TYPES

# Fields a format may or may not carry. A format that lacks one (GV100AD has no
# coordinates) leaves the stored value alone instead of blanking it.
OPTIONAL_FIELDS = frozenset({"latitude", "longitude", "urbanisation"})

_DECIMAL = re.compile(r"-?\d+(\.\d+)?")


class RegisterImportError(ValueError):
    """A file the register cannot take; ``message`` is German and names the line."""

    def __init__(self, message: str, *, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass(frozen=True)
class RegisterRecord:
    """One Land, Kreis or Gemeinde as the file states it, before it meets the database.

    ``key`` is the official code as a string (2 digits for a Land, 5 for a Kreis, the
    8-digit AGS for a Gemeinde); ``line`` is where it stood, for error messages.
    """

    line: int
    level: str
    key: str
    name: str
    land_code: str
    kind: str = ""
    ars: str = ""
    kreis_key: str = ""
    population: int | None = None
    area_km2: Decimal | None = None
    postal_code: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    urbanisation: str = ""


@dataclass
class ParsedRegister:
    file_format: str
    records: list[RegisterRecord]
    provided_fields: frozenset[str] = OPTIONAL_FIELDS
    reference_date: dt.date | None = None
    lines_read: int = 0
    skipped: int = 0


def line_error(line: int, message: str, **params) -> RegisterImportError:
    return RegisterImportError(
        _("Zeile %(line)s: %(message)s") % {"line": line, "message": message % params},
        line=line,
    )


def parse_code(raw: str, *, length: int, label: str, line: int) -> str:
    """A code part with its leading zeros, e.g. Kreis "01"; digits only, exact length."""
    value = raw.strip()
    if len(value) != length or not (value.isascii() and value.isdigit()):
        raise line_error(
            line,
            _("%(label)s „%(value)s“ ist ungültig (erwartet: %(length)s Ziffern)."),
            label=label,
            value=value,
            length=length,
        )
    return value


def parse_int(raw: str, *, label: str, line: int, required: bool) -> int | None:
    """A whole number; spaces are thousands separators ("3 669 491")."""
    value = raw.replace(" ", "").replace("\u00a0", "")
    if not value:
        if required:
            raise line_error(line, _("%(label)s fehlt."), label=label)
        return None
    if not (value.isascii() and value.isdigit()):
        raise line_error(
            line, _("%(label)s „%(value)s“ ist keine Zahl."), label=label, value=raw.strip()
        )
    number = int(value)
    if number > 2_000_000_000:
        raise line_error(
            line, _("%(label)s „%(value)s“ ist zu groß."), label=label, value=raw.strip()
        )
    return number


def parse_decimal(
    raw: str, *, label: str, line: int, places: int, limit: Decimal, required: bool = False
) -> Decimal | None:
    """A decimal with point or comma ("53.02", "9,43751"), rounded to ``places``."""
    value = raw.replace(" ", "").replace("\u00a0", "").replace(",", ".")
    if not value:
        if required:
            raise line_error(line, _("%(label)s fehlt."), label=label)
        return None
    if not _DECIMAL.fullmatch(value):
        raise line_error(
            line, _("%(label)s „%(value)s“ ist keine Zahl."), label=label, value=raw.strip()
        )
    try:
        number = Decimal(value).quantize(Decimal(1).scaleb(-places))
    except InvalidOperation as exc:
        raise line_error(
            line, _("%(label)s „%(value)s“ ist keine Zahl."), label=label, value=raw.strip()
        ) from exc
    if abs(number) > limit:
        raise line_error(
            line,
            _("%(label)s „%(value)s“ liegt außerhalb des zulässigen Bereichs."),
            label=label,
            value=raw.strip(),
        )
    return number


def parse_postal_code(raw: str, *, line: int) -> str:
    value = raw.strip()
    if value and (len(value) != 5 or not (value.isascii() and value.isdigit())):
        raise line_error(line, _("Postleitzahl „%(value)s“ ist ungültig."), value=value)
    return value


def parse_kind(raw: str, *, level: str, line: int) -> str:
    value = raw.strip()
    allowed = KREIS_KINDS if level == KREIS else GEMEINDE_KINDS
    if value not in allowed:
        message = (
            _("Textkennzeichen „%(value)s“ ist für einen Kreis nicht zulässig.")
            if level == KREIS
            else _("Textkennzeichen „%(value)s“ ist für eine Gemeinde nicht zulässig.")
        )
        raise line_error(line, message, value=value)
    return value


def parse_name(raw: str, *, line: int) -> str:
    value = " ".join(raw.split())
    if not value:
        raise line_error(line, _("Der Name fehlt."))
    if len(value) > 200:
        raise line_error(line, _("Der Name ist länger als 200 Zeichen."))
    return value


def unknown_record_type(raw: str, *, line: int) -> RegisterImportError:
    return line_error(line, _("Unbekannte Satzart „%(value)s“."), value=raw.strip())


def outside_any_kreis(record: RegisterRecord) -> bool:
    """The register has a few uninhabited areas that belong to no Kreis (coastal waters,
    the German-Luxembourg condominium): Kreis part "000" and kind 65/66."""
    return record.kreis_key[2:] == "000" and record.kind in {"65", "66"}


def check_register(records: list[RegisterRecord]) -> None:
    """Refuse a register whose parts do not fit together: duplicates, orphans, nothing.

    Every Kreis and Gemeinde needs its Land, and every Gemeinde its Kreis, in the same
    file, so that an import never leaves a Gemeinde pointing at a Kreis of another year
    (except the few areas outside any Kreis, see ``outside_any_kreis``).
    """
    if not records:
        raise RegisterImportError(_("Die Datei enthält keine Länder, Kreise oder Gemeinden."))
    seen: dict[str, int] = {}
    lands = set()
    kreise = set()
    for record in records:
        first = seen.setdefault(f"{record.level}:{record.key}", record.line)
        if first != record.line:
            raise line_error(
                record.line,
                _("Der Schlüssel „%(key)s“ kommt mehrfach vor (zuerst in Zeile %(first)s)."),
                key=record.key,
                first=first,
            )
        if record.level == LAND:
            lands.add(record.key)
        elif record.level == KREIS:
            kreise.add(record.key)
    for record in records:
        if record.level != LAND and record.land_code not in lands:
            raise line_error(
                record.line,
                _("Das Land „%(land)s“ von „%(name)s“ fehlt in der Datei."),
                land=record.land_code,
                name=record.name,
            )
        if (
            record.level == GEMEINDE
            and record.kreis_key not in kreise
            and not outside_any_kreis(record)
        ):
            raise line_error(
                record.line,
                _("Der Kreis „%(kreis)s“ der Gemeinde „%(name)s“ fehlt in der Datei."),
                kreis=record.kreis_key,
                name=record.name,
            )
