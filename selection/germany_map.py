"""A small map of Germany drawn from the register itself, for the public cohort page.

The outline is the hull of all Gemeinden by latitude band: for every band of 0.1°, the
westernmost and easternmost Gemeinde. It is coarse but needs no geodata beyond the
register's coordinates. Places are projected equirectangularly with the longitude
scaled by cos(51°), which keeps Germany's proportions.
"""

import math
import threading
from dataclasses import dataclass

from django.db.models import Avg, Max

from municipalities.models import Municipality, RegisterImport

BAND = 0.1  # degrees of latitude per band
SCALE = 100  # SVG units per degree of latitude
X_FACTOR = math.cos(math.radians(51))
MARGIN = 10
# Roughly Germany's extent, used while the register has no coordinates.
FALLBACK_BOUNDS = (47.2, 55.1, 5.8, 15.1)
# Coordinates outside this box are not places in Germany: the register writes 0/0
# where it has none (e.g. for the shared German-Luxembourg territory).
PLAUSIBLE = {"lat": (46.0, 56.0), "lon": (5.0, 16.0)}


def _plausible(lat, lon) -> bool:
    if lat is None or lon is None:
        return False
    low_lat, high_lat = PLAUSIBLE["lat"]
    low_lon, high_lon = PLAUSIBLE["lon"]
    return low_lat <= float(lat) <= high_lat and low_lon <= float(lon) <= high_lon


_cache: dict = {}
_lock = threading.Lock()


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    title: str


@dataclass(frozen=True)
class GermanyMap:
    width: float
    height: float
    outline: str  # the polygon's ``points`` attribute, empty without register data
    dots: list[Dot]


@dataclass(frozen=True)
class _Outline:
    bounds: tuple[float, float, float, float]  # south, north, west, east
    points: list[tuple[float, float]]  # (latitude, longitude)


def _outline() -> _Outline:
    """Computed once per process and register import (the key costs one small query)."""
    key = RegisterImport.objects.filter(status=RegisterImport.Status.DONE).aggregate(
        last=Max("pk")
    )["last"]
    with _lock:
        if _cache.get("key", object()) == key and "outline" in _cache:
            return _cache["outline"]
    low_lat, high_lat = PLAUSIBLE["lat"]
    low_lon, high_lon = PLAUSIBLE["lon"]
    rows = Municipality.objects.filter(
        level=Municipality.Level.GEMEINDE,
        latitude__range=(low_lat, high_lat),
        longitude__range=(low_lon, high_lon),
    ).values_list("latitude", "longitude")
    bands: dict[int, list[float]] = {}
    for lat, lon in rows:
        band = math.floor(float(lat) / BAND)
        low_high = bands.setdefault(band, [float(lon), float(lon)])
        low_high[0] = min(low_high[0], float(lon))
        low_high[1] = max(low_high[1], float(lon))
    if bands:
        ordered = sorted(bands)
        west = [((b + 0.5) * BAND, bands[b][0]) for b in ordered]
        east = [((b + 0.5) * BAND, bands[b][1]) for b in reversed(ordered)]
        points = west + east
        lats = [p[0] for p in points]
        lons = [p[1] for p in points]
        bounds = (min(lats) - BAND, max(lats) + BAND, min(lons), max(lons))
        outline = _Outline(bounds=bounds, points=points)
    else:
        outline = _Outline(bounds=FALLBACK_BOUNDS, points=[])
    with _lock:
        _cache["key"] = key
        _cache["outline"] = outline
    return outline


def outline_cache_clear() -> None:
    with _lock:
        _cache.clear()


def municipality_places(
    *, municipalities: list[Municipality]
) -> list[tuple[str, float | None, float | None]]:
    """(name, latitude, longitude) for the map; a Landkreis without coordinates of its
    own (the register gives none) sits at the mean position of its Gemeinden.

    One aggregate query covers all such Kreise, and none is made without them.
    """
    low_lat, high_lat = PLAUSIBLE["lat"]
    low_lon, high_lon = PLAUSIBLE["lon"]
    kreis_ids = [
        m.pk
        for m in municipalities
        if m.level == Municipality.Level.KREIS and not _plausible(m.latitude, m.longitude)
    ]
    centres = {}
    if kreis_ids:
        centres = {
            row["kreis_id"]: (row["lat"], row["lon"])
            for row in Municipality.objects.filter(
                kreis_id__in=kreis_ids,
                latitude__range=(low_lat, high_lat),
                longitude__range=(low_lon, high_lon),
            )
            .values("kreis_id")
            .annotate(lat=Avg("latitude"), lon=Avg("longitude"))
        }
    places = []
    for m in municipalities:
        lat, lon = centres.get(m.pk, (m.latitude, m.longitude))
        places.append((m.name, lat, lon))
    return places


def germany_map(*, places: list[tuple[str, float | None, float | None]]) -> GermanyMap:
    """The outline and a dot for each (title, latitude, longitude) with coordinates."""
    outline = _outline()
    south, north, west, east = outline.bounds
    places = [(title, lat, lon) for title, lat, lon in places if _plausible(lat, lon)]
    for _title, lat, lon in places:
        south, north = min(south, float(lat)), max(north, float(lat))
        west, east = min(west, float(lon)), max(east, float(lon))

    def project(lat: float, lon: float) -> tuple[float, float]:
        x = MARGIN + (float(lon) - west) * X_FACTOR * SCALE
        y = MARGIN + (north - float(lat)) * SCALE
        return round(x, 1), round(y, 1)

    points = " ".join(f"{x},{y}" for x, y in (project(*p) for p in outline.points))
    dots = [Dot(*project(lat, lon), title=title) for title, lat, lon in places]
    width = round(2 * MARGIN + (east - west) * X_FACTOR * SCALE, 1)
    height = round(2 * MARGIN + (north - south) * SCALE, 1)
    return GermanyMap(width=width, height=height, outline=points, dots=dots)
