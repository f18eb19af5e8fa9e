"""Demo instruments and surveys with plausible answers (idempotent).

The answers are made up. One survey has fewer than five answers, so the demo shows how
a suppressed group looks.
"""

import datetime as dt
import random

from django.db import transaction
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

AGREE = [
    "trifft gar nicht zu",
    "trifft eher nicht zu",
    "teils, teils",
    "trifft eher zu",
    "trifft voll zu",
]
COMPETENCE = ["sehr unsicher", "eher unsicher", "mittel", "eher sicher", "sehr sicher"]

L, S, M, N, T = ItemType.LIKERT, ItemType.SINGLE, ItemType.MULTIPLE, ItemType.NUMBER, ItemType.TEXT

INSTRUMENTS = {
    "feedback-modul": (
        "Rückmeldung nach einem Schulungsmodul",
        "Ihre Einschätzung hilft, das Modul weiterzuentwickeln.",
        [
            (
                "Wie Sie die Schulung erlebt haben",
                [
                    ("inhalt_verstaendlich", "Die Inhalte waren verständlich.", L, True, AGREE),
                    (
                        "atmosphaere",
                        "Ich konnte offen sprechen und Fragen stellen.",
                        L,
                        True,
                        AGREE,
                    ),
                    ("weiterempfehlen", "Ich würde die Schulung weiterempfehlen.", L, True, AGREE),
                ],
            ),
            (
                "Was Sie mitnehmen",
                [
                    (
                        "routinen_erkennen",
                        "Ich erkenne jetzt besser, wo Verwaltungsroutinen Menschen "
                        "benachteiligen können.",
                        L,
                        True,
                        AGREE,
                    ),
                    (
                        "naechster_schritt",
                        "Ich habe einen konkreten nächsten Schritt für meine Arbeit.",
                        S,
                        False,
                        ["ja", "noch nicht", "weiß nicht"],
                    ),
                    ("anregung", "Was sollten wir an der Schulung ändern?", T, False, []),
                ],
            ),
        ],
    ),
    "selbsteinschaetzung": (
        "Selbsteinschätzung: rassismuskritisches Verwaltungshandeln",
        "Bitte schätzen Sie sich vor und nach der Schulung ein. Es gibt kein Richtig oder Falsch.",
        [
            (
                "Wie sicher fühlen Sie sich?",
                [
                    (
                        "begriffe",
                        "Ich kann erklären, was institutioneller Rassismus ist.",
                        L,
                        True,
                        COMPETENCE,
                    ),
                    (
                        "ermessen",
                        "Ich erkenne, wo ich bei Entscheidungen Ermessen habe und wie ich es "
                        "diskriminierungssensibel nutze.",
                        L,
                        True,
                        COMPETENCE,
                    ),
                    (
                        "ansprechen",
                        "Ich spreche diskriminierende Abläufe im Team an.",
                        L,
                        True,
                        COMPETENCE,
                    ),
                    (
                        "beschwerde",
                        "Ich weiß, wohin sich Betroffene mit einer Beschwerde wenden können.",
                        L,
                        True,
                        COMPETENCE,
                    ),
                ],
            )
        ],
    ),
    "feedback-empowerment": (
        "Rückmeldung nach einem Empowerment-Workshop",
        "Der Workshop war ein geschützter Raum. Ihre Antworten bleiben anonym.",
        [
            (
                "Ihr Eindruck",
                [
                    ("gestaerkt", "Ich fühle mich nach dem Workshop gestärkt.", L, True, AGREE),
                    ("raum_sicher", "Der Raum hat sich sicher angefühlt.", L, True, AGREE),
                    (
                        "themen",
                        "Welche Themen waren für Sie wichtig?",
                        M,
                        False,
                        [
                            "Umgang mit Rassismuserfahrungen",
                            "Vernetzung",
                            "Karriere und Aufstieg",
                            "Rechte und Beschwerdewege",
                        ],
                    ),
                    ("wunsch", "Was wünschen Sie sich für das Netzwerk?", T, False, []),
                ],
            )
        ],
    ),
    "jahresbefragung-koordination": (
        "Jährliche Befragung der Koordinationen",
        "Wie läuft das Programm in Ihrer Kommune? Die Antworten fließen in den Jahresbericht.",
        [
            (
                "Rückhalt und Ressourcen",
                [
                    (
                        "rueckhalt_leitung",
                        "Die Verwaltungsspitze unterstützt das Programm sichtbar.",
                        L,
                        True,
                        AGREE,
                    ),
                    (
                        "zeit",
                        "Wie viele Stunden im Monat arbeiten Sie für das Programm?",
                        N,
                        True,
                        [],
                    ),
                    (
                        "fachbeirat",
                        "Der lokale Fachbeirat bringt die Perspektive Betroffener wirksam ein.",
                        L,
                        True,
                        AGREE,
                    ),
                    ("hindernis", "Was hindert Sie am meisten?", T, False, []),
                ],
            )
        ],
    ),
}

