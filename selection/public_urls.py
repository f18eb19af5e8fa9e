from django.urls import path

from selection.views import public

app_name = "cohort"
urlpatterns = [
    path("<slug:slug>/", public.cohort_detail, name="detail"),
]
