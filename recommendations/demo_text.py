"""The text of the demo's recommendations document and of the comments on it.

Written for the demo: the municipalities, people and cases it mentions are invented. Each
recommendation has an ``id`` ("1.2") that the comments, the changes for version 1.0 and
the field tests use to refer to it; the ids are the numbers of the consultation version.
"""

TITLE_DE = "Handlungsempfehlungen zu Rassismus in kommunalem Verwaltungshandeln"
TITLE_EN = "Recommendations on racism in municipal administrative practice"

FIRST_CHANGELOG = (
    "Erste vollständige Fassung für die Beteiligung der Modellkommunen und ihrer lokalen "
    "Fachbeiräte: fünf Kapitel mit 25 Empfehlungen, entstanden aus den Schulungen, den "
    "Workshops und den Sitzungen der Fachbeiräte im ersten Programmjahr."
)

SECOND_CHANGELOG = (
    "Fassung 1.0 nach der Auswertung der Beteiligungsrunde (rund 60 Kommentare aus den zehn "
    "Modellkommunen, alle beantwortet):\n\n"
    "- Empfehlung 1.1 nennt jetzt auch die Beschilderung; die bisherige Empfehlung 1.5 "
    "(mehrsprachige Beschilderung) ist darin aufgegangen und entfällt.\n"
    "- Neue Empfehlung 3.6: Schutz der Beschäftigten, die Diskriminierung melden.\n"
    "- Klarere Formulierungen in 1.2, 1.3, 2.1, 2.3, 2.4, 3.3, 4.2 und 5.1, jeweils nach "
    "übernommenen Vorschlägen aus der Beteiligung."
)

ROUND_GUIDE_CLOSED = (
    "- Sind die Empfehlungen in Ihrer Verwaltung umsetzbar?\n"
    "- Fehlt etwas, das Sie in Schulungen oder im Fachbeirat erlebt haben?\n"
    "- Wo ist eine Formulierung missverständlich?"
)

ROUND_GUIDE_OPEN = (
    "- Welche Empfehlungen der Fassung 1.0 haben Sie schon erprobt, und mit welchem Ergebnis?\n"
    "- Was brauchen Beschäftigte, um eine Empfehlung im Alltag umzusetzen?"
)

