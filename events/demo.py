"""Demo data of the events: the three dates the call names (online kick-off, kick-off of
the staff network, network meeting in Jena) with registrations from the model
municipalities and check-ins, one upcoming event open for registration and one for
invited people only, with invitations of which one led to a registration. The call's
dates are the real ones: days before the load day are held, with check-ins, later ones
are open for registration. Running it again changes nothing.

Rows are written directly rather than through the services: loading the demo must not
send e-mails.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from accounts.demo import DEMO_DOMAIN
from calls.models import Call
from events.models import (
    BERLIN,
    Attendance,
    Audience,
    Event,
    EventDay,
    Invitation,
    Registration,
    Status,
)
from events.tokens import new_token

NAMES = [
    "Amira Hassan",
    "Jonas Becker",
    "Leyla Yılmaz",
    "Tobias Wagner",
    "Mariam Osei",
    "Katrin Hoffmann",
    "Dimitri Petrov",
    "Sabine Krüger",
    "Emre Aydın",
    "Nadia Mensah",
    "Frank Schulz",
    "Ivana Horvat",
]

# key, title, description, online, place, address, audience, capacity, days, per municipality
CALL_EVENTS = [
    (
        "auftakt-online",
        "Online-Auftakt des Programms",
        "Wir stellen das Programm, die Geschäftsstelle und den Ablauf des ersten Jahres vor.",
        True,
        "",
        "",
        Audience.MODEL_MUNICIPALITIES,
        80,
        [(dt.date(2025, 11, 3), dt.time(14), dt.time(16))],
        4,
    ),
    (
        "auftakt-netzwerk",
        "Auftakt des Netzwerks der Mitarbeitenden",
        "Zwei Tage Kennenlernen, Austausch und Empowerment für Mitarbeitende mit "
        "Rassismuserfahrung aus den Modellkommunen.",
        False,
        "Tagungshaus Berlin",
        "Beispielstraße 12\n10117 Berlin",
        Audience.MODEL_MUNICIPALITIES,
        40,
        [
            (dt.date(2025, 11, 18), dt.time(10), dt.time(17)),
            (dt.date(2025, 11, 19), dt.time(9), dt.time(15)),
        ],
        3,
    ),
    (
        "netzwerktreffen-jena",
        "Netzwerktreffen in Jena",
        "Das erste Präsenztreffen aller Modellkommunen: Zwischenstand, Praxisbeispiele und "
        "kollegiale Beratung.",
        False,
        "Volkshaus Jena",
        "Carl-Zeiß-Platz 15\n07743 Jena",
        Audience.MODEL_MUNICIPALITIES,
        60,
        [
            (dt.date(2026, 4, 20), dt.time(10), dt.time(18)),
            (dt.date(2026, 4, 21), dt.time(9), dt.time(14)),
        ],
        3,
    ),
]


def _event(key, title, description, online, place, address, audience, capacity, deadline):
    event, _created = Event.objects.get_or_create(
        demo_key=key,
        defaults={
            "title": title,
            "description": description,
            "is_online": online,
            "join_link": "https://konferenz.example/kommunen-fuer-alle" if online else "",
            "place": place,
            "address": address,
            "audience": audience,
            "capacity": capacity,
            "registration_deadline": deadline,
            "published_at": timezone.now(),
        },
    )
    return event


def _register(event, n, name, municipality, status=Status.CONFIRMED):
    _token, hashed = new_token()
    registration, _created = Registration.objects.get_or_create(
        event=event,
        email=f"demo-veranstaltung-{n}@{DEMO_DOMAIN}",
        defaults={
            "name": name,
            "municipality": municipality,
            "status": status,
            "token_hash": hashed,
        },
    )
    return registration


@transaction.atomic
def ensure_demo_events(*, call: Call, municipalities) -> None:
    today = timezone.localdate()
    municipalities = list(municipalities)
    n = 0
    for key, title, text, online, place, address, audience, cap, days, per in CALL_EVENTS:
        deadline = dt.datetime.combine(days[0][0] - dt.timedelta(days=7), dt.time(12))
        event = _event(
            key, title, text, online, place, address, audience, cap, deadline.replace(tzinfo=BERLIN)
        )
        if not event.days.exists():
            EventDay.objects.bulk_create(
                EventDay(event=event, date=date, start_time=start, end_time=end)
                for date, start, end in days
            )
        held = [day for day in event.days.all() if day.date < today]
        for municipality in municipalities:
            for _ in range(per):
                name = NAMES[n % len(NAMES)]
                n += 1
                registration = _register(event, n, name, municipality)
                for day in held:
                    Attendance.objects.get_or_create(
                        registration=registration,
                        day=day,
                        defaults={"checked_in_at": day.starts_at},
                    )
    _ensure_upcoming(today=today, municipalities=municipalities, start=n)
    _ensure_invited(today=today)


def _ensure_upcoming(*, today, municipalities, start):
    date = today + dt.timedelta(days=30)
    deadline = dt.datetime.combine(today + dt.timedelta(days=21), dt.time(12), tzinfo=BERLIN)
    event = _event(
        "werkstatt",
        "Werkstatt: Rassismuskritische Verwaltungspraxis im Alltag",
        "Ein offener Nachmittag für alle Interessierten: Beispiele aus den Modellkommunen, "
        "Fragen und Austausch. Anmeldung ohne Konto möglich.",
        False,
        "Rathaus Musterstadt, Ratssaal",
        "Marktplatz 1\n12345 Musterstadt",
        Audience.EVERYONE,
        30,
        deadline,
    )
    if not event.days.exists():
        EventDay.objects.create(
            event=event, date=date, start_time=dt.time(14), end_time=dt.time(17, 30)
        )
        event.questions.create(
            label="Benötigen Sie Unterstützung für eine barrierefreie Teilnahme?"
        )
        event.questions.create(
            label="Verpflegung",
            kind="choice",
            choices="keine besonderen Wünsche\nvegetarisch\nvegan",
            position=1,
        )
    for offset, municipality in enumerate(municipalities[:3]):
        _register(event, start + offset + 1, NAMES[offset], municipality)
    # A burst of unconfirmed registrations from one client, as the office's list of
    # suspicious registrations shows it (deleted by the hourly command after a day).
    for number in range(1, 4):
        _token, hashed = new_token()
        Registration.objects.get_or_create(
            event=event,
            email=f"demo-unbestaetigt-{number}@{DEMO_DOMAIN}",
            defaults={
                "name": f"Platzhalter {number}",
                "status": Status.AWAITING_EMAIL,
                "client_burst": 3,
                "token_hash": hashed,
            },
        )


INVITEES = [
    ("Prof. Dr. Hannah Weber", "beirat-weber"),
    ("Kemal Demir", "beirat-demir"),
    ("", "beirat-gast"),
]


def _ensure_invited(*, today):
    deadline = dt.datetime.combine(today + dt.timedelta(days=14), dt.time(12), tzinfo=BERLIN)
    event = _event(
        "klausur-beirat",
        "Klausur mit dem wissenschaftlichen Beirat",
        "Ein Arbeitstag mit dem Beirat zu den ersten Ergebnissen der Begleitforschung. "
        "Teilnahme nur mit persönlicher Einladung.",
        False,
        "Geschäftsstelle, Besprechungsraum 2",
        "Beispielstraße 12\n10117 Berlin",
        Audience.INVITED,
        12,
        deadline,
    )
    if not event.days.exists():
        EventDay.objects.create(
            event=event,
            date=today + dt.timedelta(days=21),
            start_time=dt.time(10),
            end_time=dt.time(16),
        )
    for number, (name, local) in enumerate(INVITEES):
        email = f"{local}@{DEMO_DOMAIN}"
        _token, hashed = new_token()
        invitation, _created = Invitation.objects.get_or_create(
            event=event,
            email=email,
            withdrawn_at=None,
            defaults={"name": name, "token_hash": hashed, "sent_at": timezone.now()},
        )
        if number == 0 and invitation.registration_id is None:
            _token, hashed = new_token()
            invitation.registration, _created = Registration.objects.get_or_create(
                event=event,
                email=email,
                defaults={"name": name, "status": Status.CONFIRMED, "token_hash": hashed},
            )
            invitation.save(update_fields=["registration"])
