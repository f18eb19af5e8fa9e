from django.urls import include, path
from django.views.i18n import set_language

from core import urls as core_urls
from core.permissions import public
from kfa import views
from progress.views import dashboard as programme_dashboard

# The site's own pages under the namespace "core": the kit's content pages and the two
# pages of the project package that read across apps.
site_patterns = [
    path("", views.home, name="home"),
    *core_urls.urlpatterns,
    path("mein-bereich/", views.dashboard, name="dashboard"),
]

urlpatterns = [
    path("", include((site_patterns, core_urls.app_name))),
    path("i18n/sprache/", public(set_language), name="set_language"),
    path("konto/", include("accounts.urls")),
    path("kommunen/", include("municipalities.urls")),
    path("ausschreibungen/", include("calls.urls")),
    path("bewerbung/", include("applications.urls")),
    path("geschaeftsstelle/", include("office.urls")),
    path("geschaeftsstelle/register/", include("municipalities.office_urls")),
    path("geschaeftsstelle/ausschreibungen/", include("calls.office_urls")),
    path("geschaeftsstelle/auswahl/", include("selection.urls")),
    path("modellkommunen/", include("selection.public_urls")),
    path("programmbereich/", programme_dashboard, name="programme_area"),
    path("programmbereich/", include("programme.urls")),
    path("programmbereich/praxistests/", include("recommendations.field_test_urls")),
    path("geschaeftsstelle/programm/", include("progress.office_urls")),
    path("schulungen/", include("trainings.urls")),
    path("geschaeftsstelle/schulungsmodule/", include("trainings.office_urls")),
    path("netzwerk/", include("network.urls")),
    path("geschaeftsstelle/netzwerk/", include("network.office_urls")),
    path("fachbeirat/", include("advisory.urls")),
    path("veranstaltungen/", include("events.urls")),
    path("evaluation/", include("evaluation.urls")),
    path("geschaeftsstelle/empfehlungen/auswertung/", include("recommendations.answer_urls")),
    path("geschaeftsstelle/empfehlungen/runden/", include("recommendations.round_urls")),
    path(
        "geschaeftsstelle/empfehlungen/praxistests/",
        include("recommendations.field_test_office_urls"),
    ),
    path("geschaeftsstelle/empfehlungen/", include("recommendations.urls")),
    path("beteiligung/benachrichtigungen/", include("recommendations.notification_urls")),
    path("beteiligung/synopse/", include("recommendations.synopsis_urls")),
    path("empfehlungen/", include("recommendations.public_urls")),
    path("beteiligung/", include("recommendations.participation_urls")),
    path("beteiligung/", include("recommendations.comparison_urls")),
    path("foerderung/", include("funding.urls")),
    path("foerderung/berichte/", include("funding.report_urls")),
    path("geschaeftsstelle/foerderung/", include("funding.office_urls")),
    path("geschaeftsstelle/foerderung/berichte/", include("funding.office_report_urls")),
    path("begutachtung/", include("reviews.urls")),
]

handler404 = "core.views.not_found"
handler403 = "core.views.forbidden"
handler500 = "core.views.server_error"
