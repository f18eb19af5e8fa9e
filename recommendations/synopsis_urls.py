from django.urls import path

from recommendations.views import synopsis

app_name = "synopsis"

urlpatterns = [
    path("<int:round_pk>/", synopsis.synopsis_page, name="page"),
    path("<int:round_pk>/pdf/", synopsis.synopsis_pdf, name="pdf"),
    path("<int:round_pk>/xlsx/", synopsis.synopsis_xlsx, name="xlsx"),
]
