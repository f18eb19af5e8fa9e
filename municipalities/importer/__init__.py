"""Reading the official municipality register from its published files.

Both formats (CSV extract and fixed-width GV100AD) are read into the same neutral
``RegisterRecord``s; ``municipalities.services.register_import`` writes them.
"""

from django.utils.translation import gettext as _

from municipalities.importer.csv_format import CSV_FORMAT, looks_like_csv, parse_csv
from municipalities.importer.gv100ad import GV100AD_FORMAT, looks_like_gv100ad, parse_gv100ad
from municipalities.importer.records import (
    GEMEINDE,
    KREIS,
    LAND,
    ParsedRegister,
    RegisterImportError,
    RegisterRecord,
    check_register,
)

FORMATS = (CSV_FORMAT, GV100AD_FORMAT)

__all__ = [
    "CSV_FORMAT",
    "FORMATS",
    "GEMEINDE",
    "GV100AD_FORMAT",
    "KREIS",
    "LAND",
    "ParsedRegister",
    "RegisterImportError",
    "RegisterRecord",
    "check_register",
    "decode_register",
    "guess_format",
    "parse_register",
]


def decode_register(data: bytes) -> str:
    """Current files are UTF-8 (often with a byte-order mark); older GV100AD files are
    ISO-8859-1, which decodes any byte, so a wrong guess shows up as a format error."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("iso-8859-1")


def guess_format(text: str) -> str:
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    if not first_line:
        raise RegisterImportError(_("Die Datei ist leer."))
    if looks_like_gv100ad(first_line):
        return GV100AD_FORMAT
    if looks_like_csv(first_line) or "," in first_line:
        return CSV_FORMAT
    raise RegisterImportError(
        _(
            "Das Dateiformat wurde nicht erkannt. Erwartet wird das Gemeindeverzeichnis "
            "als CSV-Datei oder im Format GV100AD."
        )
    )


def parse_register(data: bytes, *, file_format: str = "") -> ParsedRegister:
    """Parse a whole file; ``file_format`` empty means: recognise it from the content."""
    if b"\x00" in data[:4096]:
        raise RegisterImportError(
            _("Die Datei ist keine Textdatei. Erwartet wird CSV oder GV100AD.")
        )
    text = decode_register(data)
    file_format = file_format or guess_format(text)
    if file_format == CSV_FORMAT:
        return parse_csv(text)
    if file_format == GV100AD_FORMAT:
        return parse_gv100ad(text)
    raise RegisterImportError(_("Unbekanntes Dateiformat „%(format)s“.") % {"format": file_format})
