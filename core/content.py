"""The first version of the public pages (programme, imprint, privacy, accessibility, about).

``ensure_pages`` only creates pages that do not exist yet: once a page is in the
database the programme office owns its text, and loading the demo again never
overwrites what they wrote. Bodies are Markdown (see ``core.markup``).
"""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import get_language

from core.attribution import REGISTER_ATTRIBUTION
from core.models import Page

CONTACT = "kontakt@kommunen-fuer-alle.example"
PRIVACY_CONTACT = "datenschutz@kommunen-fuer-alle.example"


@dataclass(frozen=True)
class KeyDate:
    """A date of the programme that the start page names: on one or more days, with the
    hours where they matter."""

    days: tuple[dt.date, ...]
    label_de: str
    label_en: str
    hours: tuple[dt.time, dt.time] | None = None

    @property
    def first(self) -> dt.date:
        return self.days[0]

    @property
    def last(self) -> dt.date:
        return self.days[-1]

    @property
    def label(self) -> str:
        return self.label_en if get_language() == "en" and self.label_en else self.label_de


# The first round as its call published it.
KEY_DATES = (
    KeyDate(
        (dt.date(2025, 10, 24),),
        "Bewerbungsschluss der ersten Runde",
        "Application deadline of the first round",
    ),
    KeyDate(
        (dt.date(2025, 10, 28),),
        "Entscheidung über die Modellkommunen der ersten Runde",
        "Decision on the model municipalities of the first round",
    ),
    KeyDate(
        (dt.date(2025, 11, 1),),
        "Beginn der ersten Runde",
        "Start of the first round",
    ),
    KeyDate(
        (dt.date(2025, 11, 3),),
        "Online-Auftakt der Modellkommunen",
        "Online kick-off of the model municipalities",
        (dt.time(14), dt.time(16)),
    ),
    KeyDate(
        (dt.date(2025, 11, 18), dt.date(2025, 11, 19)),
        "Auftakt des Netzwerks der Mitarbeitenden mit Migrationsgeschichte",
        "Kick-off of the network of staff with a migration history",
    ),
    KeyDate(
        (dt.date(2026, 4, 20), dt.date(2026, 4, 21)),
        "Netzwerktreffen der deutschsprachigen ECCAR-Mitgliedsstädte in Jena",
        "Network meeting of the German-speaking ECCAR member cities in Jena",
    ),
    KeyDate(
        (dt.date(2028, 12, 31),),
        "Ende der ersten Runde",
        "End of the first round",
    ),
)


def key_dates_split(
    *, today: dt.date, extra: tuple[KeyDate, ...] | list[KeyDate] = ()
) -> tuple[list[KeyDate], list[KeyDate]]:
    """The programme's dates (``KEY_DATES`` and ``extra``) still to come (from ``today`` on,
    soonest first) and those that have passed (latest first)."""
    every = [*KEY_DATES, *extra]
    upcoming = [d for d in every if d.last >= today]
    past = [d for d in every if d.last < today]
    return sorted(upcoming, key=lambda d: d.first), sorted(
        past, key=lambda d: d.first, reverse=True
    )


