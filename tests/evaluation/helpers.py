"""Builders for evaluation tests: a small published instrument and surveys with answers."""

import datetime as dt

from django.conf import settings
from django.utils import timezone

from evaluation import answering
from evaluation.models import (
    Answer,
    Instrument,
    InstrumentVersion,
    Item,
    ItemType,
    Phase,
    Response,
    Section,
    Survey,
    TargetKind,
)

AGREE = ["gar nicht", "eher nicht", "teils", "eher", "voll"]


def instrument(code="test", *, published=True) -> InstrumentVersion:
    """Version 1 with a Likert item ``klar``, a multiple choice ``themen``, a number
    ``stunden`` and a free text ``anregung``."""
    owner = Instrument.objects.create(code=code, title=f"Instrument {code}")
    version = InstrumentVersion.objects.create(
        instrument=owner, number=1, published_at=timezone.now() if published else None
    )
    section = Section.objects.create(version=version, position=1, title="Teil 1")
    for position, (key, type_, required, options) in enumerate(
        [
            ("klar", ItemType.LIKERT, True, AGREE),
            ("themen", ItemType.MULTIPLE, False, ["A", "B", "C"]),
            ("stunden", ItemType.NUMBER, False, []),
            ("anregung", ItemType.TEXT, False, []),
        ],
        start=1,
    ):
        Item.objects.create(
            version=version,
            section=section,
            position=position,
            key=key,
            text=f"Frage {key}",
            type=type_,
            required=required,
            options=options,
        )
    return version


def item(version, key) -> Item:
    return version.items.get(key=key)


def survey(
    version,
    *,
    municipality=None,
    module=None,
    phase=Phase.SINGLE,
    pair_with=None,
    opens_at=None,
    title="Befragung",
    call=None,
    closed=False,
) -> Survey:
    """A survey open for 30 days from ``opens_at`` (default: yesterday); ``closed`` ends
    and closes it longer ago than the settling time at the latest, so its results are
    shown."""
    opens_at = opens_at or timezone.now() - dt.timedelta(days=1)
    closes_at = opens_at + dt.timedelta(days=30)
    closed_at = None
    if closed:
        closes_at = min(closes_at, settled_ago())
        closed_at = closes_at
    return Survey.objects.create(
        version=version,
        title=title,
        phase=phase,
        pair_with=pair_with,
        target_kind=TargetKind.MUNICIPALITY,
        target_id=municipality.pk if municipality else None,
        municipality=municipality,
        module=module,
        call=call,
        opens_at=opens_at,
        closes_at=closes_at,
        closed_at=closed_at,
    )


def settled_ago() -> dt.datetime:
    """A moment longer ago than the settling time."""
    return timezone.now() - dt.timedelta(minutes=settings.EVALUATION_SETTLING_MINUTES + 1)


def closed_survey(version, **fields) -> Survey:
    return survey(version, closed=True, **fields)


def close(survey) -> None:
    """End and close ``survey`` longer ago than the settling time, as after its
    answering period."""
    survey.closes_at = survey.closed_at = settled_ago()
    survey.save(update_fields=["closes_at", "closed_at"])


def answer(survey, count, *, klar=4, text="", codes=None, themen=None) -> None:
    """``count`` responses with ``klar`` = the given value (and free text if given)."""
    version = survey.version
    for index in range(count):
        code = codes[index] if codes else ""
        response = Response.objects.create(
            survey=survey,
            pair_hash=answering.pair_hash(survey=survey, code=code),
        )
        Answer.objects.create(response=response, item=item(version, "klar"), value=klar)
        if text:
            Answer.objects.create(response=response, item=item(version, "anregung"), value=text)
        if themen:
            Answer.objects.create(response=response, item=item(version, "themen"), value=themen)