# Each chapter: title and its recommendations. Fields of action and departments are the
# codes of ``FieldOfAction.Code`` and ``Department.Code``; modules the demo training
# modules' codes.
CHAPTERS = [
    {
        "title": "Zugang zu Leistungen und verständliche Kommunikation",
        "recommendations": [
            {
                "id": "1.1",
                "title": "Bescheide und Schreiben in verständlicher Sprache verfassen",
                "paragraphs": [
                    "Die Verwaltung überarbeitet ihre häufigsten Bescheide und Anschreiben so, "
                    "dass sie ohne Fachwissen verstanden werden: kurze Sätze, ein Gedanke pro "
                    "Satz, Fristen und nächste Schritte *am Anfang* des Schreibens.",
                    "Jedem Standardschreiben liegt eine kurze Erläuterung in Leichter Sprache "
                    "bei. Die Fachbereiche prüfen ihre Vorlagen einmal im Jahr gemeinsam mit "
                    "Menschen, die sie erhalten.",
                ],
                "rationale": (
                    "Unverständliche Schreiben treffen Menschen, deren Erstsprache nicht Deutsch "
                    "ist, besonders hart: Fristen werden versäumt, Leistungen nicht beantragt."
                ),
                "fields": ["buergerservice", "kommunikation"],
                "departments": ["buergeramt", "sozialamt", "jobcenter"],
                "modules": ["kommunikation-buergerkontakt"],
            },
            {
                "id": "1.2",
                "title": "Sprachmittlung im Bürgeramt verlässlich anbieten",
                "paragraphs": [
                    "Das Bürgeramt bietet für die häufigsten Sprachen der Stadtgesellschaft "
                    "Sprachmittlung an, vor Ort oder per Video. Wer einen Termin bucht, kann "
                    "den Bedarf angeben; niemand muss eigene Angehörige mitbringen.",
                    "Kinder werden nicht als Dolmetschende eingesetzt. Die Kosten trägt die "
                    "Verwaltung aus einem eigenen Haushaltstitel.",
                ],
                "rationale": (
                    "Wer sich nicht verständigen kann, erhält keine gleichwertige Leistung. "
                    "Angehörige als Dolmetschende verletzen oft die Vertraulichkeit."
                ),
                "fields": ["buergerservice"],
                "departments": ["buergeramt", "auslaenderbehoerde", "sozialamt"],
                "modules": ["kommunikation-buergerkontakt"],
            },
            {
                "id": "1.3",
                "title": "Formulare ohne unnötige Fragen nach der Staatsangehörigkeit",
                "paragraphs": [
                    "Die Fachbereiche prüfen jedes Formular darauf, ob Staatsangehörigkeit, "
                    "Geburtsort oder Sprachkenntnisse für die Entscheidung wirklich gebraucht "
                    "werden. Fragen, für die es keine Rechtsgrundlage gibt, entfallen.",
                    "Wo die Angabe nötig ist, erklärt das Formular in einem Satz, wofür sie "
                    "verwendet wird.",
                ],
                "rationale": (
                    "Fragen ohne Zweck vermitteln Misstrauen und liefern Daten, die bei "
                    "Ermessensentscheidungen unbewusst mitwirken können."
                ),
                "fields": ["buergerservice", "soziales"],
                "departments": ["buergeramt", "sozialamt", "jobcenter"],
                "modules": [],
            },
            {
                "id": "1.4",
                "title": "Namen in Schreiben und Akten richtig wiedergeben",
                "paragraphs": [
                    "Die Fachverfahren speichern Namen mit allen diakritischen Zeichen und in "
                    "der Reihenfolge, die im Ausweisdokument steht. Schreiben sprechen Menschen "
                    "mit ihrem vollständigen Namen an.",
                    "Beschäftigte fragen nach, wenn sie unsicher sind, wie ein Name geschrieben "
                    "oder ausgesprochen wird, statt ihn zu kürzen oder einzudeutschen.",
                ],
                "rationale": (
                    "Ein falsch geschriebener Name ist mehr als ein Tippfehler: Er führt zu "
                    "Verwechslungen bei Behörden und Banken und signalisiert Geringschätzung."
                ),
                "fields": ["buergerservice", "kommunikation"],
                "departments": ["buergeramt", "auslaenderbehoerde"],
                "modules": ["kommunikation-buergerkontakt"],
            },
            {
                "id": "1.5",
                "title": "Wartebereiche mehrsprachig beschildern",
                "paragraphs": [
                    "Wegweiser, Aufrufanzeigen und Aushänge in den Wartebereichen erscheinen "
                    "neben Deutsch in Englisch und den zwei häufigsten weiteren Sprachen, "
                    "ergänzt um Piktogramme.",
                ],
                "rationale": (
                    "Wer den Weg nicht findet oder seinen Aufruf nicht versteht, verliert seinen "
                    "Termin."
                ),
                "fields": ["buergerservice"],
                "departments": ["buergeramt", "auslaenderbehoerde"],
                "modules": [],
            },
        ],
    },
    {
        "title": "Ermessen und Entscheidungen",
        "recommendations": [
            {
                "id": "2.1",
                "title": "Ermessensentscheidungen in der Ausländerbehörde nachvollziehbar machen",
                "paragraphs": [
                    "Die Ausländerbehörde hält für wiederkehrende Ermessensentscheidungen "
                    "schriftliche Kriterien fest, etwa für die Dauer einer Aufenthaltserlaubnis "
                    "oder für Auflagen. Jede Entscheidung nennt die Kriterien, auf die sie "
                    "sich stützt.",
                    "Eine Stichprobe der Entscheidungen wird jedes Halbjahr von einer Kollegin "
                    "oder einem Kollegen aus einem anderen Sachgebiet gelesen.",
                ],
                "rationale": (
                    "Wo Kriterien fehlen, entscheiden Routinen und Bilder im Kopf mit. "
                    "Schriftliche Kriterien schützen auch die Beschäftigten vor Vorwürfen."
                ),
                "fields": ["aufsicht-ordnung"],
                "departments": ["auslaenderbehoerde"],
                "modules": ["grundlagen-rassismuskritik"],
            },
            {
                "id": "2.2",
                "title": "Vier-Augen-Prinzip bei belastenden Entscheidungen",
                "paragraphs": [
                    "Entscheidungen, die eine Leistung versagen, eine Sanktion verhängen oder "
                    "einen Aufenthalt beenden, prüft vor dem Versand eine zweite Person.",
                    "Die zweite Person achtet besonders darauf, ob Herkunft, Sprache oder "
                    "Religion in der Begründung eine Rolle spielen, die ihnen nicht zukommt.",
                ],
                "rationale": (
                    "Belastende Entscheidungen wiegen schwer und sind schwer rückgängig zu "
                    "machen; eine zweite Sicht fängt vorschnelle Schlüsse ab."
                ),
                "fields": ["aufsicht-ordnung", "soziales"],
                "departments": ["auslaenderbehoerde", "sozialamt", "jobcenter"],
                "modules": ["grundlagen-rassismuskritik"],
            },
            {
                "id": "2.3",
                "title": "Kontrollen des Ordnungsamts ohne Racial Profiling",
                "paragraphs": [
                    "Das Ordnungsamt kontrolliert Personen nur aufgrund eines konkreten "
                    "Verhaltens oder eines konkreten Hinweises, nie wegen ihres Aussehens.",
                    "Jede Personenkontrolle wird mit Anlass, Ort und Uhrzeit dokumentiert. Die "
                    "kontrollierte Person erhält auf Wunsch eine Bescheinigung über die "
                    "Kontrolle und ihren Anlass.",
                ],
                "rationale": (
                    "Kontrollen nach äußeren Merkmalen verletzen das Gleichbehandlungsgebot "
                    "und das Vertrauen ganzer Nachbarschaften in die Verwaltung."
                ),
                "fields": ["aufsicht-ordnung"],
                "departments": ["ordnungsamt"],
                "modules": ["grundlagen-rassismuskritik"],
            },
            {
                "id": "2.4",
                "title": "Gefährdungseinschätzungen im Jugendamt ohne Stereotype",
                "paragraphs": [
                    "Das Jugendamt prüft seine Einschätzungsbögen darauf, ob kulturelle "
                    "Zuschreibungen als Risikofaktoren erscheinen, etwa die Herkunft der Eltern "
                    "oder die Familiensprache.",
                    "In Fallberatungen benennt das Team ausdrücklich, welche Beobachtung eine "
                    "Einschätzung trägt, und trennt sie von Annahmen über die Familie.",
                ],
                "rationale": (
                    "Der Schutz von Kindern verlangt genaue Beobachtung. Stereotype verstellen "
                    "den Blick: Sie übersehen Gefährdungen ebenso wie sie Familien zu Unrecht "
                    "belasten."
                ),
                "fields": ["bildung", "soziales"],
                "departments": ["jugendamt"],
                "modules": ["grundlagen-rassismuskritik"],
            },
            {
                "id": "2.5",
                "title": "Leistungsentscheidungen auf Muster prüfen",
                "paragraphs": [
                    "Jobcenter und Sozialamt werten einmal im Jahr aus, ob Ablehnungen, "
                    "Sanktionen und Rückforderungen bei bestimmten Gruppen auffällig häufiger "
                    "vorkommen. Dafür genügen die vorhandenen Verfahrensdaten.",
                    "Auffälligkeiten sind kein Beweis, aber ein Anlass: Die Leitung lässt die "
                    "betroffenen Fälle ansehen und berichtet, was sie gefunden hat.",
                ],
                "rationale": (
                    "Ungleichbehandlung zeigt sich oft erst in der Summe vieler einzelner, für "
                    "sich genommen vertretbarer Entscheidungen."
                ),
                "fields": ["soziales"],
                "departments": ["jobcenter", "sozialamt"],
                "modules": [],
            },
        ],
    },
    {
        "title": "Beschwerden, Daten und Beteiligung",
        "recommendations": [
            {
                "id": "3.1",
                "title": "Eine unabhängige und leicht erreichbare Beschwerdestelle",
                "paragraphs": [
                    "Die Kommune richtet eine Beschwerdestelle für Diskriminierung ein oder "
                    "beauftragt eine bestehende Antidiskriminierungsberatung. Sie ist nicht "
                    "dem Fachbereich unterstellt, über den sich jemand beschwert.",
                    "Beschwerden sind auf mehreren Wegen möglich:\n\n"
                    "- persönlich, ohne Termin zu festen Zeiten\n"
                    "- telefonisch und per E-Mail\n"
                    "- über ein Online-Formular, auch anonym",
                ],
                "rationale": (
                    "Wer Diskriminierung erlebt, wendet sich nur an eine Stelle, der er vertraut "
                    "und die er ohne Hürden erreicht."
                ),
                "fields": ["kommunikation"],
                "departments": ["buergeramt", "ordnungsamt", "auslaenderbehoerde"],
                "modules": ["beschwerdemanagement"],
            },
            {
                "id": "3.2",
                "title": "Beschwerden nachverfolgen und beantworten",
                "paragraphs": [
                    "Jede Beschwerde erhält innerhalb von zwei Wochen eine Antwort, die sagt, "
                    "was geprüft wurde und was sich ändert. Die Beschwerdestelle verfolgt nach, "
                    "ob zugesagte Änderungen umgesetzt werden.",
                ],
                "rationale": (
                    "Eine Beschwerde ohne Antwort bestätigt die Erfahrung, nicht gehört zu werden."
                ),
                "fields": ["kommunikation"],
                "departments": ["buergeramt", "sozialamt"],
                "modules": ["beschwerdemanagement"],
            },
            {
                "id": "3.3",
                "title": "Daten zu Ungleichbehandlung erheben – freiwillig und anonym",
                "paragraphs": [
                    "Die Kommune befragt Bürgerinnen und Bürger sowie Beschäftigte in "
                    "regelmäßigen Abständen zu ihren Erfahrungen mit Diskriminierung. Die "
                    "Teilnahme ist freiwillig, die Auswertung anonym.",
                    "Ergebnisse werden nur für Gruppen ab einer Mindestgröße ausgewiesen, "
                    "damit niemand erkennbar wird.",
                ],
                "rationale": (
                    "Ohne Daten bleibt Diskriminierung eine Sache des Einzelfalls; mit ihnen "
                    "lässt sich zeigen, wo die Verwaltung ansetzen muss."
                ),
                "fields": ["kommunikation", "personal"],
                "departments": ["personal", "buergeramt"],
                "modules": [],
            },
            {
                "id": "3.4",
                "title": "Dem Rat und der Öffentlichkeit berichten",
                "paragraphs": [
                    "Die Verwaltung legt dem Rat jährlich einen kurzen Bericht vor: Beschwerden "
                    "und ihre Ergebnisse, Befragungsergebnisse, umgesetzte Maßnahmen. Der "
                    "Bericht wird veröffentlicht.",
                ],
                "rationale": (
                    "Ein öffentlicher Bericht macht Fortschritte sichtbar und schafft "
                    "Verbindlichkeit über Wahlperioden hinweg."
                ),
                "fields": ["kommunikation"],
                "departments": [],
                "modules": ["fuehrung-organisationsentwicklung"],
            },
            {
                "id": "3.5",
                "title": "Betroffene und Migrantenorganisationen beteiligen",
                "paragraphs": [
                    "Die Fachbereiche laden Migrantenorganisationen und Beratungsstellen ein, "
                    "neue Verfahren und Vordrucke vor ihrer Einführung zu prüfen. Die "
                    "Beteiligung wird angemessen vergütet.",
                ],
                "rationale": (
                    "Wer Verfahren von außen erlebt, sieht Hürden, die von innen nicht auffallen."
                ),
                "fields": ["kommunikation", "buergerservice"],
                "departments": ["buergeramt", "sozialamt"],
                "modules": [],
            },
        ],
    },
    {
        "title": "Personal und Organisation",
        "recommendations": [
            {
                "id": "4.1",
                "title": "Stellenausschreibungen, die alle ansprechen",
                "paragraphs": [
                    "Ausschreibungen nennen nur Anforderungen, die für die Stelle nötig sind. "
                    "*Deutsch als Muttersprache* wird nicht verlangt; wo Sprachkenntnisse "
                    "nötig sind, wird das Niveau genannt.",
                    "Die Kommune weist ausdrücklich darauf hin, dass sie Bewerbungen von "
                    "Menschen mit Migrationsgeschichte begrüßt, und veröffentlicht "
                    "Ausschreibungen auch dort, wo diese sie lesen.",
                ],
                "rationale": (
                    "Überzogene Sprachanforderungen schließen geeignete Bewerberinnen und "
                    "Bewerber aus, bevor ihre Eignung geprüft wird."
                ),
                "fields": ["personal"],
                "departments": ["personal"],
                "modules": ["personalauswahl"],
            },
            {
                "id": "4.2",
                "title": "Strukturierte Auswahlgespräche und gemischte Kommissionen",
                "paragraphs": [
                    "Alle Bewerbenden erhalten dieselben Fragen in derselben Reihenfolge; "
                    "die Antworten werden nach vorher festgelegten Maßstäben bewertet.",
                    "Auswahlkommissionen sind nach Geschlecht und Herkunft gemischt besetzt, "
                    "soweit die Verwaltung das leisten kann.",
                ],
                "rationale": (
                    "Unstrukturierte Gespräche begünstigen Bewerbende, die den Auswählenden ähneln."
                ),
                "fields": ["personal"],
                "departments": ["personal"],
                "modules": ["personalauswahl"],
            },
            {
                "id": "4.3",
                "title": "Entwicklung und Beförderung transparent machen",
                "paragraphs": [
                    "Die Kriterien für Beförderungen, Höhergruppierungen und Fortbildungen "
                    "sind allen Beschäftigten bekannt. Das Personalamt wertet jährlich aus, "
                    "wer gefördert wurde.",
                ],
                "rationale": (
                    "Beschäftigte mit Migrationsgeschichte sind in Leitungsfunktionen selten; "
                    "intransparente Wege verfestigen das."
                ),
                "fields": ["personal"],
                "departments": ["personal"],
                "modules": ["fuehrung-organisationsentwicklung"],
            },
            {
                "id": "4.4",
                "title": "Schulung für alle Beschäftigten mit Publikumsverkehr",
                "paragraphs": [
                    "Alle Beschäftigten mit Publikumsverkehr nehmen innerhalb von zwei Jahren "
                    "an einer Grundlagenschulung zu Rassismuskritik teil; neue Beschäftigte im "
                    "ersten Dienstjahr.",
                    "Die Schulung findet in der Arbeitszeit statt und wird durch eine "
                    "Vertiefung im eigenen Fachbereich ergänzt.",
                ],
                "rationale": (
                    "Haltung und Wissen entstehen nicht von selbst; die Schulungen des "
                    "Programms zeigen, dass gerade der fachliche Bezug wirkt."
                ),
                "fields": ["personal"],
                "departments": ["personal", "buergeramt", "auslaenderbehoerde"],
                "modules": ["grundlagen-rassismuskritik", "kommunikation-buergerkontakt"],
            },
            {
                "id": "4.5",
                "title": "Führungskräfte übernehmen Verantwortung",
                "paragraphs": [
                    "Führungskräfte sprechen rassistische Vorfälle in ihrem Bereich an, "
                    "unterstützen Betroffene und sorgen dafür, dass Empfehlungen umgesetzt "
                    "werden. Das ist Teil ihrer Zielvereinbarungen.",
                ],
                "rationale": (
                    "Ohne die Leitung bleibt Rassismuskritik Sache Einzelner und endet mit "
                    "deren Wechsel."
                ),
                "fields": ["personal"],
                "departments": ["personal"],
                "modules": ["fuehrung-organisationsentwicklung"],
            },
        ],
    },
    {
        "title": "Bildung, Jugend und Überprüfung",
        "recommendations": [
            {
                "id": "5.1",
                "title": "Schulanmeldung ohne Hürden",
                "paragraphs": [
                    "Die Anmeldung zur Schule ist ohne Meldebescheinigung möglich, wenn die "
                    "Familie ihren Aufenthalt auf andere Weise glaubhaft macht. Kinder in "
                    "Gemeinschaftsunterkünften werden wie alle anderen angemeldet.",
                    "Die Anmeldeunterlagen liegen in mehreren Sprachen vor.",
                ],
                "rationale": (
                    "Jeder Monat ohne Schulplatz kostet Kinder Bildungschancen, die sie kaum "
                    "aufholen."
                ),
                "fields": ["bildung"],
                "departments": ["schule", "buergeramt"],
                "modules": [],
            },
            {
                "id": "5.2",
                "title": "Schulplätze nachvollziehbar vergeben",
                "paragraphs": [
                    "Die Kriterien für die Vergabe von Schulplätzen bei Übernachfrage sind "
                    "veröffentlicht. Die Kommune wertet aus, ob Kinder aus bestimmten "
                    "Stadtteilen oder Familien häufiger abgewiesen werden.",
                ],
                "rationale": (
                    "Ungleiche Verteilung verstärkt die Trennung nach Herkunft zwischen den "
                    "Schulen."
                ),
                "fields": ["bildung"],
                "departments": ["schule"],
                "modules": [],
            },
            {
                "id": "5.3",
                "title": "Jugendamt und Schulen bei Diskriminierung zusammenbringen",
                "paragraphs": [
                    "Jugendamt und Schulen vereinbaren, wie sie bei rassistischen Vorfällen an "
                    "Schulen zusammenarbeiten, und nennen feste Ansprechpersonen.",
                ],
                "rationale": (
                    "Kinder und Eltern sollen nicht zwischen Zuständigkeiten verloren gehen."
                ),
                "fields": ["bildung"],
                "departments": ["schule", "jugendamt"],
                "modules": ["beschwerdemanagement"],
            },
            {
                "id": "5.4",
                "title": "Ziele und Kennzahlen festlegen",
                "paragraphs": [
                    "Die Verwaltung legt für jede umgesetzte Empfehlung ein Ziel und eine "
                    "einfache Kennzahl fest, zum Beispiel den Anteil überarbeiteter Vordrucke "
                    "oder geschulter Beschäftigter.",
                ],
                "rationale": "Was nicht gemessen wird, gerät im Alltag aus dem Blick.",
                "fields": ["kommunikation"],
                "departments": ["personal"],
                "modules": ["fuehrung-organisationsentwicklung"],
            },
            {
                "id": "5.5",
                "title": "Die Umsetzung regelmäßig überprüfen",
                "paragraphs": [
                    "Alle zwei Jahre prüft die Verwaltung mit dem lokalen Fachbeirat, welche "
                    "Empfehlungen umgesetzt sind, was gewirkt hat und was nachgesteuert werden "
                    "muss.",
                    "Das Ergebnis fließt in den Bericht an den Rat ein.",
                ],
                "rationale": (
                    "Empfehlungen altern; ihre Überprüfung hält sie lebendig und zeigt, wo "
                    "sie angepasst werden müssen."
                ),
                "fields": ["kommunikation"],
                "departments": [],
                "modules": [],
            },
        ],
    },
]