PROGRAMME_DE = f"""
## Worum es geht

Ob ein Antrag zügig bearbeitet wird, wie eine Auskunft ausfällt oder wer zum
Vorstellungsgespräch eingeladen wird: Im Kontakt mit der Kommunalverwaltung erleben
Menschen, ob der Staat sie gleich behandelt. In einer Einwanderungsgesellschaft heißt
das auch, genau hinzusehen, wo Routinen und Standardabläufe Menschen benachteiligen –
oft, ohne dass es jemand beabsichtigt.

Das Pilotprogramm „Kommunen für alle? – Rassismuskritik in kommunalen Verwaltungen“
der Europäischen Städtekoalition gegen Rassismus (ECCAR) begleitet dabei zehn
Modellkommunen aus ganz Deutschland. Mit ihnen entstehen Schulungen, Angebote für
Mitarbeitende und Handlungsempfehlungen, die später allen Kommunen zur Verfügung stehen.

## Was Modellkommunen erhalten

- Schulungsmodule, die auf die Bedarfe der Kommune zugeschnitten sind und Mitarbeitenden
  helfen, Rassismus in Abläufen zu erkennen und Veränderungen anzustoßen
- Unterstützung beim Aufbau eines Netzwerks von Mitarbeitenden mit Migrationsgeschichte,
  mit Angeboten zu Empowerment, zu besserer Repräsentation und zu einem
  diskriminierungsfreien Arbeitsplatz
- Mitsprache bei den Handlungsempfehlungen zu Rassismus im kommunalen Verwaltungshandeln
- Austausch mit den anderen Modellkommunen und Zugang zu einem bundesweiten
  Wissensnetzwerk
- eine Förderung der Maßnahmen von bis zu 10.000 € im Jahr
- Sichtbarkeit als Beispiel, an dem sich andere Städte, Gemeinden und Kreise orientieren
  können

## Wozu sich Modellkommunen verpflichten

Für drei Jahre

- machen sie den Prozess in der eigenen Verwaltung bekannt und tragen ihn politisch mit,
- führen sie jedes Jahr mindestens zwei Schulungsmodule durch,
- bauen sie ein Netzwerk von Mitarbeitenden mit Migrationsgeschichte auf oder führen es
  fort und bieten jedes Jahr mindestens zwei Empowerment-Workshops an,
- lassen sie sich evaluieren und von einem lokalen Fachbeirat begleiten – ein
  bestehender Runder Tisch oder Arbeitskreis kann diese Rolle übernehmen,
- erproben sie Schulungen und Empfehlungen, helfen bei deren Vereinheitlichung, stellen
  Mitarbeitende für Evaluationen frei und teilen ihre Ergebnisse mit anderen Kommunen.

## Wer sich bewerben kann

Alle Städte, Gemeinden und Landkreise in Deutschland. Die ECCAR-Geschäftsstelle wählt
zehn Kommunen aus; dabei sollen Kommunen mit möglichst unterschiedlichen Bedarfen zum
Zug kommen.

## So läuft die Bewerbung

1. Lesen Sie den Fragenkatalog der [Ausschreibung](/ausschreibungen/) – ohne Anmeldung,
   auch als PDF.
2. Registrieren Sie sich und füllen Sie die Bewerbung online aus. Ihre Entwürfe werden
   gespeichert.
3. Reichen Sie die Bewerbung bis zum Bewerbungsschluss ein, den die Ausschreibung nennt.
4. Bis zu dem Tag, den die Ausschreibung für die Entscheidung nennt, erfahren Sie, ob
   Ihre Kommune ausgewählt wurde.
5. Eine Runde läuft drei Jahre. Die Termine der ersten Runde stehen oben auf dieser
   Seite.

## Kontakt

ECCAR-Geschäftsstelle, E-Mail: [{CONTACT}](mailto:{CONTACT})

„Kommunen für alle?“ wird im Bundesprogramm „Demokratie leben!“ gefördert und von der
Europäischen Städtekoalition gegen Rassismus (ECCAR) umgesetzt.
"""

