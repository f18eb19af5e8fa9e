"""The demo calls: the first cohort of 2025 and an always-open second round.

The first call keeps the dates it was published with, whatever day the demo is loaded.
The questionnaire is plain data (``QUESTIONNAIRE``) turned into one version per call by
``questionnaire_build``; running ``ensure_demo_calls`` again changes nothing except the
second round's dates, which move with today so the demo always has an open call.
"""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from calls.models import Call, Question, QuestionnaireVersion, Section

BERLIN = ZoneInfo("Europe/Berlin")
T = Question.Type


def _yes_no(key, label_de, label_en, *, required=True, help_de="", help_en="", **extra):
    return {
        "key": key,
        "type": T.YES_NO,
        "label_de": label_de,
        "label_en": label_en,
        "help_de": help_de,
        "help_en": help_en,
        "required": required,
        **extra,
    }


def _choices(*rows: tuple[str, str, str]) -> list[dict]:
    return [{"value": v, "label_de": de, "label_en": en} for v, de, en in rows]


QUESTIONNAIRE: list[dict] = [
    {
        "title_de": "Angaben zur Kommune",
        "title_en": "About your municipality",
        "intro_de": "Diese Angaben sind aus dem amtlichen Gemeindeverzeichnis vorbelegt. "
        "Bitte prüfen Sie sie.",
        "intro_en": "These details are taken from the official municipality register. "
        "Please check them.",
        "questions": [
            {
                "key": "kommune_name",
                "type": T.SHORT_TEXT,
                "label_de": "Name der Kommune",
                "label_en": "Name of the municipality",
                "required": True,
                "prefill": "name",
            },
            {
                "key": "kommune_ags",
                "type": T.SHORT_TEXT,
                "label_de": "Amtlicher Gemeindeschlüssel (AGS)",
                "label_en": "Official municipality key (AGS)",
                "help_de": "Der amtliche Schlüssel Ihrer Gemeinde oder Ihres Kreises.",
                "help_en": "The official key of your municipality or district.",
                "required": True,
                "max_length": 8,
                "prefill": "key",
            },
            {
                "key": "kommune_land",
                "type": T.SHORT_TEXT,
                "label_de": "Land",
                "label_en": "Federal state",
                "required": True,
                "prefill": "land",
            },
            {
                "key": "einwohner",
                "type": T.NUMBER,
                "label_de": "Einwohnerzahl",
                "label_en": "Population",
                "help_de": "Der Wert aus dem amtlichen Gemeindeverzeichnis (Stand 31.12.2019).",
                "help_en": "The figure from the official register (as of 31 Dec 2019).",
                "required": True,
                "prefill": "population",
            },
        ],
    },
    {
        "title_de": "Ansprechpersonen",
        "title_en": "Contact persons",
        "intro_de": "Wer koordiniert die Bewerbung und später die Mitarbeit in Ihrer Verwaltung?",
        "intro_en": "Who coordinates the application and, later, the participation within "
        "your administration?",
        "questions": [
            {
                "key": "kontakt_name",
                "type": T.SHORT_TEXT,
                "label_de": "Name der Ansprechperson",
                "label_en": "Name of the contact person",
                "required": True,
            },
            {
                "key": "kontakt_funktion",
                "type": T.SHORT_TEXT,
                "label_de": "Funktion oder Stelle in der Verwaltung",
                "label_en": "Role or office in the administration",
                "required": True,
            },
            {
                "key": "kontakt_email",
                "type": T.EMAIL,
                "label_de": "E-Mail-Adresse der Ansprechperson",
                "label_en": "E-mail address of the contact person",
                "required": True,
            },
            {
                "key": "kontakt_telefon",
                "type": T.SHORT_TEXT,
                "label_de": "Telefonnummer der Ansprechperson",
                "label_en": "Telephone number of the contact person",
                "required": True,
                "max_length": 40,
            },
            {
                "key": "vertretung_name",
                "type": T.SHORT_TEXT,
                "label_de": "Name der Vertretung",
                "label_en": "Name of the deputy",
                "help_de": "Die Person, die wir erreichen, wenn die Ansprechperson abwesend ist.",
                "help_en": "The person we contact when the contact person is away.",
            },
            {
                "key": "vertretung_email",
                "type": T.EMAIL,
                "label_de": "E-Mail-Adresse der Vertretung",
                "label_en": "E-mail address of the deputy",
            },
        ],
    },
    {
        "title_de": "Politische Rückendeckung",
        "title_en": "Political backing",
        "intro_de": "Modellkommunen brauchen den Rückhalt von Politik und Verwaltungsspitze.",
        "intro_en": "Model municipalities need the support of their council and of the head "
        "of administration.",
        "questions": [
            {
                "key": "ratsbeschluss",
                "type": T.SINGLE_CHOICE,
                "label_de": "Hat der Rat oder Kreistag die Teilnahme beschlossen?",
                "label_en": "Has the council decided to take part?",
                "required": True,
                "choices": _choices(
                    ("ja", "Ja, der Beschluss liegt vor", "Yes, the decision has been taken"),
                    ("geplant", "Ein Beschluss ist geplant", "A decision is planned"),
                    ("nein", "Nein", "No"),
                ),
            },
            {
                "key": "ratsbeschluss_datum",
                "type": T.DATE,
                "label_de": "Datum des Beschlusses",
                "label_en": "Date of the decision",
                "required": True,
                "condition_key": "ratsbeschluss",
                "condition_value": "ja",
            },
            {
                "key": "ratsbeschluss_dokument",
                "type": T.FILE,
                "label_de": "Beschluss oder Auszug aus dem Protokoll (PDF)",
                "label_en": "Decision or excerpt from the minutes (PDF)",
                "required": True,
                "condition_key": "ratsbeschluss",
                "condition_value": "ja",
            },
            {
                "key": "absichtserklaerung",
                "type": T.FILE,
                "label_de": "Absichtserklärung der Verwaltungsspitze (PDF)",
                "label_en": "Letter of intent from the head of administration (PDF)",
                "help_de": "Unterschrieben von der (Ober-)Bürgermeisterin, dem "
                "(Ober-)Bürgermeister, der Landrätin oder dem Landrat.",
                "help_en": "Signed by the mayor or the district administrator.",
                "required": True,
            },
        ],
    },
    {
        "title_de": "Bestehende Strukturen",
        "title_en": "Existing structures",
        "intro_de": "Woran kann die Arbeit als Modellkommune anknüpfen?",
        "intro_en": "What can the work as a model municipality build on?",
        "questions": [
            {
                "key": "strukturen",
                "type": T.MULTIPLE_CHOICE,
                "label_de": "Welche dieser Stellen und Gremien gibt es bei Ihnen schon?",
                "label_en": "Which of these offices and bodies already exist?",
                "choices": _choices(
                    ("integrationsbeauftragte", "Integrationsbeauftragte*r", "Integration officer"),
                    (
                        "antidiskriminierungsstelle",
                        "Antidiskriminierungsstelle",
                        "Anti-discrimination office",
                    ),
                    (
                        "migrationsbeirat",
                        "Migrationsbeirat oder Integrationsrat",
                        "Migration or integration council",
                    ),
                    ("runder-tisch", "Runder Tisch", "Round table"),
                    (
                        "partnerschaft-demokratie",
                        "Partnerschaft für Demokratie",
                        "Partnership for Democracy",
                    ),
                    ("diversitaetskonzept", "Diversitätskonzept", "Diversity strategy"),
                ),
            },
            _yes_no(
                "eccar_mitglied",
                "Ist Ihre Kommune Mitglied der Europäischen Städtekoalition gegen Rassismus "
                "(ECCAR)?",
                "Is your municipality a member of the European Coalition of Cities Against "
                "Racism (ECCAR)?",
            ),
            {
                "key": "eccar_beitrittsjahr",
                "type": T.NUMBER,
                "label_de": "Seit welchem Jahr?",
                "label_en": "Since which year?",
                "condition_key": "eccar_mitglied",
                "condition_value": "yes",
            },
            {
                "key": "bisherige_arbeit",
                "type": T.LONG_TEXT,
                "label_de": "Was hat Ihre Verwaltung bisher gegen Rassismus und Diskriminierung "
                "unternommen?",
                "label_en": "What has your administration done so far against racism and "
                "discrimination?",
                "help_de": "Zum Beispiel Fortbildungen, Beschwerdestellen, Aktionspläne oder "
                "Kooperationen mit Migrant*innenorganisationen.",
                "help_en": "For example training, complaint offices, action plans or "
                "cooperation with migrant organisations.",
                "required": True,
                "max_length": 2000,
            },
        ],
    },
    {
        "title_de": "Bedarfe",
        "title_en": "Needs",
        "intro_de": "Wir wählen Kommunen mit unterschiedlichen Bedarfen aus. Ihre Antworten "
        "helfen uns, das Programm auf Sie abzustimmen.",
        "intro_en": "We select municipalities with different needs. Your answers help us "
        "to fit the programme to you.",
        "questions": [
            {
                "key": "schwerpunkte",
                "type": T.MULTIPLE_CHOICE,
                "label_de": "In welchen Bereichen Ihrer Verwaltung möchten Sie vor allem ansetzen?",
                "label_en": "Which areas of your administration do you want to focus on?",
                "required": True,
                "choices": _choices(
                    ("buergerservice", "Bürgerservice/Bürgeramt", "Citizen services"),
                    ("auslaenderbehoerde", "Ausländerbehörde", "Immigration office"),
                    ("jobcenter-soziales", "Jobcenter/Soziales", "Job centre and social services"),
                    ("jugendamt", "Jugendamt", "Youth welfare office"),
                    ("ordnungsamt", "Ordnungsamt", "Public order office"),
                    (
                        "personal",
                        "Personalgewinnung und -entwicklung",
                        "Recruitment and staff development",
                    ),
                    ("schule-bildung", "Schule/Bildung", "Schools and education"),
                    ("wohnen", "Wohnen", "Housing"),
                ),
            },
            {
                "key": "bedarfe",
                "type": T.LONG_TEXT,
                "label_de": "Welche Bedarfe sehen Sie? Wo möchten Sie Abläufe und Routinen "
                "Ihrer Verwaltung überprüfen?",
                "label_en": "What needs do you see? Which procedures and routines of your "
                "administration do you want to review?",
                "required": True,
                "max_length": 2000,
            },
        ],
    },
    {
        "title_de": "Kapazitäten",
        "title_en": "Capacity",
        "intro_de": "",
        "intro_en": "",
        "questions": [
            {
                "key": "freistellung_schulungen",
                "type": T.SINGLE_CHOICE,
                "label_de": "Wie viele Mitarbeitende können je Jahr an den Schulungen teilnehmen?",
                "label_en": "How many staff members can take part in the training each year?",
                "required": True,
                "choices": _choices(
                    ("bis-10", "bis zu 10", "up to 10"),
                    ("11-25", "11 bis 25", "11 to 25"),
                    ("26-50", "26 bis 50", "26 to 50"),
                    ("ueber-50", "mehr als 50", "more than 50"),
                ),
            },
            _yes_no(
                "freistellung_evaluation",
                "Können Mitarbeitende für Befragungen und Gespräche der Evaluation freigestellt "
                "werden?",
                "Can staff be released for the surveys and interviews of the evaluation?",
            ),
            _yes_no(
                "ansprechperson_netzwerk",
                "Gibt es eine Person, die das Netzwerk der Mitarbeitenden mit "
                "Migrationsgeschichte vor Ort begleiten kann?",
                "Is there someone who can support the local network of staff with a migration "
                "history?",
                required=False,
            ),
        ],
    },
    {
        "title_de": "Verpflichtungen als Modellkommune",
        "title_en": "Commitments of a model municipality",
        "intro_de": "Für die gesamte Laufzeit übernehmen Modellkommunen die folgenden "
        "Aufgaben. Bitte beantworten Sie jede Frage einzeln.",
        "intro_en": "Model municipalities take on the following tasks for the whole "
        "programme period. Please answer each question.",
        "questions": [
            _yes_no(
                "verpflichtung_laufzeit",
                "Sagt Ihre Kommune zu, drei Jahre lang mitzuarbeiten?",
                "Does your municipality commit to taking part for three years?",
                required_value="yes",
            ),
            _yes_no(
                "verpflichtung_sichtbarkeit",
                "Machen Sie den Prozess in Ihrer Verwaltung bekannt und trägt die politische "
                "Spitze ihn mit?",
                "Will you make the process known within your administration, with the "
                "backing of your political leadership?",
                required_value="yes",
            ),
            _yes_no(
                "verpflichtung_schulungen",
                "Führen Sie je Jahr mindestens zwei Schulungsmodule von ECCAR mit Ihren "
                "Mitarbeitenden durch?",
                "Will you run at least two ECCAR training modules with your staff each year?",
                required_value="yes",
            ),
            _yes_no(
                "verpflichtung_netzwerk",
                "Bauen Sie ein Netzwerk von Mitarbeitenden mit Migrationsgeschichte auf (oder "
                "führen es fort) und richten je Jahr mindestens zwei Empowerment-Workshops aus?",
                "Will you build (or continue) a network of staff with a migration history and "
                "hold at least two empowerment workshops each year?",
                required_value="yes",
            ),
            _yes_no(
                "verpflichtung_beirat",
                "Lassen Sie den Prozess evaluieren und von einem lokalen Fachbeirat begleiten?",
                "Will you have the process evaluated and accompanied by a local expert "
                "advisory board?",
                help_de="Dafür können bestehende Gremien genutzt werden, etwa ein Runder Tisch.",
                help_en="Existing bodies, such as a round table, can take on this role.",
                required_value="yes",
            ),
            _yes_no(
                "verpflichtung_erprobung",
                "Erproben Sie Schulungen und Handlungsempfehlungen, helfen bei ihrer "
                "Vereinheitlichung und stellen Mitarbeitende für Evaluationen frei?",
                "Will you test the training and recommendations, help to standardise them and "
                "release staff for evaluations?",
                required_value="yes",
            ),
            _yes_no(
                "verpflichtung_austausch",
                "Teilen Sie Ihre Erfahrungen und Ergebnisse mit anderen Kommunen?",
                "Will you share your experience and results with other municipalities?",
                required_value="yes",
            ),
        ],
    },
    {
        "title_de": "Motivation",
        "title_en": "Motivation",
        "intro_de": "",
        "intro_en": "",
        "questions": [
            {
                "key": "motivation",
                "type": T.LONG_TEXT,
                "label_de": "Warum möchte Ihre Kommune Modellkommune werden, und was soll sich "
                "nach drei Jahren verändert haben?",
                "label_en": "Why does your municipality want to become a model municipality, "
                "and what should have changed after three years?",
                "required": True,
                "max_length": 3000,
            },
        ],
    },
    {
        "title_de": "Datenschutz",
        "title_en": "Data protection",
        "intro_de": "",
        "intro_en": "",
        "questions": [
            _yes_no(
                "einwilligung_datenschutz",
                "Dürfen wir die Angaben dieser Bewerbung für die Auswahl der Modellkommunen "
                "verarbeiten?",
                "May we process the information in this application to select the model "
                "municipalities?",
                help_de="Einzelheiten stehen in der Datenschutzerklärung (Link am Ende jeder "
                "Seite). Bitte machen Sie keine Angaben zu Herkunft, Religion oder Gesundheit "
                "einzelner Personen.",
                help_en="Details are in the privacy notice (link at the bottom of every page). "
                "Please do not give any information about the origin, religion or health of "
                "individual people.",
                required_value="yes",
            ),
        ],
    },
]