# The recommendation 1.0 adds at the end of chapter 3, after the proposal on 3.1.
ADDED_RECOMMENDATION = {
    "chapter": 3,
    "title": "Beschäftigte schützen, die Diskriminierung melden",
    "paragraphs": [
        "Wer innerhalb der Verwaltung auf Diskriminierung hinweist, darf dadurch keine "
        "Nachteile erfahren. Die Dienstvereinbarung zum Beschwerdeverfahren sagt das "
        "ausdrücklich und nennt eine Ansprechperson außerhalb der eigenen Linie.",
    ],
    "rationale": (
        "Beschäftigte sehen Benachteiligungen oft als Erste; sie melden sie nur, wenn sie "
        "geschützt sind."
    ),
    "fields": ["personal", "kommunikation"],
    "departments": ["personal"],
    "modules": ["beschwerdemanagement"],
}

# The recommendation 1.0 removes (its content moved into 1.1).
REMOVED_RECOMMENDATION = "1.5"

# Changes for 1.0 that follow adopted comments: (id, paragraph index, old passage, new).
REVISIONS = [
    (
        "1.1",
        1,
        "Jedem Standardschreiben liegt",
        "Wegweiser und Aufrufanzeigen sind mehrsprachig und mit Piktogrammen gestaltet. "
        "Jedem Standardschreiben liegt",
    ),
    ("1.2", 0, "die häufigsten Sprachen", "die zehn häufigsten Sprachen"),
    ("1.3", 1, "in einem Satz", "in einem Satz und in Leichter Sprache"),
    (
        "2.1",
        1,
        "jedes Halbjahr",
        "jedes Halbjahr, mindestens zehn Entscheidungen,",
    ),
    ("2.3", 1, "auf Wunsch eine Bescheinigung", "unaufgefordert eine Bescheinigung"),
    ("2.4", 1, "benennt das Team ausdrücklich", "benennt das Team ausdrücklich und schriftlich"),
    ("3.3", 1, "ab einer Mindestgröße", "ab einer Mindestgröße von fünf Personen"),
    ("4.2", 1, "soweit die Verwaltung das leisten kann", "wo immer das möglich ist"),
    ("5.1", 1, "in mehreren Sprachen", "in mehreren Sprachen und in Leichter Sprache"),
]

