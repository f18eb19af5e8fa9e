from django.urls import path

from calls import views

app_name = "calls"
urlpatterns = [
    path("", views.call_list, name="list"),
    path("<slug:slug>/", views.call_detail, name="detail"),
    path("<slug:slug>/informationen.pdf", views.information_pdf, name="information_pdf"),
    path("<slug:slug>/fragenkatalog/", views.questionnaire, name="questionnaire"),
    path("<slug:slug>/fragenkatalog.pdf", views.questionnaire_pdf, name="questionnaire_pdf"),
]
