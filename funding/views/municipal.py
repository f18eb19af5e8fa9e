"""The money pages of a model municipality: its funding years, the plan, expenses with
receipts, corrections and payment requests. The coordinator writes; team members read.
Every object is looked up through the person's own municipality, so another's is 404."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.downloads import pdf_download
from core.formviews import bind
from core.permissions import require_roles
from funding import expense_services, selectors, services
from funding.deadlines import final_due, funding_settings, interim_due
from funding.forms import CorrectionForm, ExpenseForm, PaymentRequestForm, PlanLineForm
from funding.models import Expense, ExpenseStatus
from funding.rules import READERS, WRITERS, writes
from programme.cohort import programme_call_for_municipality, programme_call_for_user


def _scope(request):
    """The person's programme and municipality; 404 outside any programme."""
    return programme_call_for_user(request.user), request.user.approved_municipality_id


def _grant(request, year: int):
    call, municipality_id = _scope(request)
    return call, selectors.grant_for_municipality(
        call=call, municipality_id=municipality_id, year=year
    )


def _expense(request, expense_pk: int):
    call, municipality_id = _scope(request)
    expense = selectors.expense_for_municipality(
        call=call, municipality_id=municipality_id, expense_pk=expense_pk
    )
    return call, expense


def _year_url(year: int):
    return redirect("funding:year", funding_year=year)


def _detail_url(expense):
    return redirect("funding:expense_detail", funding_expense_pk=expense.pk)