PROGRAMME_EN = f"""
## What it is about

Whether an application is handled quickly, what information someone is given or who is
invited to a job interview: dealing with their local administration, people find out
whether the state treats them equally. In a society shaped by immigration this means
looking closely at where routines and standard procedures put people at a disadvantage –
often without anyone intending it.

The pilot programme "Municipalities for all? – Challenging racism in local
administrations" of the European Coalition of Cities Against Racism (ECCAR) supports ten
model municipalities from all over Germany on this path. Together with them it develops
training, formats for staff and recommendations that will later be open to every
municipality.

## What model municipalities receive

- training modules tailored to the municipality's needs that help staff recognise
  racism in procedures and bring about change
- support in building a network of staff with a migration history, with formats on
  empowerment, better representation and a workplace free of discrimination
- a say in the recommendations on racism in local administrative practice
- exchange with the other model municipalities and access to a nationwide knowledge
  network
- funding for their activities of up to €10,000 a year
- visibility as an example for other cities, towns and districts

## What model municipalities commit to

For three years they

- make the process known within their administration and back it politically,
- run at least two training modules every year,
- build or continue a network of staff with a migration history and offer at least two
  empowerment workshops every year,
- are evaluated and accompanied by a local expert advisory board – an existing round
  table or working group can take on this role,
- test the training and the recommendations, help to standardise them, release staff for
  evaluations and share their results with other municipalities.

## Who can apply

Every city, town and district in Germany. The ECCAR office selects ten municipalities,
aiming for a group with needs as different as possible.

## How to apply

1. Read the questionnaire of the [call](/ausschreibungen/) – no log-in needed, also as
   a PDF.
2. Register and fill in the application online. Your drafts are saved.
3. Submit the application by the deadline the call names.
4. By the day the call names for its decision you will learn whether your municipality
   has been selected.
5. A round runs for three years. The dates of the first round are listed at the top of
   this page.

## Contact

ECCAR office, e-mail: [{CONTACT}](mailto:{CONTACT})

"Municipalities for all?" is funded by the federal programme "Demokratie leben!" and
carried out by the European Coalition of Cities Against Racism (ECCAR).
"""

IMPRINT_DE = f"""
## Anbieter

Europäische Städtekoalition gegen Rassismus – European Coalition of Cities Against
Racism (ECCAR) e.V., Geschäftsstelle „Kommunen für alle?“

Postanschrift: wird von der Geschäftsstelle eingetragen (Platzhalter)

E-Mail: [{CONTACT}](mailto:{CONTACT})

## Vertretung

Der Verein wird durch seinen Vorstand vertreten.

## Verantwortlich für den Inhalt

Die Projektleitung von „Kommunen für alle?“ in der ECCAR-Geschäftsstelle, Anschrift wie
oben.

## Förderung

Das Programm wird im Bundesprogramm „Demokratie leben!“ gefördert. Die Inhalte dieser
Website geben nicht die Meinung des Fördermittelgebers wieder; für sie ist allein der
Träger verantwortlich.

## Links auf andere Websites

Für die Inhalte verlinkter fremder Seiten sind deren Betreiber verantwortlich. Erfahren
wir von rechtswidrigen Inhalten, entfernen wir den Link.

## Streitbeilegung

Wir nehmen nicht an Streitbeilegungsverfahren vor einer Verbraucherschlichtungsstelle
teil und sind dazu nicht verpflichtet.
"""

IMPRINT_EN = f"""
## Provider

European Coalition of Cities Against Racism (ECCAR) e.V., office of "Municipalities for
all?"

Postal address: to be entered by the office (placeholder)

E-mail: [{CONTACT}](mailto:{CONTACT})

## Representation

The association is represented by its board.

## Responsible for the content

The project lead of "Municipalities for all?" at the ECCAR office, address as above.

## Funding

The programme is funded by the federal programme "Demokratie leben!". The content of this
website does not represent the opinion of the funder; the organisation running the
programme is solely responsible for it.

## Links to other websites

The operators of linked websites are responsible for their content. If we learn of
unlawful content, we remove the link.

## Dispute resolution

We do not take part in dispute resolution proceedings before a consumer arbitration
board and are not obliged to do so.
"""

