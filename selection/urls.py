from django.urls import path

from selection.views import decision, letters, rules, runs

app_name = "selection"
urlpatterns = [
    path("", rules.index, name="index"),
    path("<int:call_pk>/", runs.call_overview, name="call"),
    path("<int:call_pk>/regeln/", rules.rules, name="rules"),
    path("<int:call_pk>/regeln/festlegungen/", rules.override_add, name="override_add"),
    path(
        "<int:call_pk>/regeln/festlegungen/<int:pk>/aufheben/",
        rules.override_remove,
        name="override_remove",
    ),
    path("<int:call_pk>/laeufe/", runs.run_create, name="run_create"),
    path("<int:call_pk>/laeufe/vergleich/", runs.run_compare, name="run_compare"),
    path("<int:call_pk>/laeufe/<int:run_pk>/", runs.run_detail, name="run_detail"),
    path(
        "<int:call_pk>/laeufe/<int:run_pk>/begruendung/",
        runs.run_explanation,
        name="run_explanation",
    ),
    path(
        "<int:call_pk>/laeufe/<int:run_pk>/begruendung/neu/",
        runs.run_explanation_restart,
        name="run_explanation_restart",
    ),
    path(
        "<int:call_pk>/laeufe/<int:run_pk>/uebernehmen/",
        runs.decision_adopt,
        name="decision_adopt",
    ),
    path("<int:call_pk>/entscheidung/", decision.decision, name="decision"),
    path("<int:call_pk>/entscheidung/<int:pk>/", decision.outcome_change, name="outcome_change"),
    path(
        "<int:call_pk>/entscheidung/freigeben/", decision.decision_release, name="decision_release"
    ),
    path(
        "<int:call_pk>/entscheidung/veroeffentlichen/",
        decision.cohort_publish,
        name="cohort_publish",
    ),
    path("<int:call_pk>/briefe/", letters.letters, name="letters"),
    path(
        "<int:call_pk>/briefe/versand/<int:pk>.pdf",
        letters.letter_download,
        name="letter_download",
    ),
    path(
        "<int:call_pk>/briefe/versand/<int:pk>/erneut/",
        letters.letter_resend,
        name="letter_resend",
    ),
    path("<int:call_pk>/briefe/<slug:outcome>/", letters.letter_edit, name="letter_edit"),
    path(
        "<int:call_pk>/briefe/<slug:outcome>/vorschau.pdf",
        letters.letter_preview,
        name="letter_preview",
    ),
]