# One comment per recommendation from the consultation round on 0.9.
# (id, paragraph index, kind, quote or "", text, suggested wording, status, reason)
SPECIFIC_COMMENTS = [
    (
        "1.1",
        1,
        "proposal",
        "",
        "Die Beschilderung im Wartebereich gehört zum selben Thema wie die Schreiben. Wir "
        "würden 1.5 hier aufnehmen, statt eine eigene Empfehlung daraus zu machen.",
        "Wegweiser und Aufrufanzeigen sind mehrsprachig und mit Piktogrammen gestaltet.",
        "adopted",
        "Übernommen: 1.1 nennt jetzt die Beschilderung, die Empfehlung 1.5 entfällt.",
    ),
    (
        "1.2",
        0,
        "proposal",
        "die häufigsten Sprachen",
        "„Die häufigsten“ lässt zu viel offen. Eine feste Zahl hilft uns bei der Planung des "
        "Haushalts.",
        "die zehn häufigsten Sprachen",
        "adopted",
        "Übernommen. Zehn Sprachen decken in allen Modellkommunen den größten Teil der "
        "Anfragen ab.",
    ),
    (
        "1.3",
        1,
        "proposal",
        "in einem Satz",
        "Die Erklärung sollte auch in Leichter Sprache vorliegen, sonst hilft sie gerade "
        "denen nicht, die sie brauchen.",
        "in einem Satz und in Leichter Sprache",
        "adopted",
        "Übernommen.",
    ),
    (
        "1.4",
        0,
        "concern",
        "mit allen diakritischen Zeichen",
        "Unser Fachverfahren im Meldewesen kann einige Zeichen nicht speichern. Die "
        "Empfehlung ist richtig, aber wir können sie erst mit dem nächsten Update umsetzen.",
        "",
        "not_adopted",
        "Wir lassen die Empfehlung unverändert: Sie beschreibt das Ziel. Die Umstellung der "
        "Fachverfahren nennen wir in den Hinweisen zur Umsetzung als typisches Hindernis.",
    ),
    (
        "1.5",
        0,
        "concern",
        "",
        "Die Empfehlung überschneidet sich mit 1.1. Zwei Empfehlungen zum selben Thema "
        "machen es den Fachbereichen schwer, Prioritäten zu setzen.",
        "",
        "settled_elsewhere",
        "Erledigt durch die Änderung von 1.1, in der die Beschilderung jetzt steht.",
    ),
    (
        "2.1",
        1,
        "proposal",
        "jedes Halbjahr",
        "Ohne Mindestumfang wird die Stichprobe schnell zu einer einzigen Akte.",
        "jedes Halbjahr, mindestens zehn Entscheidungen,",
        "adopted",
        "Übernommen; zehn Entscheidungen sind auch in kleinen Behörden leistbar.",
    ),
    (
        "2.2",
        0,
        "concern",
        "",
        "In kleinen Gemeinden gibt es für manche Aufgaben nur eine zuständige Person. Das "
        "Vier-Augen-Prinzip ist dort nur mit Hilfe des Kreises möglich.",
        "",
        "partly_adopted",
        "Teilweise übernommen: Die Hinweise zur Umsetzung nennen die Zusammenarbeit mit dem "
        "Kreis; die Empfehlung selbst gilt unverändert.",
    ),
    (
        "2.3",
        1,
        "proposal",
        "auf Wunsch eine Bescheinigung",
        "Viele Betroffene wissen nicht, dass sie eine Bescheinigung verlangen können. Sie "
        "sollte ohne Nachfrage ausgehändigt werden.",
        "unaufgefordert eine Bescheinigung",
        "adopted",
        "Übernommen. Die Erfahrungen aus den Praxistests zeigen, dass die Bescheinigung "
        "Gespräche eher entspannt.",
    ),
    (
        "2.4",
        1,
        "proposal",
        "benennt das Team ausdrücklich",
        "Die Trennung von Beobachtung und Annahme sollte in der Akte stehen, sonst ist sie "
        "später nicht nachvollziehbar.",
        "benennt das Team ausdrücklich und schriftlich",
        "adopted",
        "Übernommen.",
    ),
    (
        "2.5",
        0,
        "concern",
        "Dafür genügen die vorhandenen Verfahrensdaten.",
        "Das Jobcenter ist eine gemeinsame Einrichtung mit der Agentur für Arbeit; die "
        "Kommune kann die Auswertung dort nicht allein anordnen.",
        "",
        "out_of_scope",
        "Die Zuständigkeit des Jobcenters regelt das Bundesrecht und liegt außerhalb dieser "
        "Empfehlungen. Die Empfehlung richtet sich an die kommunale Seite der Trägerschaft.",
    ),
    (
        "3.1",
        0,
        "proposal",
        "",
        "Es fehlt der Schutz der Beschäftigten, die intern auf Diskriminierung hinweisen. "
        "Ohne ihn bleiben viele Fälle ungemeldet.",
        "Wer innerhalb der Verwaltung auf Diskriminierung hinweist, darf dadurch keine "
        "Nachteile erfahren.",
        "adopted",
        "Übernommen als eigene Empfehlung 3.6.",
    ),
    (
        "3.2",
        0,
        "concern",
        "innerhalb von zwei Wochen",
        "Zwei Wochen sind für eine vollständige Prüfung oft zu kurz, besonders wenn mehrere "
        "Fachbereiche beteiligt sind.",
        "",
        "not_adopted",
        "Nicht übernommen: Innerhalb von zwei Wochen soll eine erste Antwort kommen, die auch "
        "sagen kann, bis wann die Prüfung dauert. Das stellen die Hinweise zur Umsetzung klar.",
    ),
    (
        "3.3",
        1,
        "proposal",
        "ab einer Mindestgröße",
        "Bitte eine Zahl nennen; sonst legt jede Kommune die Grenze anders fest.",
        "ab einer Mindestgröße von fünf Personen",
        "adopted",
        "Übernommen; fünf entspricht der Grenze, die auch die Auswertungen des Programms "
        "verwenden.",
    ),
    (
        "3.4",
        0,
        "agreement",
        "",
        "Der jährliche Bericht hat bei uns die Zusammenarbeit mit dem Rat deutlich verbessert.",
        "",
        "adopted",
        "Danke für die Bestätigung; die Empfehlung bleibt unverändert.",
    ),
    (
        "3.5",
        0,
        "concern",
        "angemessen vergütet",
        "Für eine Vergütung fehlt uns die Haushaltsstelle. Wir bitten um Hinweise, wie andere "
        "Kommunen das lösen.",
        "",
        "partly_adopted",
        "Die Vergütung bleibt Teil der Empfehlung. Beispiele aus drei Modellkommunen "
        "ergänzen wir in der Handreichung.",
    ),
    (
        "4.1",
        0,
        "agreement",
        "Deutsch als Muttersprache",
        "Genau diese Formulierung haben wir in einer Ausschreibung gefunden und gestrichen.",
        "",
        "adopted",
        "Danke; die Empfehlung bleibt so.",
    ),
    (
        "4.2",
        1,
        "proposal",
        "soweit die Verwaltung das leisten kann",
        "Die Einschränkung lädt dazu ein, es gar nicht erst zu versuchen.",
        "wo immer das möglich ist",
        "adopted",
        "Übernommen.",
    ),
    (
        "4.3",
        0,
        "concern",
        "wertet jährlich aus, wer gefördert wurde",
        "Der Personalrat hat Bedenken, wenn dafür Merkmale zur Herkunft gespeichert werden.",
        "",
        "partly_adopted",
        "Die Auswertung stützt sich auf die freiwillige, anonyme Befragung nach 3.3; darauf "
        "weisen die Hinweise zur Umsetzung jetzt hin.",
    ),
    (
        "4.4",
        1,
        "agreement",
        "",
        "Die Vertiefung im eigenen Fachbereich war bei uns der wirksamste Teil.",
        "",
        "adopted",
        "Danke für die Rückmeldung aus der Praxis.",
    ),
    (
        "4.5",
        0,
        "concern",
        "Das ist Teil ihrer Zielvereinbarungen.",
        "Nicht alle Kommunen arbeiten mit Zielvereinbarungen.",
        "",
        "not_adopted",
        "Wir lassen den Satz stehen: Wo es keine Zielvereinbarungen gibt, gilt er für das "
        "entsprechende Instrument der Führung. Das erläutern die Hinweise.",
    ),
    (
        "5.1",
        1,
        "proposal",
        "in mehreren Sprachen",
        "Neben mehreren Sprachen sollten die Unterlagen auch in Leichter Sprache vorliegen.",
        "in mehreren Sprachen und in Leichter Sprache",
        "adopted",
        "Übernommen.",
    ),
    (
        "5.2",
        0,
        "concern",
        "",
        "Die Vergabe der Schulplätze liegt bei uns beim Land, nicht bei der Kommune.",
        "",
        "out_of_scope",
        "Wo das Land vergibt, liegt die Empfehlung außerhalb des kommunalen Auftrags; sie gilt "
        "für Kommunen, die selbst Schulträger mit eigener Vergabe sind.",
    ),
    (
        "5.3",
        0,
        "agreement",
        "",
        "Feste Ansprechpersonen helfen sehr; bei uns gibt es sie seit dem letzten Schuljahr.",
        "",
        "adopted",
        "Danke; wir nehmen Ihr Beispiel in die Handreichung auf.",
    ),
    (
        "5.4",
        0,
        "concern",
        "",
        "Kennzahlen für jede einzelne Empfehlung sind für kleine Verwaltungen zu viel.",
        "",
        "not_adopted",
        "Die Kennzahl soll einfach sein; eine pro Empfehlung ist auch klein zu leisten. Die "
        "Handreichung zeigt Beispiele.",
    ),
    (
        "5.5",
        1,
        "agreement",
        "",
        "Gut, dass der Fachbeirat die Überprüfung begleitet.",
        "",
        "adopted",
        "Danke.",
    ),
]

