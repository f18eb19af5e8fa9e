from django.urls import path

from applications import views

app_name = "applications"
urlpatterns = [
    path("", views.index, name="index"),
    path("kommune/", views.choose_municipality, name="choose_municipality"),
    path("anspruch/", views.claim, name="claim"),
    path("kommune/korrigieren/", views.correct_municipality, name="correct_municipality"),
    path("anfragen/<int:user_id>/", views.decide_join, name="decide_join"),
    path("beginnen/<slug:slug>/", views.start, name="start"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/abschnitt/<int:number>/", views.section, name="section"),
    path("<int:pk>/antwort/<slug:key>/", views.save_answer, name="save_answer"),
    path("<int:pk>/dateien/<int:answer_pk>/", views.file, name="file"),
    path("<int:pk>/einreichen/", views.submit, name="submit"),
    path("<int:pk>/zurueckziehen/", views.withdraw, name="withdraw"),
    path("<int:pk>/antworten.pdf", views.answers_pdf, name="answers_pdf"),
]
