from django.urls import path

from reviews.views import assignments, criteria, reviewer, scores, screening, start

app_name = "reviews"
urlpatterns = [
    # Reviewers: their own assignments (pk: an assignment).
    path("", reviewer.assignment_list, name="my_assignments"),
    path("<int:pk>/", reviewer.assignment_detail, name="assignment"),
    path("<int:pk>/befangenheit/", reviewer.assignment_conflict, name="assignment_conflict"),
    path("<int:pk>/dateien/<int:answer_pk>/", reviewer.assignment_file, name="assignment_file"),
    # The programme office.
    path("geschaeftsstelle/", start.office_index, name="office_index"),
    path(
        "geschaeftsstelle/<int:call_pk>/pruefung/",
        screening.screening_list_view,
        name="screening_list",
    ),
    path(
        "geschaeftsstelle/bewerbungen/<int:pk>/pruefung/",
        screening.screening_detail,
        name="screening_detail",
    ),
    path(
        "geschaeftsstelle/bewerbungen/<int:pk>/gutachten/",
        assignments.application_reviews,
        name="application_reviews",
    ),
    path(
        "geschaeftsstelle/zuweisungen/<int:pk>/erinnern/",
        assignments.assignment_remind,
        name="assignment_remind",
    ),
    path(
        "geschaeftsstelle/zuweisungen/<int:pk>/entfernen/",
        assignments.assignment_remove_view,
        name="assignment_remove",
    ),
    path("geschaeftsstelle/<int:call_pk>/zuweisen/", assignments.assign_bulk, name="assign_bulk"),
    path("geschaeftsstelle/<int:call_pk>/fortschritt/", assignments.progress, name="progress"),
    path("geschaeftsstelle/<int:call_pk>/erinnern/", assignments.remind, name="remind"),
    path("geschaeftsstelle/<int:call_pk>/kriterien/", criteria.criteria_list, name="criteria"),
    path(
        "geschaeftsstelle/<int:call_pk>/kriterien/neu/",
        criteria.criterion_create,
        name="criterion_create",
    ),
    path(
        "geschaeftsstelle/<int:call_pk>/kriterien/vorschlag/",
        criteria.criteria_defaults,
        name="criteria_defaults",
    ),
    path(
        "geschaeftsstelle/<int:call_pk>/kriterien/<int:criterion_pk>/",
        criteria.criterion_edit,
        name="criterion_edit",
    ),
    path(
        "geschaeftsstelle/<int:call_pk>/kriterien/<int:criterion_pk>/loeschen/",
        criteria.criterion_delete,
        name="criterion_delete",
    ),
    path(
        "geschaeftsstelle/<int:call_pk>/kriterien/<int:criterion_pk>/verschieben/",
        criteria.criterion_move,
        name="criterion_move",
    ),
    path("geschaeftsstelle/<int:call_pk>/bewertungen/", scores.scores, name="scores"),
]