PRIVACY_DE = f"""
## Wer verantwortlich ist

Verantwortlich für die Verarbeitung personenbezogener Daten auf dieser Plattform ist die
Europäische Städtekoalition gegen Rassismus (ECCAR) e.V., Geschäftsstelle „Kommunen für
alle?“, E-Mail: [{CONTACT}](mailto:{CONTACT}). Die Postanschrift steht im
[Impressum](/seite/impressum/).

Unsere Datenschutzbeauftragte oder unseren Datenschutzbeauftragten erreichen Sie unter
[{PRIVACY_CONTACT}](mailto:{PRIVACY_CONTACT}) (Platzhalter).

## Besuch der Website

Beim Aufruf einer Seite verarbeitet der Server technisch notwendige Angaben: IP-Adresse,
Zeitpunkt, aufgerufene Adresse, übertragene Datenmenge und Angaben zum Browser. Wir
brauchen sie, um die Seiten auszuliefern und Angriffe abzuwehren (Art. 6 Abs. 1 lit. f
DSGVO). Die Protokolle werden nach 14 Tagen gelöscht.

Wir setzen nur technisch notwendige Cookies: für die Anmeldung, zum Schutz von
Formularen vor Missbrauch und für die gewählte Sprache. Es gibt keine Analyse- oder
Werbedienste; Schriften und Programmbibliotheken werden von unserem eigenen Server
geladen.

## Benutzerkonto

Für ein Konto speichern wir Name, E-Mail-Adresse, Rolle, gegebenenfalls die Kommune, für
die Sie handeln, und Ihr Passwort in verschlüsselter Form (Hash). Mitarbeitende der
Geschäftsstelle und Gutachter*innen melden sich zusätzlich mit einem zweiten Faktor an.
Rechtsgrundlage ist Art. 6 Abs. 1 lit. b DSGVO (Nutzung der Plattform).

## Bewerbung als Modellkommune

Mit der Bewerbung verarbeiten wir Angaben zur Kommune, die Namen, Funktionen und
Kontaktdaten der Ansprechpersonen, die Antworten auf den Fragenkatalog und hochgeladene
Dokumente wie Ratsbeschluss oder Absichtserklärung. Wir nutzen sie, um die
Modellkommunen auszuwählen, Sie über das Verfahren zu informieren und die ausgewählten
Kommunen im Programm zu begleiten (Art. 6 Abs. 1 lit. b und f DSGVO).

Der Fragenkatalog fragt keine besonderen Kategorien personenbezogener Daten im Sinne von
Art. 9 DSGVO ab, also etwa keine Angaben zu Herkunft, Religion oder Gesundheit. Bitte
tragen Sie solche Angaben über einzelne Personen auch nicht in Freitextfelder ein.

Jede Änderung an einer Bewerbung und an einem Konto wird mit Zeitpunkt und handelnder
Person protokolliert, damit nachvollziehbar bleibt, wer was geändert hat (Art. 6 Abs. 1
lit. f DSGVO).

## E-Mails

Wir senden E-Mails, die zum Verfahren gehören, etwa die Bestätigung einer Registrierung
oder den Eingang einer Bewerbung. Einen Newsletter versenden wir über diese Plattform
nicht.

## Wer die Daten erhält

Zugriff haben die Mitarbeitenden der Geschäftsstelle und die Gutachter*innen, die an der
Auswahl mitwirken und zur Vertraulichkeit verpflichtet sind. Der Betrieb der Server
erfolgt durch einen Dienstleister, der in unserem Auftrag und nach unseren Weisungen
handelt (Art. 28 DSGVO). Der Fördermittelgeber erhält Berichte ohne personenbezogene
Angaben; welche Kommunen ausgewählt wurden, veröffentlichen wir. Daten werden nicht in
Länder außerhalb der Europäischen Union übermittelt.

## Wie lange wir Daten speichern

- Bewerbungen von Kommunen, die nicht ausgewählt wurden: bis zwölf Monate nach der
  Auswahlentscheidung
- Bewerbungen und Programmunterlagen der Modellkommunen: für die Laufzeit des Programms
  und so lange danach, wie es die Förderbestimmungen verlangen
- Benutzerkonten: bis Sie das Konto löschen lassen oder es zwei Jahre lang nicht genutzt
  wurde
- Server-Protokolle: 14 Tage

## Ihre Rechte

Sie haben das Recht auf Auskunft (Art. 15 DSGVO), Berichtigung (Art. 16), Löschung
(Art. 17), Einschränkung der Verarbeitung (Art. 18), Datenübertragbarkeit (Art. 20) und
Widerspruch gegen Verarbeitungen auf Grundlage berechtigter Interessen (Art. 21). Eine
Einwilligung können Sie jederzeit mit Wirkung für die Zukunft widerrufen (Art. 7 Abs. 3).
Schreiben Sie dazu an [{CONTACT}](mailto:{CONTACT}).

Sie können sich außerdem bei einer Datenschutz-Aufsichtsbehörde beschweren (Art. 77
DSGVO).

## Sicherheit

Alle Verbindungen sind verschlüsselt. Hochgeladene Dateien liegen nicht öffentlich
zugänglich und werden nur Personen gezeigt, die sie sehen dürfen.
"""

