"""Demo applications: about forty real municipalities from every Land apply to the first
call, in every status. The answers are invented for the demo and written for it."""

import datetime as dt
import random

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from accounts.demo import demo_account_once
from accounts.models import MunicipalityClaim, Role, User
from applications.models import Answer, Application, application_reference, upload_path
from applications.selectors import questions_of_version
from applications.services import _prefill_value
from calls.models import Call, Question
from municipalities.models import Municipality

# Official keys (AGS for Gemeinden, Kreisschlüssel for Kreise), all 16 Länder.
DEMO_APPLICANTS = [
    "01001000",
    "01003000",
    "01055033",
    "02000000",
    "03159016",
    "03241001",
    "03254008",
    "03151",
    "04011000",
    "04012000",
    "05315000",
    "05913000",
    "05515000",
    "05570036",
    "05758012",
    "06412000",
    "06411000",
    "06439004",
    "06431",
    "07315000",
    "07211000",
    "07137228",
    "08221000",
    "08311000",
    "08136042",
    "08115",
    "09564000",
    "09562000",
    "09279122",
    "10041100",
    "10041519",
    "11000000",
    "12054000",
    "12064044",
    "12060",
    "13003000",
    "13073009",
    "14713000",
    "14522570",
    "15002000",
    "15085230",
    "16053000",
    "16069024",
]
# The demo coordinator's municipality: it has not applied to the open call yet.
DEMO_COORDINATOR_MUNICIPALITY = "16051000"  # Erfurt

# Spread over the list, so that every part of the country has submitted applications.
STATUS_PLAN = (
    ([Application.Status.SUBMITTED] * 3 + [Application.Status.DRAFT]) * 8
    + [Application.Status.SUBMITTED, Application.Status.WITHDRAWN] * 4
    + [Application.Status.SUBMITTED] * 3
)

MOTIVATION_OPENINGS = [
    "In unserer Verwaltung erleben Bürger*innen mit Migrationsgeschichte noch zu oft, dass "
    "sie länger warten und weniger Auskunft bekommen.",
    "Unser Integrationsrat hat uns wiederholt auf Beschwerden über den Umgang in den "
    "Bürgerbüros hingewiesen.",
    "Als wachsende Kommune mit vielen neu zugezogenen Familien wollen wir unsere Abläufe "
    "von Anfang an fair gestalten.",
    "Seit dem Beitritt zur Städtekoalition arbeiten wir an einem Aktionsplan, doch die "
    "Verwaltung selbst haben wir bisher kaum in den Blick genommen.",
    "Die Personalvertretung wünscht sich seit Langem Fortbildungen zu Diskriminierung am "
    "Arbeitsplatz.",
]
MOTIVATION_MIDDLES = [
    "Wir möchten prüfen, wo Formulare, Fristen und Sprachregelungen ungewollt ausschließen.",
    "Besonders in der Ausländerbehörde und im Jobcenter wollen wir Routinen gemeinsam mit "
    "den Beschäftigten überprüfen.",
    "Ein Netzwerk von Beschäftigten mit Migrationsgeschichte soll eine hörbare Stimme in "
    "der Personalentwicklung bekommen.",
    "Wir wollen Führungskräfte befähigen, rassistische Vorfälle zu erkennen und "
    "angemessen zu reagieren.",
]
MOTIVATION_CLOSINGS = [
    "Die Verwaltungsspitze steht hinter dem Vorhaben und hat die Freistellung zugesagt.",
    "Unsere Erfahrungen wollen wir mit Nachbarkommunen im Kreis teilen.",
    "Wir sehen das Modellprojekt als Chance, Vertrauen in die Verwaltung zu stärken.",
]


