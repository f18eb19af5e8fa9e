"""The official fixed-width register of Destatis, "GV100AD" (GV-ISys, administrative part).

One line per unit; positions are characters, counted from 1 (UTF-8 since about 2019,
ISO-8859-1 before). The layout, as published with the file and as read by the public
readers of the format:

=========  ==========================================================================
Columns    Content
=========  ==========================================================================
1–2        Satzart: 10 Land, 20 Regierungsbezirk, 30 Region (Baden-Württemberg),
           40 Kreis, 50 Gemeindeverband, 60 Gemeinde
3–10       Gebietsstand, JJJJMMTT
11–12      Land
13         Regierungsbezirk
14–15      Kreis
16–18      Gemeinde (Satzart 60; 11–18 together are the AGS)
19–22      Gemeindeverband (Satzart 50 and 60; ARS = 11–15 + 19–22 + 16–18)
23–72      Name
73–122     Sitz der Verwaltung (Satzart 10–50)
123–124    Textkennzeichen (Satzart 40, 50, 60)
129–139    Fläche in Hektar, 11 Ziffern (Satzart 60)
140–150    Bevölkerung insgesamt, 11 Ziffern (Satzart 60)
151–161    Bevölkerung männlich (not read)
166–170    Postleitzahl des Verwaltungssitzes (Satzart 60)
171–175    Marker "*****" if the Gemeinde has several postal codes (not read)
=========  ==========================================================================

The file has no coordinates and no degree of urbanisation, so an import from it leaves
those stored values as they are. Kreise carry no area or population; like the CSV,
they are summed from the Gemeinden.
"""

import datetime as dt
import re
from decimal import Decimal

from django.utils.translation import gettext as _

from municipalities.importer.records import (
    GEMEINDE,
    KNOWN_RECORD_TYPES,
    KREIS,
    LAND,
    ParsedRegister,
    RegisterImportError,
    RegisterRecord,
    line_error,
    parse_code,
    parse_int,
    parse_kind,
    parse_name,
    parse_postal_code,
    unknown_record_type,
)

GV100AD_FORMAT = "gv100ad"
LINE_WIDTH = 220
# Zero-based slices of the columns above.
RECORD_TYPE = slice(0, 2)
REFERENCE_DATE = slice(2, 10)
LAND_CODE = slice(10, 12)
RB_CODE = slice(12, 13)
KREIS_CODE = slice(13, 15)
GEMEINDE_CODE = slice(15, 18)
VERBAND_CODE = slice(18, 22)
NAME = slice(22, 72)
KIND = slice(122, 124)
AREA_HA = slice(128, 139)
POPULATION = slice(139, 150)
POSTAL_CODE = slice(165, 170)

# What the area field (km², two places) can hold.
MAX_AREA_HA = 999_999_999
_START = re.compile(r"\d{10}")


def looks_like_gv100ad(first_line: str) -> bool:
    return bool(_START.match(first_line.lstrip("\ufeff")))


def parse_gv100ad(text: str) -> ParsedRegister:
    """Read the whole file; raise ``RegisterImportError`` at the first bad line."""
    records = []
    skipped = 0
    reference_date = None
    line_count = 0
    for number, raw in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        line_count = number
        if not raw.strip():
            continue
        line = raw.ljust(LINE_WIDTH)
        record_type = line[RECORD_TYPE]
        if record_type not in KNOWN_RECORD_TYPES:
            raise unknown_record_type(record_type, line=number)
        if len(raw.rstrip()) < NAME.start + 1:
            raise line_error(
                number,
                _("Die Zeile ist zu kurz für das GV100AD-Format (%(length)s Zeichen)."),
                length=len(raw.rstrip()),
            )
        reference_date = reference_date or _parse_date(line[REFERENCE_DATE], line=number)
        record = _parse_line(line, record_type, number)
        if record is None:
            skipped += 1
        else:
            records.append(record)
    if line_count == 0:
        raise RegisterImportError(_("Die Datei ist leer."))
    return ParsedRegister(
        file_format=GV100AD_FORMAT,
        records=records,
        provided_fields=frozenset(),
        reference_date=reference_date,
        lines_read=line_count,
        skipped=skipped,
    )


def _parse_date(raw: str, *, line: int) -> dt.date:
    try:
        return dt.datetime.strptime(raw, "%Y%m%d").date()
    except ValueError as exc:
        raise line_error(
            line, _("Gebietsstand „%(value)s“ ist kein Datum (JJJJMMTT)."), value=raw.strip()
        ) from exc


def _parse_line(line: str, record_type: str, number: int) -> RegisterRecord | None:
    land = parse_code(line[LAND_CODE], length=2, label=_("Landesschlüssel"), line=number)
    name = parse_name(line[NAME], line=number)
    if record_type == "10":
        return RegisterRecord(line=number, level=LAND, key=land, name=name, land_code=land)
    if record_type not in {"40", "60"}:
        return None
    kreis_key = (
        land
        + parse_code(line[RB_CODE], length=1, label=_("Regierungsbezirk"), line=number)
        + parse_code(line[KREIS_CODE], length=2, label=_("Kreisschlüssel"), line=number)
    )
    if record_type == "40":
        return RegisterRecord(
            line=number,
            level=KREIS,
            key=kreis_key,
            ars=kreis_key,
            name=name,
            land_code=land,
            kind=parse_kind(line[KIND], level=KREIS, line=number),
        )
    gemeinde = parse_code(line[GEMEINDE_CODE], length=3, label=_("Gemeindeschlüssel"), line=number)
    verband = parse_code(
        line[VERBAND_CODE], length=4, label=_("Gemeindeverbandsschlüssel"), line=number
    )
    area_ha = parse_int(line[AREA_HA], label=_("Fläche"), line=number, required=True)
    if area_ha > MAX_AREA_HA:
        raise line_error(number, _("Fläche „%(value)s“ ist zu groß."), value=line[AREA_HA].strip())
    return RegisterRecord(
        line=number,
        level=GEMEINDE,
        key=kreis_key + gemeinde,
        ars=kreis_key + verband + gemeinde,
        name=name,
        land_code=land,
        kreis_key=kreis_key,
        kind=parse_kind(line[KIND], level=GEMEINDE, line=number),
        population=parse_int(
            line[POPULATION], label=_("Einwohnerzahl"), line=number, required=True
        ),
        area_km2=(Decimal(area_ha) / 100).quantize(Decimal("0.01")),
        postal_code=parse_postal_code(line[POSTAL_CODE], line=number),
    )