PRIVACY_EN = f"""
## Who is responsible

The controller for personal data on this platform is the European Coalition of Cities
Against Racism (ECCAR) e.V., office of "Municipalities for all?", e-mail:
[{CONTACT}](mailto:{CONTACT}). The postal address is given in the
[imprint](/seite/impressum/).

You can reach our data protection officer at
[{PRIVACY_CONTACT}](mailto:{PRIVACY_CONTACT}) (placeholder).

## Visiting the website

When a page is requested, the server processes technically necessary data: IP address,
time, requested address, amount of data transferred and details of the browser. We need
them to deliver the pages and to fend off attacks (Art. 6(1)(f) GDPR). The logs are
deleted after 14 days.

We only use technically necessary cookies: for logging in, for protecting forms against
misuse and for the chosen language. There are no analytics or advertising services;
fonts and libraries are loaded from our own server.

## User account

For an account we store your name, e-mail address, role, where applicable the
municipality you act for, and your password in encrypted form (hash). Staff of the
office and reviewers also log in with a second factor. The legal basis is Art. 6(1)(b)
GDPR (use of the platform).

## Applying as a model municipality

With an application we process information about the municipality, the names, roles
and contact details of the contact persons, the answers to the questionnaire and
uploaded documents such as a council decision or letter of intent. We use them to
select the model municipalities, to keep you informed about the procedure and to support
the selected municipalities in the programme (Art. 6(1)(b) and (f) GDPR).

The questionnaire does not ask for special categories of personal data within the
meaning of Art. 9 GDPR, such as origin, religion or health. Please do not enter such
information about individuals in free-text fields either.

Every change to an application or an account is logged with the time and the person
who made it, so that it remains clear who changed what (Art. 6(1)(f) GDPR).

## E-mails

We send e-mails that belong to the procedure, such as confirming a registration or the
receipt of an application. We do not send newsletters through this platform.

## Who receives the data

Access is limited to the office's staff and to the reviewers who take part in the
selection and are bound to confidentiality. The servers are run by a service provider
acting on our behalf and following our instructions (Art. 28 GDPR). The funder receives
reports without personal data; we publish which municipalities were selected. No data
are transferred to countries outside the European Union.

## How long we keep data

- applications of municipalities that were not selected: up to twelve months after the
  selection decision
- applications and programme records of the model municipalities: for the programme
  period and for as long afterwards as the funding rules require
- user accounts: until you ask us to delete the account or it has not been used for two
  years
- server logs: 14 days

## Your rights

You have the right of access (Art. 15 GDPR), rectification (Art. 16), erasure
(Art. 17), restriction of processing (Art. 18), data portability (Art. 20) and to object
to processing based on legitimate interests (Art. 21). You can withdraw consent at any
time with effect for the future (Art. 7(3)). Please write to
[{CONTACT}](mailto:{CONTACT}).

You can also lodge a complaint with a data protection supervisory authority (Art. 77
GDPR).

## Security

All connections are encrypted. Uploaded files are not publicly accessible and are only
shown to people who are allowed to see them.
"""