def _messages_of(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _already_deleted(request, message: str):
    messages.info(request, message)
    return redirect("funding:overview")


# --- overview and year ------------------------------------------------------------


@require_roles(*READERS)
def overview(request):
    municipality_id = request.user.approved_municipality_id
    call = programme_call_for_municipality(municipality_id=municipality_id)
    if call is None:
        return render(request, "programme/not_in_programme.html")
    config = funding_settings()
    grants = selectors.grants_of_municipality(call=call, municipality_id=municipality_id)
    for grant in grants:
        grant.available = grant.amount - grant.committed
        grant.interim_due = interim_due(year=grant.funding_year.year, config=config)
    context = {
        "call": call,
        "grants": grants,
        "final_due": final_due(programme_end=call.programme_end, config=config),
    }
    return render(request, "funding/municipal/overview.html", context)


def _plan_groups(lines) -> list[dict]:
    """Plan lines grouped by category (they come ordered by it) with each group's sum."""
    groups: list[dict] = []
    for line in lines:
        if not groups or groups[-1]["category"].pk != line.category_id:
            groups.append({"category": line.category, "lines": [], "total": 0})
        groups[-1]["lines"].append(line)
        groups[-1]["total"] += line.amount
    return groups


@require_roles(*READERS)
def year(request, funding_year):
    call, grant = _grant(request, funding_year)
    lines = selectors.plan_lines_of(grant=grant)
    context = {
        "call": call,
        "grant": grant,
        "year": funding_year,
        "years": selectors.funding_years(call=call),
        "plan": _plan_groups(lines),
        "expenses": list(selectors.expenses_of(grant_ids=[grant.pk])),
        "payments": list(selectors.payment_requests_of(grant_ids=[grant.pk])),
        "available": grant.amount - grant.committed,
        "requestable": grant.approved - grant.requested,
        "can_write": writes(request.user),
    }
    return render(request, "funding/municipal/year.html", context)


# --- plan -------------------------------------------------------------------------


def _plan_line_form(request, *, grant, line=None):
    form = bind(PlanLineForm, request, line=line)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.plan_line_save(
                grant=grant,
                category=data["category"],
                measure=data["measure"],
                amount=data["amount"],
                actor=request.user,
                line=line,
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Die Planposition ist gespeichert."))
            return _year_url(grant.funding_year.year)
    context = {"form": form, "grant": grant, "line": line, "year": grant.funding_year.year}
    return render(request, "funding/municipal/plan_line_form.html", context)


@require_roles(*WRITERS)
def plan_line_create(request, funding_year):
    _call, grant = _grant(request, funding_year)
    return _plan_line_form(request, grant=grant)


def _line(request, line_pk: int):
    call, municipality_id = _scope(request)
    return selectors.plan_line_for_municipality(
        call=call, municipality_id=municipality_id, line_pk=line_pk
    )


@require_roles(*WRITERS)
def plan_line_edit(request, funding_line_pk):
    line = _line(request, funding_line_pk)
    return _plan_line_form(request, grant=line.grant, line=line)


@require_roles(*WRITERS)
def plan_line_delete(request, funding_line_pk):
    try:
        line = _line(request, funding_line_pk)
    except Http404:
        if request.method == "POST" and selectors.deleted_just_now(
            actor=request.user, action="funding.plan_line_deleted", object_pk=funding_line_pk
        ):
            return _already_deleted(request, _("Die Planposition ist bereits gelöscht."))
        raise
    year = line.grant.funding_year.year
    if request.method == "POST":
        services.plan_line_delete(line=line, actor=request.user)
        messages.success(request, _("Die Planposition ist gelöscht."))
        return _year_url(year)
    return render(request, "funding/municipal/plan_line_delete.html", {"line": line, "year": year})


# --- expenses ---------------------------------------------------------------------


def _expense_form(request, *, call, grant, expense=None):
    sessions, workshops = selectors.expense_measures(
        call=call, municipality_id=grant.municipality_id, year=grant.funding_year.year
    )
    # A measure cancelled or moved after the expense was entered stays the expense's
    # measure; otherwise saving the draft again would silently drop it.
    if expense is not None and expense.training_session_id not in {None, *(s.pk for s in sessions)}:
        sessions.append(expense.training_session)
    if expense is not None and expense.workshop_id not in {None, *(w.pk for w in workshops)}:
        workshops.append(expense.workshop)
    posted = request.method == "POST"
    form = bind(
        ExpenseForm,
        request,
        sessions=sessions,
        workshops=workshops,
        expense=expense,
    )
    if posted and form.is_valid():
        data = form.cleaned_data
        try:
            expense = expense_services.expense_save(
                grant=grant,
                actor=request.user,
                spent_on=data["spent_on"],
                payee=data["payee"],
                purpose=data["purpose"],
                category=data["category"],
                amount=data["amount"],
                training_session=data["training_session"],
                workshop=data["workshop"],
                measure_note=data["measure_note"],
                upload=data["receipt"],
                expense=expense,
            )
        except ValidationError as exc:
            form.add_service_errors(exc, renames=MEASURE_ERRORS)
            form.upload_not_kept(request.FILES.get("receipt"))
        else:
            response = _submit_after_save(request, form=form, expense=expense)
            if response is not None:
                return response
    elif posted:
        form.upload_not_kept(request.FILES.get("receipt"))
    context = {"form": form, "grant": grant, "expense": expense, "year": grant.funding_year.year}
    return render(request, "funding/municipal/expense_form.html", context)


# The service names the model's fields; the form has one choice for both.
MEASURE_ERRORS = {"training_session": "measure", "workshop": "measure"}


def _submit_after_save(request, *, form, expense):
    """Submit the saved draft if asked to. When the service refuses, the draft stays and
    the form is shown again with the reason at the field it concerns."""
    if request.POST.get("action") != "submit":
        messages.success(request, _("Der Entwurf ist gespeichert."))
        return _detail_url(expense)
    if expense.status == ExpenseStatus.SUBMITTED:
        # The second request of a double click: the first one has submitted it already.
        messages.success(request, _("Die Ausgabe ist eingereicht."))
        return _detail_url(expense)
    try:
        expense_services.expense_submit(expense=expense, actor=request.user)
    except ValidationError as exc:
        form.add_service_errors(exc, renames=MEASURE_ERRORS)
        form.add_error(
            None,
            _("Entwurf gespeichert, aber nicht eingereicht: %(reason)s")
            % {"reason": _messages_of(exc)},
        )
        form.show_receipt(expense)
        return None
    messages.success(request, _("Die Ausgabe ist eingereicht."))
    return _detail_url(expense)


@require_roles(*WRITERS)
def expense_create(request, funding_year):
    call, grant = _grant(request, funding_year)
    return _expense_form(request, call=call, grant=grant)


@require_roles(*READERS)
def expense_detail(request, funding_expense_pk):
    _call, expense = _expense(request, funding_expense_pk)
    context = {
        "expense": expense,
        "year": expense.grant.funding_year.year,
        "corrections": list(expense.corrections.order_by("spent_on", "pk")),
        "can_write": writes(request.user),
    }
    return render(request, "funding/municipal/expense_detail.html", context)


@require_roles(*WRITERS)
def expense_edit(request, funding_expense_pk):
    call, expense = _expense(request, funding_expense_pk)
    if not expense.editable:
        messages.error(
            request, _("Eingereichte oder anerkannte Ausgaben können nicht mehr geändert werden.")
        )
        return _detail_url(expense)
    if expense.is_correction:
        return _correction_form(request, original=expense.corrects, correction=expense)
    return _expense_form(request, call=call, grant=expense.grant, expense=expense)


@require_roles(*WRITERS)
@require_POST
def expense_submit(request, funding_expense_pk):
    _call, expense = _expense(request, funding_expense_pk)
    try:
        expense_services.expense_submit(expense=expense, actor=request.user)
    except ValidationError as exc:
        messages.error(
            request,
            _("Die Ausgabe ist nicht eingereicht: %(reason)s") % {"reason": _messages_of(exc)},
        )
    else:
        messages.success(request, _("Die Ausgabe ist eingereicht."))
    return _detail_url(expense)


@require_roles(*WRITERS)
def expense_delete(request, funding_expense_pk):
    try:
        _call, expense = _expense(request, funding_expense_pk)
    except Http404:
        if request.method == "POST" and selectors.deleted_just_now(
            actor=request.user, action="funding.expense_deleted", object_pk=funding_expense_pk
        ):
            return _already_deleted(request, _("Der Entwurf ist bereits gelöscht."))
        raise
    year = expense.grant.funding_year.year
    if expense.status != ExpenseStatus.DRAFT:
        messages.error(request, _("Nur Entwürfe können gelöscht werden."))
        return _detail_url(expense)
    if request.method == "POST":
        try:
            expense_services.expense_delete(expense=expense, actor=request.user)
        except Expense.DoesNotExist:
            # The first request of a double click deleted it while this one waited.
            return _already_deleted(request, _("Der Entwurf ist bereits gelöscht."))
        except ValidationError as exc:
            # Submitted in another tab between the page and the click.
            messages.error(request, _messages_of(exc))
            return _detail_url(expense)
        messages.success(request, _("Der Entwurf ist gelöscht."))
        return _year_url(year)
    context = {"expense": expense, "year": year}
    return render(request, "funding/municipal/expense_delete.html", context)


@require_roles(*READERS)
def expense_receipt(request, funding_expense_pk):
    _call, expense = _expense(request, funding_expense_pk)
    if not expense.receipt:
        raise Http404
    return pdf_download(file=expense.receipt, name=expense.receipt_name)


# --- corrections ------------------------------------------------------------------


def _correction_form(request, *, original, correction=None):
    posted = request.method == "POST"
    initial = {}
    if correction is not None:
        initial = {
            "amount": correction.amount,
            "spent_on": correction.spent_on,
            "purpose": correction.purpose,
        }
    form = bind(CorrectionForm, request, initial=initial)
    if posted and form.is_valid():
        data = form.cleaned_data
        try:
            if correction is None:
                correction = expense_services.expense_correct(
                    original=original,
                    amount=data["amount"],
                    spent_on=data["spent_on"],
                    purpose=data["purpose"],
                    actor=request.user,
                )
            else:
                correction = expense_services.expense_save(
                    grant=correction.grant,
                    actor=request.user,
                    spent_on=data["spent_on"],
                    payee=correction.payee,
                    purpose=data["purpose"],
                    category=correction.category,
                    amount=data["amount"],
                    training_session=correction.training_session,
                    workshop=correction.workshop,
                    measure_note=correction.measure_note,
                    expense=correction,
                )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(
                request,
                _(
                    "Die Korrektur ist als Entwurf gespeichert. Reichen Sie sie ein, "
                    "damit sie zählt."
                ),
            )
            return _detail_url(correction)
    context = {
        "form": form,
        "original": original,
        "correction": correction,
        "year": original.grant.funding_year.year,
    }
    return render(request, "funding/municipal/correction_form.html", context)


@require_roles(*WRITERS)
def expense_correct(request, funding_approved_pk):
    _call, original = _expense(request, funding_approved_pk)
    if original.status != ExpenseStatus.APPROVED or original.is_correction:
        raise Http404
    return _correction_form(request, original=original)


# --- payment requests -------------------------------------------------------------


@require_roles(*WRITERS)
def payment_request(request, funding_year):
    _call, grant = _grant(request, funding_year)
    form = bind(PaymentRequestForm, request)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.payment_request_create(
                grant=grant, amount=data["amount"], note=data["note"], actor=request.user
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Der Mittelabruf ist an die Geschäftsstelle gesandt."))
            return _year_url(funding_year)
    context = {
        "form": form,
        "grant": grant,
        "year": funding_year,
        "requestable": grant.approved - grant.requested,
    }
    return render(request, "funding/municipal/payment_form.html", context)
