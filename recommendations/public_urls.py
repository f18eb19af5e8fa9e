from django.urls import path

from recommendations.views import public

app_name = "recommendations_public"

urlpatterns = [
    path("", public.document_list, name="document_list"),
    path("<slug:slug>/", public.document_detail, name="document_detail"),
    path(
        "<slug:slug>/empfehlung/<uuid:key>/",
        public.recommendation_detail,
        name="recommendation_detail",
    ),
    path("<slug:slug>/fassung/<int:sequence>/", public.version_detail, name="version_detail"),
    path(
        "<slug:slug>/fassung/<int:sequence>/empfehlung/<uuid:key>/",
        public.version_recommendation_detail,
        name="version_recommendation_detail",
    ),
    path("<slug:slug>/fassung/<int:sequence>/pdf/", public.version_pdf, name="version_pdf"),
]