TEXTS = [
    "Mehr Zeit für Fallbeispiele aus dem eigenen Amt.",
    "Mehr Übungen in kleinen Gruppen.",
    "Die Beispiele aus dem Bürgeramt waren sehr hilfreich.",
    "Gern eine Folgeveranstaltung in einem halben Jahr.",
    "Unterlagen vorher verschicken.",
]


@transaction.atomic
def ensure_demo_instruments() -> dict[str, InstrumentVersion]:
    """The four demo instruments, each with a published version 1."""
    versions = {}
    for code, (title, description, sections) in INSTRUMENTS.items():
        instrument, created = Instrument.objects.get_or_create(
            code=code, defaults={"title": title, "description": description}
        )
        version, _ = InstrumentVersion.objects.get_or_create(instrument=instrument, number=1)
        if created or not version.items.exists():
            for position, (heading, items) in enumerate(sections, start=1):
                section = Section.objects.create(version=version, position=position, title=heading)
                for item_position, (key, text, type_, required, options) in enumerate(items, 1):
                    Item.objects.create(
                        version=version,
                        section=section,
                        position=item_position,
                        key=key,
                        text=text,
                        type=type_,
                        required=required,
                        options=options,
                    )
        if version.is_draft:
            version.published_at = timezone.now()
            version.save(update_fields=["published_at"])
        versions[code] = version
    return versions


def _value(item: Item, rng: random.Random, lean: int):
    if item.type == ItemType.LIKERT:
        return max(1, min(len(item.options), lean + rng.choice([-1, 0, 0, 1])))
    if item.type == ItemType.SINGLE:
        return rng.choice([1, 1, 2, 3])
    if item.type == ItemType.MULTIPLE:
        return sorted(rng.sample(range(1, len(item.options) + 1), rng.choice([1, 2])))
    if item.type == ItemType.NUMBER:
        return rng.choice([8, 10, 12, 16, 20])
    return rng.choice(TEXTS)


def _answer(survey: Survey, *, count: int, seed: int, lean: int = 4, codes=None) -> None:
    rng = random.Random(seed)
    items = list(survey.version.items.all())
    for index in range(count):
        code = codes[index] if codes else ""
        response = Response.objects.create(
            survey=survey,
            pair_hash=answering.pair_hash(survey=survey, code=code) if code else "",
        )
        Answer.objects.bulk_create(
            Answer(response=response, item=item, value=_value(item, rng, lean))
            for item in items
            if item.required or rng.random() < 0.8
        )


def _survey(title, version, *, answers=0, seed=0, lean=4, codes=None, **fields) -> Survey:
    survey = Survey.objects.filter(title=title, version=version).first()
    if survey is not None:
        return survey
    if fields["closes_at"] <= timezone.now():
        # Ended long ago: closed at its end, as the scheduled close would have done.
        fields.setdefault("closed_at", fields["closes_at"])
    survey = Survey.objects.create(title=title, version=version, **fields)
    if answers:
        _answer(survey, count=answers, seed=seed, lean=lean, codes=codes)
    return survey