# Further comments of the round, each used on several recommendations; "{title}" is the
# recommendation's title. (kind, text, status, reason)
GENERAL_COMMENTS = [
    (
        "agreement",
        "Wir unterstützen „{title}“ ausdrücklich; in unseren Schulungen kam genau dieses "
        "Thema immer wieder zur Sprache.",
        "adopted",
        "Danke für die Zustimmung; die Empfehlung bleibt in der Sache unverändert.",
    ),
    (
        "concern",
        "Für „{title}“ fehlen uns derzeit Personal und Zeit. Wir bitten um einen Hinweis, "
        "womit man klein anfangen kann.",
        "partly_adopted",
        "Die Handreichung zur Fassung 1.0 nennt für jede Empfehlung einen ersten Schritt, der "
        "ohne zusätzliches Personal möglich ist.",
    ),
    (
        "agreement",
        "„{title}“ setzen wir bereits um; unsere Erfahrungen teilen wir gern im Netzwerktreffen.",
        "adopted",
        "Danke; wir laden Sie zum nächsten Netzwerktreffen ein, um darüber zu berichten.",
    ),
    (
        "concern",
        "Bei „{title}“ ist unklar, welcher Fachbereich die Federführung hat.",
        "not_adopted",
        "Die Federführung legt jede Kommune selbst fest; die Empfehlungen nennen die "
        "betroffenen Fachbereiche, nicht ihre Organisation.",
    ),
    (
        "concern",
        "„{title}“ berührt Landesrecht; ohne eine Änderung dort können wir nur einen Teil "
        "umsetzen.",
        "out_of_scope",
        "Änderungen des Landesrechts liegen außerhalb des Auftrags dieser Empfehlungen; "
        "die Empfehlung beschreibt, was im kommunalen Spielraum möglich ist.",
    ),
    (
        "agreement",
        "Der Fachbeirat hat „{title}“ besprochen und hält die Empfehlung für vordringlich.",
        "adopted",
        "Danke an den Fachbeirat; die Empfehlung bleibt unverändert.",
    ),
    (
        "concern",
        "Zu „{title}“ wünschen wir uns ein Beispiel aus einer anderen Kommune.",
        "settled_elsewhere",
        "Erledigt durch die Handreichung mit Beispielen aus den Modellkommunen, die mit der "
        "Fassung 1.0 erscheint.",
    ),
]

