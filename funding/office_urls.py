from django.urls import path

from funding.views import office

app_name = "funding_office"

urlpatterns = [
    path("", office.index, name="index"),
    path("<int:funding_call_pk>/", office.cohort, name="cohort"),
    path("<int:funding_call_pk>/pruefung/", office.queue, name="queue"),
    path("<int:funding_call_pk>/pruefung/anerkennen/", office.queue_approve, name="queue_approve"),
    path("<int:funding_call_pk>/mittelabrufe/", office.payments_open, name="payments_open"),
    path("jahr/<int:funding_year_pk>/hoechstbetrag/", office.year_cap, name="year_cap"),
    path("zuwendung/<int:funding_grant_pk>/", office.grant, name="grant"),
    path("zuwendung/<int:funding_grant_pk>/betrag/", office.grant_amount, name="grant_amount"),
    path("ausgabe/<int:funding_expense_pk>/", office.expense, name="expense"),
    path("ausgabe/<int:funding_expense_pk>/beleg/", office.expense_receipt, name="expense_receipt"),
    path(
        "mittelabruf/<int:funding_payment_pk>/freigeben/",
        office.payment_approve,
        name="payment_approve",
    ),
    path(
        "mittelabruf/<int:funding_payment_pk>/ausgezahlt/",
        office.payment_paid,
        name="payment_paid",
    ),
    path("kategorien/", office.categories, name="categories"),
    path("kategorien/<int:funding_category_pk>/", office.category, name="category"),
    path("einstellungen/", office.funding_settings_edit, name="settings"),
]