def _value_for(question: Question, rng: random.Random, municipality: Municipality):
    if question.prefill:
        return _prefill_value(municipality, question.prefill)
    if question.required_value:
        return question.required_value
    match question.type:
        case Question.Type.YES_NO:
            return "yes" if rng.random() < 0.8 else "no"
        case Question.Type.SINGLE_CHOICE:
            return rng.choice(question.choices)["value"] if question.choices else None
        case Question.Type.MULTIPLE_CHOICE:
            values = [c["value"] for c in question.choices]
            return sorted(rng.sample(values, k=min(len(values), rng.randint(1, 3))))
        case Question.Type.NUMBER:
            return rng.randint(2008, 2024)
        case Question.Type.DATE:
            return (dt.date(2025, 2, 1) + dt.timedelta(days=rng.randint(0, 200))).isoformat()
        case Question.Type.EMAIL:
            slug = "".join(ch for ch in municipality.search_name if ch.isalnum())[:20]
            return f"{rng.choice(['integration', 'vielfalt', 'personal'])}@{slug}.example"
        case Question.Type.LONG_TEXT:
            text = " ".join(
                [
                    rng.choice(MOTIVATION_OPENINGS),
                    rng.choice(MOTIVATION_MIDDLES),
                    rng.choice(MOTIVATION_CLOSINGS),
                ]
            )
            return text[: question.max_length] if question.max_length else text
        case Question.Type.SHORT_TEXT:
            return rng.choice(
                ["Amt für Integration", "Büro für Vielfalt", "Personalamt", "Stabsstelle Teilhabe"]
            )
    return None


def _demo_letter_pdf() -> bytes:
    """One short demo letter as a real PDF, shared by all demo uploads."""
    from weasyprint import HTML

    return HTML(
        string="<h1>Absichtserklärung (Demodokument)</h1>"
        "<p>Die Verwaltungsspitze unterstützt die Teilnahme am Modellprojekt "
        "„Kommunen für alle?“. Dieses Dokument wurde für die Demo erzeugt.</p>"
    ).write_pdf()


def _file_answer(application: Application, question: Question, content: bytes) -> Answer:
    answer = Answer(application=application, question=question)
    name = default_storage.save(upload_path(answer, "demo.pdf"), ContentFile(content))
    answer.file = name
    answer.file_name = f"{question.key}.pdf"
    answer.file_size = len(content)
    answer.value = answer.file_name
    return answer