# Replies during the round to some of the specific comments: (id of the commented
# recommendation, text).
REPLIES = [
    ("1.2", "Wir sehen das genauso; eine feste Zahl hilft auch gegenüber der Kämmerei."),
    ("2.3", "Bei uns gibt es die Bescheinigung schon; die Rückmeldungen sind gut."),
    ("3.1", "Dem schließen wir uns an, der Personalrat bei uns ebenso."),
    ("4.3", "Bei uns hat der Personalrat der anonymen Befragung zugestimmt."),
]

# Comments in the open round on 1.0: (id in 1.0, paragraph index, kind, text, answer or "").
OPEN_ROUND_COMMENTS = [
    (
        "1.2",
        0,
        "agreement",
        "Die Videodolmetschung läuft bei uns seit drei Monaten; die Wartezeiten sind kürzer "
        "geworden.",
        "Danke; wir nehmen Ihre Erfahrung in die Beispiele auf.",
    ),
    (
        "2.3",
        1,
        "concern",
        "Die Bescheinigung braucht ein einheitliches Muster, sonst sieht sie in jeder "
        "Kommune anders aus.",
        "",
    ),
    (
        "3.6",
        0,
        "agreement",
        "Gut, dass der Schutz der meldenden Beschäftigten jetzt eine eigene Empfehlung ist.",
        "",
    ),
    (
        "4.4",
        0,
        "proposal",
        "Zwei Jahre sind für große Verwaltungen knapp; drei Jahre wären realistisch.",
        "",
    ),
    (
        "5.1",
        0,
        "concern",
        "Die Glaubhaftmachung des Aufenthalts sollte mit Beispielen erläutert werden.",
        "Wir ergänzen Beispiele in der Handreichung.",
    ),
    (
        "5.4",
        0,
        "agreement",
        "Die Kennzahlen helfen uns im Bericht an den Rat.",
        "",
    ),
]

