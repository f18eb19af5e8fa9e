"""The register as CSV ("AuszugGV4QAktuell", see data/gemeindeverzeichnis/README.md).

One row per unit, 20 columns, a header row. Numbers use a space as thousands separator
("3 669 491"), the area a decimal point, coordinates a decimal comma ("13,405538").
Codes keep their leading zeros.
"""

import csv
import io
from decimal import Decimal

from django.utils.translation import gettext as _

from municipalities.importer.records import (
    GEMEINDE,
    KNOWN_RECORD_TYPES,
    KREIS,
    LAND,
    OPTIONAL_FIELDS,
    URBANISATION_CODES,
    ParsedRegister,
    RegisterImportError,
    RegisterRecord,
    line_error,
    parse_code,
    parse_decimal,
    parse_int,
    parse_kind,
    parse_name,
    parse_postal_code,
    unknown_record_type,
)

CSV_FORMAT = "csv"
COLUMNS = (
    "satzart",
    "textkennzeichen",
    "land",
    "rb",
    "kreis",
    "vb",
    "gemeinde",
    "gemeindename",
    "flaeche",
    "bevoelkerung",
    "maennlich",
    "weiblich",
    "jekm2",
    "postleitzahl",
    "laengengrad",
    "breitengrad",
    "schluessel",
    "bezeichnung",
    "verstaedterungschluessel",
    "verstaedterungbezeichnung",
)
_INDEX = {name: i for i, name in enumerate(COLUMNS)}


def looks_like_csv(first_line: str) -> bool:
    return first_line.lstrip("\ufeff").strip().lower().startswith("satzart,")


def parse_csv(text: str) -> ParsedRegister:
    """Read the whole CSV text; raise ``RegisterImportError`` at the first bad row."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    try:
        header = next(reader, None)
        if header is None:
            raise RegisterImportError(_("Die Datei ist leer."))
        if tuple(column.strip().lower() for column in header) != COLUMNS:
            raise line_error(
                1,
                _("Die Kopfzeile entspricht nicht dem Gemeindeverzeichnis; erwartet: %(columns)s."),
                columns=",".join(COLUMNS),
            )
        records = []
        skipped = 0
        for row in reader:
            if not row or not "".join(row).strip():
                continue
            record = _parse_row(row, reader.line_num)
            if record is None:
                skipped += 1
            else:
                records.append(record)
    except csv.Error as exc:
        raise line_error(
            reader.line_num, _("Die Zeile ist kein gültiges CSV (%(reason)s)."), reason=exc
        ) from exc
    return ParsedRegister(
        file_format=CSV_FORMAT,
        records=records,
        provided_fields=OPTIONAL_FIELDS,
        lines_read=reader.line_num,
        skipped=skipped,
    )


def _parse_row(row: list[str], line: int) -> RegisterRecord | None:
    if len(row) != len(COLUMNS):
        raise line_error(
            line,
            _("Die Zeile hat %(count)s Spalten, erwartet werden %(expected)s."),
            count=len(row),
            expected=len(COLUMNS),
        )

    def col(name: str) -> str:
        return row[_INDEX[name]]

    record_type = col("satzart").strip()
    if record_type not in KNOWN_RECORD_TYPES:
        raise unknown_record_type(record_type, line=line)
    name = parse_name(col("gemeindename"), line=line)
    land = parse_code(col("land"), length=2, label=_("Landesschlüssel"), line=line)
    if record_type == "10":
        return RegisterRecord(line=line, level=LAND, key=land, name=name, land_code=land)
    if record_type not in {"40", "60"}:
        return None
    kreis_key = (
        land
        + parse_code(col("rb"), length=1, label=_("Regierungsbezirk"), line=line)
        + parse_code(col("kreis"), length=2, label=_("Kreisschlüssel"), line=line)
    )
    if record_type == "40":
        return RegisterRecord(
            line=line,
            level=KREIS,
            key=kreis_key,
            ars=kreis_key,
            name=name,
            land_code=land,
            kind=parse_kind(col("textkennzeichen"), level=KREIS, line=line),
        )
    verband = parse_code(col("vb"), length=4, label=_("Gemeindeverbandsschlüssel"), line=line)
    gemeinde = parse_code(col("gemeinde"), length=3, label=_("Gemeindeschlüssel"), line=line)
    urbanisation = col("verstaedterungschluessel").strip()
    if urbanisation and urbanisation not in URBANISATION_CODES:
        raise line_error(
            line, _("Verstädterungsschlüssel „%(value)s“ ist ungültig."), value=urbanisation
        )
    return RegisterRecord(
        line=line,
        level=GEMEINDE,
        key=kreis_key + gemeinde,
        ars=kreis_key + verband + gemeinde,
        name=name,
        land_code=land,
        kreis_key=kreis_key,
        kind=parse_kind(col("textkennzeichen"), level=GEMEINDE, line=line),
        population=parse_int(
            col("bevoelkerung"), label=_("Einwohnerzahl"), line=line, required=True
        ),
        area_km2=parse_decimal(
            col("flaeche"),
            label=_("Fläche"),
            line=line,
            places=2,
            limit=Decimal("9999999.99"),
            required=True,
        ),
        postal_code=parse_postal_code(col("postleitzahl"), line=line),
        longitude=parse_decimal(
            col("laengengrad"), label=_("Längengrad"), line=line, places=6, limit=Decimal(180)
        ),
        latitude=parse_decimal(
            col("breitengrad"), label=_("Breitengrad"), line=line, places=6, limit=Decimal(90)
        ),
        urbanisation=urbanisation,
    )
