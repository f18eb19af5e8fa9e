from django.urls import path

from funding.views import municipal

app_name = "funding"

urlpatterns = [
    path("", municipal.overview, name="overview"),
    path("<int:funding_year>/", municipal.year, name="year"),
    path("<int:funding_year>/plan/neu/", municipal.plan_line_create, name="plan_line_create"),
    path("plan/<int:funding_line_pk>/bearbeiten/", municipal.plan_line_edit, name="plan_line_edit"),
    path(
        "plan/<int:funding_line_pk>/loeschen/",
        municipal.plan_line_delete,
        name="plan_line_delete",
    ),
    path("<int:funding_year>/ausgaben/neu/", municipal.expense_create, name="expense_create"),
    path("ausgaben/<int:funding_expense_pk>/", municipal.expense_detail, name="expense_detail"),
    path(
        "ausgaben/<int:funding_expense_pk>/bearbeiten/",
        municipal.expense_edit,
        name="expense_edit",
    ),
    path(
        "ausgaben/<int:funding_expense_pk>/einreichen/",
        municipal.expense_submit,
        name="expense_submit",
    ),
    path(
        "ausgaben/<int:funding_expense_pk>/loeschen/",
        municipal.expense_delete,
        name="expense_delete",
    ),
    path(
        "ausgaben/<int:funding_expense_pk>/beleg/",
        municipal.expense_receipt,
        name="expense_receipt",
    ),
    path(
        "ausgaben/<int:funding_approved_pk>/korrektur/",
        municipal.expense_correct,
        name="expense_correct",
    ),
    path("<int:funding_year>/mittelabruf/", municipal.payment_request, name="payment_request"),
]
