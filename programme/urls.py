from django.urls import path

from programme.views import municipal, reminders

app_name = "programme"

urlpatterns = [
    path("nachweise/", municipal.documents, name="documents"),
    path("nachweise/neu/", municipal.document_create, name="document_create"),
    path("nachweise/<int:document_pk>/datei/", municipal.document_file, name="document_file"),
    path(
        "nachweise/<int:document_pk>/loeschen/", municipal.document_delete, name="document_delete"
    ),
    path("evaluationstermine/", municipal.evaluation_dates, name="evaluation_dates"),
    path(
        "evaluationstermine/neu/",
        municipal.evaluation_date_create,
        name="evaluation_date_create",
    ),
    path(
        "evaluationstermine/<int:evaluation_pk>/stand/",
        municipal.evaluation_date_status,
        name="evaluation_date_status",
    ),
    path("erinnerungen/", reminders.reminders, name="reminders"),
]