def ensure_demo_applications(*, call: Call) -> int:
    """Create the demo applications for ``call`` once; later runs change nothing."""
    if call.applications.exists():
        return 0
    version = call.current_version()
    all_questions = questions_of_version(version=version)
    questions = [q for q in all_questions if q.type != Question.Type.FILE]
    file_questions = [q for q in all_questions if q.type == Question.Type.FILE]
    letter = _demo_letter_pdf()
    municipalities = {
        m.key: m
        for m in Municipality.objects.select_related("land", "kreis").filter(
            key__in=DEMO_APPLICANTS
        )
    }
    missing = set(DEMO_APPLICANTS) - set(municipalities)
    if missing:
        raise ValueError(f"demo municipalities missing from the register: {sorted(missing)}")
    rng = random.Random(2025)  # the same demo every time
    deadline = call.deadline
    created = 0
    with transaction.atomic():
        for key, status in zip(DEMO_APPLICANTS, STATUS_PLAN, strict=True):
            municipality = municipalities[key]
            started = deadline - dt.timedelta(days=rng.randint(10, 50))
            application = Application.objects.create(
                call=call,
                municipality=municipality,
                version=version,
                status=status,
                reference=application_reference(call_id=call.pk, municipality_key=municipality.key),
                submitted_at=started + dt.timedelta(days=rng.randint(1, 9))
                if status == Application.Status.SUBMITTED
                else None,
                withdrawn_at=started + dt.timedelta(days=5)
                if status == Application.Status.WITHDRAWN
                else None,
                confirmation_sent_at=timezone.now()
                if status == Application.Status.SUBMITTED
                else None,
            )
            answered = (
                questions
                if status != Application.Status.DRAFT
                else questions[: len(questions) // 2]
            )
            answers = [
                Answer(application=application, question=q, value=_value_for(q, rng, municipality))
                for q in answered
            ]
            if status != Application.Status.DRAFT:
                answers += [_file_answer(application, q, letter) for q in file_questions]
            Answer.objects.bulk_create(answers)
            Application.objects.filter(pk=application.pk).update(created_at=started)
            created += 1
        if version.frozen_at is None:
            version.frozen_at = call.opens_at
            version.save(update_fields=["frozen_at"])
    return created


DEMO_COORDINATOR_PASSWORD = "Demo-Passwort-2025!"  # noqa: S105 -- published demo login
DEMO_COORDINATOR_EMAIL = "koordination-{ags}@demo.kommunen-fuer-alle.example"
# Halle withdrew its application; its coordinator has left the city administration (the
# office suspended the account) and a successor's claim waits in the office's queue.
DEMO_CLAIM_MUNICIPALITY = "15002000"
DEMO_CLAIMANT_EMAIL = "nachfolge-{ags}@demo.kommunen-fuer-alle.example"


def demo_coordinator(*, municipality: Municipality, now) -> User:
    """The demo's approved coordinator account of ``municipality``, made on first use."""
    return demo_account_once(
        email=DEMO_COORDINATOR_EMAIL.format(ags=municipality.key),
        full_name=f"Koordination {municipality.name}",
        role=Role.COORDINATOR,
        municipality=municipality,
        password=DEMO_COORDINATOR_PASSWORD,
        now=now,
    )


def ensure_demo_application_coordinators() -> list[User]:
    """Every municipality with a demo application gets its approved coordinator account
    (its lead), so that no demo record is open to whoever links to it first. Idempotent;
    accounts that exist keep their state."""
    now = timezone.now()
    municipalities = Municipality.objects.filter(
        pk__in=Application.objects.values("municipality_id")
    ).order_by("key")
    people = []
    with transaction.atomic():
        for municipality in municipalities:
            user = demo_coordinator(municipality=municipality, now=now)
            if (
                user.municipality_id == municipality.pk
                and user.approved_municipality_id
                and not User.objects.filter(
                    municipality=municipality, municipality_lead=True
                ).exists()
            ):
                User.objects.filter(pk=user.pk).update(municipality_lead=True)
            people.append(user)
    return people


def ensure_demo_claim() -> MunicipalityClaim | None:
    """One pending claim in the office's queue (see ``DEMO_CLAIM_MUNICIPALITY``)."""
    municipality = Municipality.objects.filter(key=DEMO_CLAIM_MUNICIPALITY).first()
    if municipality is None or not Application.objects.filter(municipality=municipality).exists():
        return None
    email = DEMO_CLAIMANT_EMAIL.format(ags=municipality.key)
    existing = MunicipalityClaim.objects.filter(user__email=email).first()
    if existing is not None:
        return existing
    now = timezone.now()
    with transaction.atomic():
        User.objects.filter(
            email=DEMO_COORDINATOR_EMAIL.format(ags=municipality.key), municipality=municipality
        ).update(
            municipality_suspended_at=now, municipality_approved_at=None, municipality_lead=False
        )
        claimant, created = User.objects.get_or_create(
            email=email,
            defaults={
                "full_name": "Jana Nachfolgerin",
                "role": Role.COORDINATOR,
                "municipality": municipality,
                "email_confirmed_at": now,
                "privacy_accepted_at": now,
                "language": "de",
            },
        )
        if created:
            claimant.set_password(DEMO_COORDINATOR_PASSWORD)
            claimant.save(update_fields=["password"])
        claim = MunicipalityClaim(
            user=claimant,
            municipality=municipality,
            function="Leiterin der Stabsstelle Vielfalt und Chancengleichheit",
            authority=(
                "Der Oberbürgermeister hat mich mit der Nachfolge in der Koordination "
                "beauftragt; das Schreiben des Büros des Oberbürgermeisters liegt bei."
            ),
            letter_name="Beauftragung.pdf",
        )
        claim.letter.save("Beauftragung.pdf", ContentFile(_demo_letter_pdf()), save=False)
        claim.save()
    return claim