ACCESSIBILITY_DE = f"""
## Für wen diese Erklärung gilt

Die Europäische Städtekoalition gegen Rassismus (ECCAR) e.V. möchte die Plattform
„Kommunen für alle?“ für alle Menschen zugänglich machen. Diese Erklärung gilt für alle
Seiten der Plattform.

## Stand der Vereinbarkeit

Die Plattform ist mit den Anforderungen der Barrierefreie-Informationstechnik-Verordnung
(BITV 2.0) teilweise vereinbar. Die Seiten selbst erfüllen nach unserer Prüfung die
Anforderungen der WCAG 2.1 auf Stufe AA. Nicht vollständig barrierefrei sind:

- PDF-Dateien, die Kommunen hochladen, etwa Ratsbeschlüsse. Sie werden nur intern
  genutzt.
- Die PDF-Fassung des Fragenkatalogs ist nicht vollständig geprüft. Denselben Inhalt
  finden Sie barrierefrei auf der Seite des Fragenkatalogs.

## Wie wir geprüft haben

Die Erklärung beruht auf einer Selbstbewertung. Jede Seite wird bei jeder Änderung
automatisiert mit axe-core auf die Regeln der WCAG 2.1 A und AA geprüft. Zusätzlich
prüfen wir die Abläufe von Hand mit der Tastatur: Alles lässt sich ohne Maus bedienen,
und der Fokus ist jederzeit sichtbar. Die Gestaltung folgt dem KERN-Designsystem für die
deutsche Verwaltung.

## Barrieren melden

Ist Ihnen eine Barriere aufgefallen, oder brauchen Sie Inhalte in einer anderen Form?
Schreiben Sie uns an [{CONTACT}](mailto:{CONTACT}). Wir antworten innerhalb von
zwei Wochen.

## Schlichtungsverfahren

Wenn Sie mit unserer Antwort nicht zufrieden sind, können Sie sich an die
Schlichtungsstelle nach § 16 des Behindertengleichstellungsgesetzes (BGG) wenden. Sie
hilft, Streit über Barrieren ohne Gericht beizulegen; das Verfahren ist kostenlos, und
Sie brauchen keinen Rechtsbeistand.

Schlichtungsstelle nach dem Behindertengleichstellungsgesetz bei dem Beauftragten der
Bundesregierung für die Belange von Menschen mit Behinderungen, Mauerstraße 53, 10117
Berlin, E-Mail: [info@schlichtungsstelle-bgg.de](mailto:info@schlichtungsstelle-bgg.de),
Website: [www.schlichtungsstelle-bgg.de](https://www.schlichtungsstelle-bgg.de)
"""

ACCESSIBILITY_EN = f"""
## Scope of this statement

The European Coalition of Cities Against Racism (ECCAR) e.V. wants the platform
"Municipalities for all?" to be accessible to everyone. This statement applies to all
pages of the platform.

## Compliance status

The platform is partially compliant with the German accessibility regulation for
information technology (BITV 2.0). According to our testing, the pages themselves meet
WCAG 2.1 level AA. Not fully accessible are:

- PDF files uploaded by municipalities, such as council decisions. They are only used
  internally.
- The PDF version of the questionnaire has not been fully tested. The same content is
  available in accessible form on the questionnaire page.

## How we tested

This statement is based on a self-assessment. Every page is checked automatically with
axe-core against the WCAG 2.1 A and AA rules whenever something changes. In addition we
test the journeys by hand with the keyboard: everything can be used without a mouse and
the focus is always visible. The design follows the KERN design system for German
public administration.

## Reporting barriers

Have you come across a barrier, or do you need content in another format? Write to us at
[{CONTACT}](mailto:{CONTACT}). We answer within two weeks.

## Conciliation procedure

If you are not satisfied with our answer, you can turn to the conciliation body under
section 16 of the German Disability Equality Act (BGG). It helps to settle disputes
about barriers out of court; the procedure is free of charge and you do not need a
lawyer.

Schlichtungsstelle nach dem Behindertengleichstellungsgesetz bei dem Beauftragten der
Bundesregierung für die Belange von Menschen mit Behinderungen, Mauerstraße 53, 10117
Berlin, e-mail: [info@schlichtungsstelle-bgg.de](mailto:info@schlichtungsstelle-bgg.de),
website: [www.schlichtungsstelle-bgg.de](https://www.schlichtungsstelle-bgg.de)
"""

