from django.urls import path

from programme import office_urls as programme_office_urls
from progress import views

# One namespace for the office's programme pages, whichever app serves them.
app_name = programme_office_urls.app_name

urlpatterns = [
    *programme_office_urls.urlpatterns,
    path("<int:call_pk>/", views.matrix, name="matrix"),
    path("<int:call_pk>/alle-jahre/", views.all_years, name="all_years"),
    path("<int:call_pk>/export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("<int:call_pk>/export.pdf", views.export_pdf, name="export_pdf"),
    path(
        "<int:call_pk>/erinnerung-gefaehrdete-zusagen/",
        views.at_risk_circular,
        name="at_risk_circular",
    ),
    path(
        "<int:call_pk>/kommune/<int:municipality_pk>/",
        views.municipality,
        name="municipality",
    ),
]
