"""The consent a person gives when joining the network, and the version that names it.

The text is kept next to its version: whoever changes what the text says must raise
``CONSENT_VERSION``, so that every stored membership still names the text its member
actually agreed to.
"""

from django.utils.translation import gettext_lazy as _

CONSENT_VERSION = "2025-11"

CONSENT_TITLE = _("Einwilligung in die Verarbeitung Ihrer Daten im Netzwerk")

# Each entry: (heading, paragraph). Plain language on purpose: people decide here
# whether to reveal their migration history.
CONSENT_SECTIONS = [
    (
        _("Warum wir fragen"),
        _(
            "Das Netzwerk verbindet Beschäftigte mit Migrationsgeschichte in den "
            "Modellkommunen. Wer Mitglied ist, zeigt damit, dass er oder sie eine "
            "Migrationsgeschichte hat. Das ist eine besonders geschützte Angabe nach "
            "Artikel 9 der Datenschutz-Grundverordnung. Wir speichern Ihre Mitgliedschaft "
            "deshalb nur, wenn Sie ausdrücklich einwilligen."
        ),
    ),
    (
        _("Was wir speichern"),
        _(
            "Ihren Namen, Ihre E-Mail-Adresse, Ihre Kommune, wenn Sie möchten Ihren "
            "Fachbereich sowie das Datum und die Fassung dieser Einwilligung. Wenn Sie sich "
            "zu einem Workshop des Netzwerks anmelden, speichern wir auch diese Anmeldung. "
            "Wir speichern nichts über Ihre Herkunft."
        ),
    ),
    (
        _("Wer Ihre Angaben sieht"),
        _(
            "Nur die Mitglieder des Netzwerks und die Netzwerkkoordinator*innen, die die "
            "ECCAR-Geschäftsstelle benannt hat. Die Koordination und die Personalverwaltung "
            "Ihrer Kommune sowie die Geschäftsstelle sehen keine Namen, sondern nur, wie "
            "viele Mitglieder eine Kommune hat – und keine Zahl unter 5."
        ),
    ),
    (
        _("Freiwillig"),
        _(
            "Die Mitgliedschaft ist freiwillig. Wenn Sie nicht beitreten, hat das keine "
            "Nachteile für Sie."
        ),
    ),
    (
        _("Widerruf"),
        _(
            "Sie können Ihre Einwilligung jederzeit widerrufen, indem Sie aus dem Netzwerk "
            "austreten. Dann löschen wir Ihre Mitgliedsdaten und Ihre Workshop-Anmeldungen "
            "sofort und vollständig."
        ),
    ),
    (
        _("Rechtsgrundlage"),
        _(
            "Ihre Einwilligung nach Artikel 6 Absatz 1 Buchstabe a und Artikel 9 Absatz 2 "
            "Buchstabe a der Datenschutz-Grundverordnung."
        ),
    ),
]

CONSENT_LABEL = _(
    "Ich willige ein, dass die oben genannten Angaben für meine Mitgliedschaft im "
    "Netzwerk gespeichert und den genannten Personen gezeigt werden."
)
CONSENT_REQUIRED = _("Bitte bestätigen Sie Ihre Einwilligung, um dem Netzwerk beizutreten.")
