from django.urls import path

from municipalities import views

app_name = "municipalities_office"
urlpatterns = [
    path("", views.register_import_view, name="import"),
    path("importe/<int:pk>/", views.register_import_status_view, name="import_status"),
    path("kommunen/", views.register_list_view, name="list"),
]