FIRST_CALL = {
    "slug": "modellkommunen-2025",
    "title_de": "Kommunen für alle? – Modellkommunen 2025",
    "title_en": "Municipalities for all? – Model municipalities 2025",
    "summary_de": "Zehn Kommunen aus ganz Deutschland arbeiten drei Jahre lang daran, ihr "
    "Verwaltungshandeln rassismuskritisch weiterzuentwickeln – mit Schulungen, einem "
    "Netzwerk von Mitarbeitenden mit Migrationsgeschichte, einem lokalen Fachbeirat und "
    "bis zu 10.000 € Förderung im Jahr.",
    "summary_en": "For three years, ten municipalities from all over Germany develop their "
    "administrative practice with a critical eye on racism – with training, a network of "
    "staff with a migration history, a local advisory board and funding of up to €10,000 "
    "a year.",
    "opens_at": dt.datetime(2025, 9, 1, 0, 0, tzinfo=BERLIN),
    "deadline": dt.datetime(2025, 10, 24, 23, 59, 59, tzinfo=BERLIN),
    "decision_date": dt.date(2025, 10, 28),
    "programme_start": dt.date(2025, 11, 1),
    "programme_end": dt.date(2028, 12, 31),
    "places": 10,
    "funding_cap_per_year": Decimal("10000.00"),
    "is_published": True,
}