ABOUT_DE = f"""
## Wozu die Plattform dient

Auf dieser Plattform läuft das Programm „Kommunen für alle?“ der Europäischen
Städtekoalition gegen Rassismus (ECCAR): Kommunen lesen die Ausschreibung und den
Fragenkatalog, bewerben sich online und sehen den Stand ihrer Bewerbung. Die
Geschäftsstelle prüft die Bewerbungen, wählt gemeinsam mit Gutachter*innen die
Modellkommunen aus und begleitet sie danach durch das Programm.

## Wer dahintersteht

Die Plattform wird von der ECCAR-Geschäftsstelle betrieben. Das Programm wird im
Bundesprogramm „Demokratie leben!“ gefördert. Fragen und Hinweise nehmen wir gern unter
[{CONTACT}](mailto:{CONTACT}) entgegen.

## Datenquellen

Namen, Schlüssel und Einwohnerzahlen der Städte, Gemeinden und Kreise stammen aus dem
amtlichen Gemeindeverzeichnis. {REGISTER_ATTRIBUTION}.

## Gestaltung und Technik

Die Seiten folgen dem KERN-Designsystem für die deutsche Verwaltung und sind auf
Barrierefreiheit geprüft (siehe [Erklärung zur Barrierefreiheit](/seite/barrierefreiheit/)).
Wir binden keine Analyse- oder Werbedienste und keine Inhalte fremder Server ein.
"""

ABOUT_EN = f"""
## What the platform is for

This platform runs the programme "Municipalities for all?" of the European Coalition of
Cities Against Racism (ECCAR): municipalities read the call and its questionnaire, apply
online and follow the status of their application. The office reviews the applications,
selects the model municipalities together with reviewers and then accompanies them
through the programme.

## Who is behind it

The platform is run by the ECCAR office. The programme is funded by the federal
programme "Demokratie leben!". Questions and suggestions are welcome at
[{CONTACT}](mailto:{CONTACT}).

## Data sources

Names, keys and population figures of the cities, towns and districts come from the
official German municipality register. {REGISTER_ATTRIBUTION}.

## Design and technology

The pages follow the KERN design system for German public administration and are tested
for accessibility (see the [accessibility statement](/seite/barrierefreiheit/)). We do
not embed analytics or advertising services, nor content from other servers.
"""

PAGES = {
    Page.Slug.PROGRAMME: (
        "Kommunen für alle? – Rassismuskritik in kommunalen Verwaltungen",
        "Municipalities for all? – Challenging racism in local administrations",
        PROGRAMME_DE,
        PROGRAMME_EN,
    ),
    Page.Slug.IMPRINT: ("Impressum", "Imprint", IMPRINT_DE, IMPRINT_EN),
    Page.Slug.PRIVACY: ("Datenschutzerklärung", "Privacy notice", PRIVACY_DE, PRIVACY_EN),
    Page.Slug.ACCESSIBILITY: (
        "Erklärung zur Barrierefreiheit",
        "Accessibility statement",
        ACCESSIBILITY_DE,
        ACCESSIBILITY_EN,
    ),
    Page.Slug.ABOUT: ("Über die Plattform", "About the platform", ABOUT_DE, ABOUT_EN),
}


@transaction.atomic
def ensure_pages() -> list[Page]:
    """Create the pages that are missing and return them; existing pages stay as they are."""
    created = []
    for slug, (title_de, title_en, body_de, body_en) in PAGES.items():
        page, was_created = Page.objects.get_or_create(
            slug=slug,
            defaults={
                "title_de": title_de,
                "title_en": title_en,
                "body_de": body_de.strip(),
                "body_en": body_en.strip(),
            },
        )
        if was_created:
            created.append(page)
    return created