# Field tests, one per model municipality in cohort order: (id, department, state,
# result, what, where, who, observations, obstacles, helped, proposal).
FIELD_TESTS = [
    (
        "1.1",
        "buergeramt",
        "done",
        "implemented",
        "Die zehn häufigsten Schreiben des Bürgeramts in verständlicher Sprache neu fassen.",
        "Bürgeramt, Team Meldewesen",
        "Leitung Bürgeramt",
        "Weniger Rückfragen am Telefon; Fristen werden seltener versäumt.",
        "Die Vorlagen im Fachverfahren ließen sich nur über den Hersteller ändern.",
        "Eine Lesegruppe aus dem Integrationsrat hat jeden Entwurf geprüft.",
        "Die Empfehlung könnte ein Beispiel für eine überarbeitete Fristangabe enthalten.",
    ),
    (
        "2.3",
        "ordnungsamt",
        "done",
        "partly",
        "Kontrollen mit Anlass dokumentieren und eine Bescheinigung ausgeben.",
        "Kommunaler Ordnungsdienst, Innenstadt",
        "Leitung Ordnungsdienst",
        "Die Dokumentation wird konsequent geführt; Bescheinigungen werden selten verlangt.",
        "Im Schichtdienst fehlte anfangs ein einheitliches Formular.",
        "Eine kurze Einweisung zu Schichtbeginn.",
        "Die Bescheinigung unaufgefordert aushändigen.",
    ),
    (
        "1.3",
        "sozialamt",
        "done",
        "implemented",
        "Alle Antragsformulare des Sozialamts auf Fragen nach der Staatsangehörigkeit prüfen.",
        "Sozialamt, Abteilung Grundsicherung",
        "Sachgebietsleitung Grundsicherung",
        "Von 14 Formularen fragten 9 nach der Staatsangehörigkeit, nötig war es in 3.",
        "",
        "Die Prüfliste aus der Schulung.",
        "",
    ),
    (
        "4.2",
        "personal",
        "done",
        "not_feasible",
        "Gemischt besetzte Auswahlkommissionen für alle Ausschreibungen.",
        "Personalamt",
        "Leitung Personalamt",
        "Strukturierte Fragen wurden gut angenommen.",
        "Für gemischte Kommissionen fehlten in kleinen Ämtern geeignete Personen; die "
        "Besetzung verzögerte Verfahren um Wochen.",
        "Der Austausch mit einer Nachbarkommune über gemeinsame Kommissionen.",
        "Die Empfehlung sollte die Zusammenarbeit mit Nachbarkommunen als Weg nennen.",
    ),
    (
        "2.1",
        "auslaenderbehoerde",
        "done",
        "partly",
        "Schriftliche Kriterien für die Dauer von Aufenthaltserlaubnissen.",
        "Ausländerbehörde, Sachgebiet Aufenthalt",
        "Leitung Ausländerbehörde",
        "Die Kriterien machen Entscheidungen einheitlicher; die Stichprobe läuft.",
        "Hohe Fallzahlen ließen wenig Zeit für die gemeinsame Auswertung.",
        "Rückendeckung durch die Dezernentin.",
        "",
    ),
    (
        "3.1",
        "buergeramt",
        "running",
        "",
        "Online-Formular für Beschwerden über Diskriminierung, auch anonym.",
        "Beschwerdestelle im Bürgerbüro",
        "Koordination Modellkommune",
        "",
        "",
        "",
        "",
    ),
    (
        "2.4",
        "jugendamt",
        "running",
        "",
        "Einschätzungsbögen des Allgemeinen Sozialen Dienstes überarbeiten.",
        "Jugendamt, Allgemeiner Sozialer Dienst",
        "Teamleitung ASD",
        "Erste Fallberatungen mit dem neuen Bogen sind geführt.",
        "",
        "",
        "",
    ),
    (
        "1.2",
        "buergeramt",
        "running",
        "",
        "Videodolmetschen am Schalter für zehn Sprachen.",
        "Bürgeramt, Hauptstelle",
        "Sachgebietsleitung Bürgerservice",
        "",
        "",
        "",
        "",
    ),
    (
        "5.1",
        "schule",
        "planned",
        "",
        "Schulanmeldung ohne Meldebescheinigung für Kinder in Gemeinschaftsunterkünften.",
        "Schulverwaltungsamt",
        "Leitung Schulverwaltung",
        "",
        "",
        "",
        "",
    ),
    (
        "3.6",
        "personal",
        "planned",
        "",
        "Dienstvereinbarung zum Schutz meldender Beschäftigter mit dem Personalrat.",
        "Personalamt und Personalrat",
        "Leitung Personalamt",
        "",
        "",
        "",
        "",
    ),
]

# The evidence of the first field test: a letter of the Bürgeramt after its rewording.
EVIDENCE_TITLE = "Musterschreiben: Ihre Meldebescheinigung (überarbeitete Fassung)"
EVIDENCE_TEXT = [
    "Guten Tag,",
    "Ihre Meldebescheinigung liegt für Sie bereit. Bitte holen Sie sie bis zum 15. des "
    "nächsten Monats ab.",
    "Was Sie mitbringen: Ihren Ausweis oder Pass. Sie brauchen keinen Termin.",
    "Sie verstehen etwas nicht? Rufen Sie uns an. Wir können auch eine Sprachmittlung für "
    "Sie bestellen.",
    "Freundliche Grüße, Ihr Bürgeramt",
]
