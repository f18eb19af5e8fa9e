from django.urls import path

from evaluation.views import downloads, office, public, results

app_name = "evaluation"

V = "geschaeftsstelle/versionen/<int:instrument_version_pk>"

urlpatterns = [
    # Participants, without an account.
    path("befragung/<str:survey_token>/", public.answer, name="answer"),
    path("befragung/<str:survey_token>/danke/", public.thanks, name="thanks"),
    # Office and coordinators (own municipality).
    path("", results.survey_list, name="surveys"),
    path("ergebnisse/<int:survey_pk>/", results.survey_results, name="survey_results"),
    path(
        "ergebnisse/<int:survey_pk>/diagramm/<int:evaluation_item_pk>.svg",
        results.survey_chart_svg,
        name="survey_chart_svg",
    ),
    path(
        "ergebnisse/<int:survey_pk>/diagramm/<int:evaluation_item_pk>.png",
        results.survey_chart_png,
        name="survey_chart_png",
    ),
    # Office.
    path("geschaeftsstelle/", office.index, name="office"),
    path("geschaeftsstelle/mindestzahl/", office.threshold, name="threshold"),
    path("geschaeftsstelle/instrument/neu/", office.instrument_create, name="instrument_create"),
    path(
        "geschaeftsstelle/instrument/<int:instrument_pk>/neue-version/",
        office.version_new,
        name="version_new",
    ),
    path(f"{V}/", office.version_detail, name="version_detail"),
    path(f"{V}/abschnitt/", office.section_add, name="section_add"),
    path(f"{V}/veroeffentlichen/", office.version_publish, name="version_publish"),
    path(f"{V}/befragung/", office.survey_create, name="survey_create"),
    path(f"{V}/ergebnisse/", office.version_results, name="version_results"),
    path(f"{V}/export.csv", downloads.export_csv, name="export_csv"),
    path(f"{V}/export.xlsx", downloads.export_xlsx, name="export_xlsx"),
    path(f"{V}/codebuch.csv", downloads.export_codebook, name="export_codebook"),
    path(f"{V}/freitexte.csv", downloads.export_texts, name="export_texts"),
    path(f"{V}/haeufigkeiten.csv", downloads.export_frequencies, name="export_frequencies"),
    path(
        f"{V}/diagramm/<int:evaluation_item_pk>.svg",
        downloads.version_chart_svg,
        name="version_chart_svg",
    ),
    path(
        f"{V}/diagramm/<int:evaluation_item_pk>.png",
        downloads.version_chart_png,
        name="version_chart_png",
    ),
    path(
        "geschaeftsstelle/abschnitte/<int:evaluation_section_pk>/frage/",
        office.item_add,
        name="item_add",
    ),
    path(
        "geschaeftsstelle/fragen/<int:evaluation_item_pk>/bearbeiten/",
        office.item_edit,
        name="item_edit",
    ),
    path(
        "geschaeftsstelle/fragen/<int:evaluation_item_pk>/entfernen/",
        office.item_remove,
        name="item_remove",
    ),
    path(
        "geschaeftsstelle/befragungen/<int:survey_pk>/", office.survey_detail, name="survey_detail"
    ),
    path(
        "geschaeftsstelle/befragungen/<int:survey_pk>/einladen/",
        office.survey_invite,
        name="survey_invite",
    ),
    path(
        "geschaeftsstelle/befragungen/<int:survey_pk>/zeitraum/",
        office.survey_period,
        name="survey_period",
    ),
    path(
        "geschaeftsstelle/befragungen/<int:survey_pk>/vorschau/",
        office.survey_preview,
        name="survey_preview",
    ),
    path(
        "geschaeftsstelle/befragungen/<int:survey_pk>/beenden/",
        office.survey_close,
        name="survey_close",
    ),
]
