"""The consent a person gives when joining the network, and the version that names it.

The text is kept next to its version: whoever changes what the text says must raise
``CONSENT_VERSION``, so that every stored membership still names the text its member
actually agreed to.
"""

from django.utils.translation import gettext_lazy as _

CONSENT_VERSION = "2026-12"

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
            "zu einem Workshop oder einer Veranstaltung nur für Mitglieder anmelden, speichern "
            "wir auch diese Anmeldung. Wir speichern nichts über Ihre Herkunft."
        ),
    ),
    (
        _("Wer Ihre Angaben sieht"),
        _(
            "Andere Mitglieder und die Netzwerkkoordinator*innen, die die "
            "ECCAR-Geschäftsstelle benannt hat, sehen Sie in der Mitgliederliste als „ein "
            "Mitglied aus“ Ihrem Land. Ihren Namen, Ihre Kommune und Ihren Fachbereich sehen "
            "sie nur, wenn Sie das nach dem Beitritt selbst wählen; Sie können es jederzeit "
            "zurücknehmen. Ihre E-Mail-Adresse zeigen wir niemandem."
        ),
    ),
    (
        _("Personalverantwortliche und Geschäftsstelle"),
        _(
            "Wer über Beschäftigte entscheidet – die Personalverwaltung einer Kommune und die "
            "ECCAR-Geschäftsstelle –, erfährt nie, wer Mitglied ist: Sie sehen keine Namen, "
            "sondern nur, wie viele Mitglieder eine Kommune hat, einmal im Monat in Stufen "
            "von fünf und keine Zahl unter 5. Beschäftigte der Personalverwaltung können "
            "selbst beitreten, sehen aber auch dann weder die Mitgliederliste noch Zahlen "
            "von Anmeldungen. Sie können nicht zur Netzwerkkoordination benannt werden. Von "
            "Veranstaltungen nur für Mitglieder sieht die Geschäftsstelle keine Namen und "
            "keine Kommunen, nur Zahlen ab 5 in Stufen von fünf."
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
            "austreten. Dann löschen wir Ihre Mitgliedsdaten, Ihre Workshop-Anmeldungen und "
            "Ihre Anmeldungen zu Veranstaltungen nur für Mitglieder sofort und vollständig, "
            "auch noch nicht verschickte E-Mails dazu."
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