@transaction.atomic
def ensure_demo_surveys(*, call, municipalities) -> list[Survey]:
    """Surveys of the demo cohort with answers; the surveys with answers are closed, since
    results appear only then. The first municipality also has a survey open now (no
    figures shown yet), the second one with only three answers (shown as suppressed)."""
    from network.models import Workshop
    from trainings.models import TrainingSession

    versions = ensure_demo_instruments()
    municipalities = list(municipalities)
    if not municipalities:
        return []
    now = timezone.now()
    past = {"opens_at": now - dt.timedelta(days=60), "closes_at": now - dt.timedelta(days=30)}
    current = {"opens_at": now - dt.timedelta(days=1), "closes_at": now + dt.timedelta(days=30)}
    surveys = []
    feedback = versions["feedback-modul"]
    for index, municipality in enumerate(municipalities[:2]):
        session = (
            TrainingSession.objects.filter(call=call, municipality=municipality)
            .select_related("module_version")
            .order_by("starts_at")
            .first()
        )
        target = (
            {
                "target_kind": TargetKind.SESSION,
                "target_id": session.pk,
                "module": session.module_version.module,
            }
            if session
            else {"target_kind": TargetKind.MUNICIPALITY, "target_id": municipality.pk}
        )
        surveys.append(
            _survey(
                f"Rückmeldung Grundlagenschulung {municipality.name}",
                feedback,
                answers=12 if index == 0 else 3,
                seed=index + 1,
                phase=Phase.SINGLE,
                call=call,
                municipality=municipality,
                **target,
                **past,
            )
        )
    first = municipalities[0]
    surveys.append(
        _survey(
            f"Rückmeldung Vertiefungsschulung {first.name}",
            feedback,
            phase=Phase.SINGLE,
            target_kind=TargetKind.MUNICIPALITY,
            target_id=first.pk,
            call=call,
            municipality=first,
            **current,
        )
    )
    assessment = versions["selbsteinschaetzung"]
    codes = ["sonne7", "kiefer12", "blau44", "fluss3", "berg9", "mond21"]
    before = _survey(
        f"Selbsteinschätzung vorher {first.name}",
        assessment,
        answers=6,
        seed=11,
        lean=2,
        codes=codes,
        phase=Phase.PRE,
        target_id=first.pk,
        opens_at=now - dt.timedelta(days=90),
        closes_at=now - dt.timedelta(days=80),
        call=call,
        municipality=first,
        target_kind=TargetKind.MUNICIPALITY,
    )
    after = _survey(
        f"Selbsteinschätzung nachher {first.name}",
        assessment,
        answers=6,
        seed=12,
        lean=4,
        codes=codes,
        phase=Phase.POST,
        pair_with=before,
        target_id=first.pk,
        **past,
        call=call,
        municipality=first,
        target_kind=TargetKind.MUNICIPALITY,
    )
    surveys += [before, after]
    workshop = Workshop.objects.filter(call=call).order_by("starts_at").first()
    surveys.append(
        _survey(
            "Rückmeldung Empowerment-Workshop",
            versions["feedback-empowerment"],
            answers=7,
            seed=21,
            phase=Phase.SINGLE,
            target_kind=TargetKind.WORKSHOP if workshop else TargetKind.EVENT,
            target_id=workshop.pk if workshop else None,
            call=call,
            municipality=workshop.municipality if workshop else None,
            **past,
        )
    )
    surveys.append(
        _survey(
            "Jahresbefragung der Koordinationen",
            versions["jahresbefragung-koordination"],
            answers=len(municipalities) if len(municipalities) >= 5 else 0,
            seed=31,
            phase=Phase.SINGLE,
            target_kind=TargetKind.PROGRAMME,
            call=call,
            **past,
        )
    )
    return surveys