DATES = ("opens_at", "deadline", "decision_date", "programme_start", "programme_end")

SECOND_CALL = {
    "slug": "modellkommunen-2027",
    "summary_de": "Die zweite Runde: Weitere zehn Kommunen schließen sich dem Programm an und "
    "profitieren von den Erfahrungen der ersten Modellkommunen.",
    "summary_en": "The second round: ten more municipalities join the programme and build "
    "on the experience of the first model municipalities.",
    "places": 10,
    "funding_cap_per_year": Decimal("10000.00"),
    "is_published": True,
}


def second_call_dates(*, today: dt.date) -> dict:
    """Opened 30 days ago, closes six weeks from today at 23:59:59 in Berlin, decided a
    week later; its three years run from the first of the month after the decision, and
    its title names the year they start."""
    deadline_day = today + dt.timedelta(weeks=6)
    decision_day = deadline_day + dt.timedelta(weeks=1)
    start = (decision_day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    return {
        # Named after the year its programme starts, like the first round.
        "title_de": f"Kommunen für alle? – Modellkommunen {start.year} (zweite Runde)",
        "title_en": f"Municipalities for all? – Model municipalities {start.year} (second round)",
        "opens_at": dt.datetime.combine(today - dt.timedelta(days=30), dt.time(0, 0), BERLIN),
        "deadline": dt.datetime.combine(deadline_day, dt.time(23, 59, 59), BERLIN),
        "decision_date": decision_day,
        "programme_start": start,
        "programme_end": start.replace(year=start.year + 3) - dt.timedelta(days=1),
    }


# Column heads of the office's exports: short enough for a spreadsheet, one per question.
SHORT_LABELS: dict[str, tuple[str, str]] = {
    "kommune_name": ("Kommune", "Municipality"),
    "kommune_ags": ("AGS", "AGS"),
    "kommune_land": ("Land", "State"),
    "einwohner": ("Einwohnerzahl", "Population"),
    "kontakt_name": ("Ansprechperson", "Contact person"),
    "kontakt_funktion": ("Funktion der Ansprechperson", "Contact's role"),
    "kontakt_email": ("E-Mail der Ansprechperson", "Contact's e-mail"),
    "kontakt_telefon": ("Telefon der Ansprechperson", "Contact's telephone"),
    "vertretung_name": ("Vertretung", "Deputy"),
    "vertretung_email": ("E-Mail der Vertretung", "Deputy's e-mail"),
    "ratsbeschluss": ("Ratsbeschluss", "Council decision"),
    "ratsbeschluss_datum": ("Datum des Ratsbeschlusses", "Date of the council decision"),
    "ratsbeschluss_dokument": ("Ratsbeschluss (PDF)", "Council decision (PDF)"),
    "absichtserklaerung": ("Absichtserklärung (PDF)", "Letter of intent (PDF)"),
    "strukturen": ("Bestehende Stellen und Gremien", "Existing offices and bodies"),
    "eccar_mitglied": ("ECCAR-Mitglied", "ECCAR member"),
    "eccar_beitrittsjahr": ("ECCAR-Beitrittsjahr", "Year of joining ECCAR"),
    "bisherige_arbeit": ("Bisherige Arbeit", "Work so far"),
    "schwerpunkte": ("Schwerpunkte", "Focus areas"),
    "bedarfe": ("Bedarfe", "Needs"),
    "freistellung_schulungen": ("Teilnehmende an Schulungen", "Training participants"),
    "freistellung_evaluation": ("Freistellung für die Evaluation", "Release for the evaluation"),
    "ansprechperson_netzwerk": ("Begleitung des Netzwerks", "Support for the network"),
    "verpflichtung_laufzeit": ("Zusage: drei Jahre", "Commitment: three years"),
    "verpflichtung_sichtbarkeit": ("Zusage: Sichtbarkeit", "Commitment: visibility"),
    "verpflichtung_schulungen": ("Zusage: Schulungen", "Commitment: training"),
    "verpflichtung_netzwerk": ("Zusage: Netzwerk", "Commitment: network"),
    "verpflichtung_beirat": (
        "Zusage: Evaluation und Fachbeirat",
        "Commitment: evaluation and board",
    ),
    "verpflichtung_erprobung": ("Zusage: Erprobung", "Commitment: testing"),
    "verpflichtung_austausch": ("Zusage: Austausch", "Commitment: sharing"),
    "motivation": ("Motivation", "Motivation"),
    "einwilligung_datenschutz": ("Einwilligung Datenschutz", "Data protection consent"),
}


def _with_short_label(question: dict) -> dict:
    de, en = SHORT_LABELS.get(question["key"], ("", ""))
    return {"short_label_de": de, "short_label_en": en, **question}


def questionnaire_build(*, call: Call, sections: list[dict]) -> QuestionnaireVersion:
    """Version 1 of ``call``'s questionnaire from plain data (see ``QUESTIONNAIRE``)."""
    version = QuestionnaireVersion.objects.create(call=call, number=1)
    for s_pos, data in enumerate(sections):
        section = Section.objects.create(
            version=version,
            position=s_pos,
            **{k: data.get(k, "") for k in ("title_de", "title_en", "intro_de", "intro_en")},
        )
        Question.objects.bulk_create(
            Question(
                version=version,
                section=section,
                position=q_pos,
                **_with_short_label(question),
            )
            for q_pos, question in enumerate(data["questions"])
        )
    return version


@transaction.atomic
def ensure_demo_calls(*, today: dt.date | None = None) -> tuple[Call, Call]:
    """Both demo calls with their questionnaires; safe to run again."""
    today = today or timezone.localdate(timezone.now(), BERLIN)
    first, created = Call.objects.get_or_create(
        slug=FIRST_CALL["slug"], defaults={k: v for k, v in FIRST_CALL.items() if k != "slug"}
    )
    if not created:
        # A demo loaded by an earlier version moved these dates; they are the call's own.
        Call.objects.filter(pk=first.pk).update(**{name: FIRST_CALL[name] for name in DATES})
        first.refresh_from_db()
    second, created = Call.objects.get_or_create(
        slug=SECOND_CALL["slug"],
        defaults={
            **{k: v for k, v in SECOND_CALL.items() if k != "slug"},
            **second_call_dates(today=today),
        },
    )
    if not created:
        Call.objects.filter(pk=second.pk).update(**second_call_dates(today=today))
        second.refresh_from_db()
    for call in (first, second):
        if not call.versions.exists():
            questionnaire_build(call=call, sections=QUESTIONNAIRE)
    return first, second
