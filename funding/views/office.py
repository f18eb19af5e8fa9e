"""The programme office's funding pages: the cohort's money per year, one
municipality's year, the review of submitted expenses, payments, categories and the
deadline settings."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from core.audit_display import with_readable_changes
from core.downloads import pdf_download
from core.formviews import bind
from core.htmx import render_region
from core.notes import notes_block
from core.permissions import require_roles
from funding import category_services, expense_services, selectors, services, settings_services
from funding.deadlines import funding_settings
from funding.models import ZERO, ExpenseStatus, FundingYear, Grant
from funding.money import cents, euro
from funding.office_forms import (
    CapForm,
    CategoryEditForm,
    CategoryForm,
    ExpenseQueueFilterForm,
    GrantAmountForm,
    PaidForm,
    ReturnForm,
    SettingsForm,
)
from funding.rules import OFFICE
from programme.cohort import cohort_municipalities, programme_calls
from programme.selectors import programme_call_get_office

SUM_FIELDS = ("amount", "planned", "submitted", "approved", "available", "requested", "paid")


@require_roles(*OFFICE)
def index(request):
    return render(request, "funding/office/index.html", {"calls": list(programme_calls())})


@require_roles(*OFFICE)
def cohort(request, funding_call_pk):
    call = programme_call_get_office(call_pk=funding_call_pk)
    if request.method == "POST":
        # Repeatable: a second click creates nothing twice.
        services.funding_ensure(call=call)
        messages.success(request, _("Die Förderjahre und Zuwendungen sind angelegt."))
        return redirect("funding_office:cohort", call.pk)
    years = selectors.funding_years(call=call)
    year = selectors.year_choose(
        years=years, year=request.GET.get("jahr"), today=timezone.localdate()
    )
    grants = selectors.cohort_grants(funding_year=year) if year else []
    for grant in grants:
        grant.available = grant.amount - grant.committed
    totals = {name: sum((getattr(g, name) for g in grants), ZERO) for name in SUM_FIELDS}
    context = {
        "call": call,
        "years": years,
        "year": year,
        "grants": grants,
        "totals": {name: cents(value) for name, value in totals.items()},
        "setup_missing": selectors.funding_setup_missing(call=call, years=years),
    }
    return render(request, "funding/office/cohort.html", context)


@require_roles(*OFFICE)
def year_cap(request, funding_year_pk):
    funding_year = selectors.funding_year_get_office(funding_year_pk=funding_year_pk)
    form = bind(CapForm, request, initial={"cap": funding_year.cap})
    if request.method == "POST" and form.is_valid():
        try:
            services.funding_year_cap_set(
                funding_year=funding_year, cap=form.cleaned_data["cap"], actor=request.user
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Der Höchstbetrag ist gespeichert."))
            return _to_cohort_year(funding_year)
    context = {"call": funding_year.call, "funding_year": funding_year, "form": form}
    return render(request, "funding/office/year_cap.html", context)


def _to_cohort_year(funding_year: FundingYear):
    response = redirect("funding_office:cohort", funding_year.call_id)
    response["Location"] += f"?jahr={funding_year.year}"
    return response


# --- one municipality's year --------------------------------------------------------


def _grant_page(request, grant: Grant, *, paid_forms=None, status=200):
    paid_forms = paid_forms or {}
    lines = list(selectors.plan_lines_of(grant=grant))
    expenses = list(selectors.expenses_of(grant_ids=[grant.pk], statuses=selectors.SEEN_BY_OFFICE))
    payments = list(selectors.payment_requests_of(grant_ids=[grant.pk]))
    for payment in payments:
        payment.form = paid_forms.get(payment.pk) or PaidForm(
            payment=payment, initial={"paid_on": timezone.localdate()}
        )
    entries = with_readable_changes(
        selectors.grant_audit_entries(
            grant=grant,
            line_ids=[line.pk for line in lines],
            expense_ids=[expense.pk for expense in expenses],
            payment_ids=[payment.pk for payment in payments],
        )
    )
    grant.available = grant.amount - grant.committed
    context = {
        "call": grant.funding_year.call,
        "grant": grant,
        "lines": lines,
        "planned_total": cents(sum((line.amount for line in lines), ZERO)),
        "expenses": expenses,
        "payments": payments,
        "entries": entries,
        "audit_limit": selectors.AUDIT_LIMIT,
    }
    return render(request, "funding/office/grant.html", context, status=status)


@require_roles(*OFFICE)
def grant(request, funding_grant_pk):
    return _grant_page(request, selectors.grant_get_office(grant_pk=funding_grant_pk))


@require_roles(*OFFICE)
def grant_amount(request, funding_grant_pk):
    grant = selectors.grant_get_office(grant_pk=funding_grant_pk)
    form = bind(GrantAmountForm, request, initial={"amount": grant.amount})
    if request.method == "POST" and form.is_valid():
        try:
            services.grant_amount_set(
                grant=grant, amount=form.cleaned_data["amount"], actor=request.user
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Der bewilligte Betrag ist gespeichert."))
            return redirect("funding_office:grant", grant.pk)
    return render(
        request,
        "funding/office/grant_amount.html",
        {"call": grant.funding_year.call, "grant": grant, "form": form},
    )


@require_roles(*OFFICE)
@require_POST
def payment_approve(request, funding_payment_pk):
    payment = selectors.payment_get_office(payment_pk=funding_payment_pk)
    try:
        services.payment_approve(payment=payment, actor=request.user)
    except ValidationError as exc:
        # Released or paid already (a second click): nothing went wrong.
        messages.info(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Der Mittelabruf ist zur Auszahlung freigegeben."))
    return redirect("funding_office:grant", payment.grant_id)


@require_roles(*OFFICE)
@require_POST
def payment_paid(request, funding_payment_pk):
    payment = selectors.payment_get_office(payment_pk=funding_payment_pk)
    form = bind(PaidForm, request, payment=payment)
    if form.is_valid():
        try:
            services.payment_mark_paid(
                payment=payment, paid_on=form.cleaned_data["paid_on"], actor=request.user
            )
        except ValidationError as exc:
            if not hasattr(exc, "error_dict"):
                # Already paid (a second click): nothing to correct on the form.
                messages.info(request, " ".join(exc.messages))
                return redirect("funding_office:grant", payment.grant_id)
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Der Mittelabruf ist als ausgezahlt markiert."))
            return redirect("funding_office:grant", payment.grant_id)
    grant = selectors.grant_get_office(grant_pk=payment.grant_id)
    return _grant_page(request, grant, paid_forms={payment.pk: form}, status=400)


# --- review -------------------------------------------------------------------------


PAGE_SIZE = 50
QUEUE_FILTERS = ("municipality", "year", "status", "category")


def _queue_filter_form(request, call) -> ExpenseQueueFilterForm:
    # Paging alone (?page=2) keeps the default filter; only a sent filter binds the form.
    data = request.GET if any(name in request.GET for name in QUEUE_FILTERS) else None
    return ExpenseQueueFilterForm(
        data,
        municipalities=cohort_municipalities(call=call),
        years=[year.year for year in selectors.funding_years(call=call)],
    )


@require_roles(*OFFICE)
def queue(request, funding_call_pk):
    call = programme_call_get_office(call_pk=funding_call_pk)
    form = _queue_filter_form(request, call)
    expenses = selectors.expense_queue(call=call, **form.filters())
    page = Paginator(expenses, PAGE_SIZE).get_page(request.GET.get("page"))
    filters = request.GET.copy()
    filters.pop("page", None)
    context = {
        "call": call,
        "form": form,
        "page_obj": page,
        "filter_query": filters.urlencode(),
    }
    return render_region(
        request,
        page="funding/office/queue.html",
        region="funding/office/_queue_results.html",
        context=context,
    )


@require_roles(*OFFICE)
@require_POST
def queue_approve(request, funding_call_pk):
    """Approve the expenses ticked in the queue; each is checked on its own, and those
    refused are named with the reason."""
    call = programme_call_get_office(call_pk=funding_call_pk)
    ids = [int(v) for v in request.POST.getlist("ausgabe") if _row_id(v)]
    if not ids:
        messages.error(request, _("Bitte wählen Sie mindestens eine Ausgabe aus."))
    else:
        result = expense_services.expenses_approve_bulk(
            call=call, expense_ids=ids, actor=request.user
        )
        if not result.approved and not result.refused:
            messages.error(request, _("Keine der gewählten Ausgaben gehört zu dieser Kohorte."))
        if result.approved:
            messages.success(
                request,
                ngettext(
                    "%(count)d Ausgabe ist anerkannt.",
                    "%(count)d Ausgaben sind anerkannt.",
                    len(result.approved),
                )
                % {"count": len(result.approved)},
            )
        for expense, reason in result.refused:
            messages.error(
                request,
                _("Nicht anerkannt: %(municipality)s, %(payee)s (%(amount)s) – %(reason)s")
                % {
                    "municipality": expense.grant.municipality.name,
                    "payee": expense.payee,
                    "amount": euro(expense.amount),
                    "reason": reason,
                },
            )
    return _back_to_queue(call, request.POST.get("filter", ""))


def _row_id(value: str) -> bool:
    # ASCII digits only, and short enough for the database's integer.
    return value.isascii() and value.isdigit() and len(value) <= 9


def _back_to_queue(call, query: str):
    """The queue with the filters it was sent from (only the queue's own parameters)."""
    sent = QueryDict(query)
    kept = QueryDict(mutable=True)
    for name in (*QUEUE_FILTERS, "page"):
        if name in sent:
            kept[name] = sent[name]
    response = redirect("funding_office:queue", call.pk)
    if kept:
        response["Location"] += "?" + kept.urlencode()
    return response


@require_roles(*OFFICE)
def payments_open(request, funding_call_pk):
    call = programme_call_get_office(call_pk=funding_call_pk)
    payments = selectors.open_payment_requests(call=call)
    page = Paginator(payments, PAGE_SIZE).get_page(request.GET.get("page"))
    return render_region(
        request,
        page="funding/office/payments_open.html",
        region="funding/office/_payments_open_results.html",
        context={"call": call, "page_obj": page, "total": selectors.open_payment_total(call=call)},
    )


def _expense_page(request, expense, *, return_form=None, status=200):
    measure = None
    if expense.training_session_id:
        measure = expense.training_session
    elif expense.workshop_id:
        measure = expense.workshop
    context = {
        "call": expense.grant.funding_year.call,
        "expense": expense,
        "grant": expense.grant,
        "measure": measure,
        "corrections": selectors.corrections_for_office(expense=expense),
        "return_form": return_form or ReturnForm(),
        "decidable": expense.status == ExpenseStatus.SUBMITTED,
        "notes": notes_block(target=expense),
    }
    return render(request, "funding/office/expense.html", context, status=status)


@require_roles(*OFFICE)
def expense(request, funding_expense_pk):
    expense = selectors.expense_get_office(expense_pk=funding_expense_pk)
    if request.method != "POST":
        return _expense_page(request, expense)
    action = request.POST.get("aktion")
    if action == "anerkennen":
        try:
            expense_services.expense_approve(expense=expense, actor=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Die Ausgabe ist anerkannt."))
        return redirect("funding_office:expense", expense.pk)
    if action == "zurueckgeben":
        form = bind(ReturnForm, request)
        if form.is_valid():
            try:
                expense_services.expense_return(
                    expense=expense, reason=form.cleaned_data["reason"], actor=request.user
                )
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    form.add_service_errors(exc)
                else:
                    messages.error(request, " ".join(exc.messages))
                    return redirect("funding_office:expense", expense.pk)
            else:
                messages.success(request, _("Die Ausgabe ist an die Kommune zurückgegeben."))
                return redirect("funding_office:expense", expense.pk)
        return _expense_page(request, expense, return_form=form, status=400)
    messages.error(request, _("Bitte wählen Sie „Anerkennen“ oder „Zurückgeben“."))
    return redirect("funding_office:expense", expense.pk)


@require_roles(*OFFICE)
def expense_receipt(request, funding_expense_pk):
    expense = selectors.expense_get_office(expense_pk=funding_expense_pk)
    if not expense.receipt:
        raise Http404
    return pdf_download(file=expense.receipt, name=expense.receipt_name)


# --- categories and settings --------------------------------------------------------


@require_roles(*OFFICE)
def categories(request):
    form = bind(CategoryForm, request)
    if request.method == "POST" and form.is_valid():
        try:
            category_services.category_create(
                name=form.cleaned_data["name"],
                position=form.cleaned_data["position"],
                actor=request.user,
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Die Kategorie ist angelegt."))
            return redirect("funding_office:categories")
    return render(
        request,
        "funding/office/categories.html",
        {"categories": selectors.cost_categories(), "form": form},
    )


@require_roles(*OFFICE)
def category(request, funding_category_pk):
    category = selectors.cost_category_get_office(category_pk=funding_category_pk)
    initial = {"name": category.name, "position": category.position, "active": category.active}
    form = bind(CategoryEditForm, request, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            category_services.category_update(
                category=category, actor=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Die Kategorie ist gespeichert."))
            return redirect("funding_office:categories")
    return render(request, "funding/office/category.html", {"category": category, "form": form})


@require_roles(*OFFICE)
def funding_settings_edit(request):
    config = funding_settings()
    initial = {
        "interim_due_month": config.interim_due_month,
        "interim_due_day": config.interim_due_day,
        "final_due_months": config.final_due_months,
        "reminder_days": config.reminder_days,
    }
    form = bind(SettingsForm, request, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            settings_services.funding_settings_set(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Die Einstellungen sind gespeichert."))
            return redirect("funding_office:settings")
    return render(request, "funding/office/settings.html", {"form": form})
