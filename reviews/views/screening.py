"""The office's formal screening: the list of a call's applications with bulk actions,
and the decision on one application."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import Role
from applications.models import Application
from applications.selectors import application_get_office
from calls.selectors import call_get_office
from core.formviews import bind
from core.permissions import require_roles
from reviews.checks import CHECK_LABELS, screening_checks
from reviews.forms import ScreeningBulkForm, ScreeningDecisionForm, ScreeningFilterForm
from reviews.models import Screening
from reviews.selectors import screening_list, screening_status_of
from reviews.services import (
    BulkResult,
    screening_bulk_eligible,
    screening_bulk_not_eligible,
    screening_decide,
)

PAGE_SIZE = 50


def _bulk_messages(request, result: BulkResult, *, eligible: bool) -> None:
    if result.done:
        if eligible:
            text = ngettext(
                "%(count)s Bewerbung ist als formal geeignet markiert.",
                "%(count)s Bewerbungen sind als formal geeignet markiert.",
                len(result.done),
            )
        else:
            text = ngettext(
                "%(count)s Bewerbung ist als formal nicht geeignet markiert.",
                "%(count)s Bewerbungen sind als formal nicht geeignet markiert.",
                len(result.done),
            )
        messages.success(request, text % {"count": len(result.done)})
    if result.skipped:
        details = "; ".join(
            f"{application.reference} ({why})" for application, why in result.skipped
        )
        messages.warning(
            request,
            _(
                "Nicht markiert, weil nicht alle Prüfpunkte erfüllt sind – bitte einzeln mit "
                "Begründung entscheiden: %(details)s"
            )
            % {"details": details},
        )
    if not result.done and not result.skipped:
        messages.warning(request, _("Keine der ausgewählten Bewerbungen wurde gefunden."))


@require_roles(Role.OFFICE)
def screening_list_view(request, call_pk: int):
    call = call_get_office(call_pk=call_pk)
    bulk_form = bind(ScreeningBulkForm, request)
    if request.method == "POST" and bulk_form.is_valid():
        data = bulk_form.cleaned_data
        try:
            if data["action"] == ScreeningBulkForm.ELIGIBLE:
                result = screening_bulk_eligible(
                    call=call, application_ids=data["application"], actor=request.user
                )
            else:
                result = screening_bulk_not_eligible(
                    call=call,
                    application_ids=data["application"],
                    reason=data["reason"],
                    actor=request.user,
                )
        except ValidationError as exc:
            bulk_form.add_service_errors(exc)
        else:
            _bulk_messages(request, result, eligible=data["action"] == ScreeningBulkForm.ELIGIBLE)
            return redirect(request.get_full_path())
    filter_form = ScreeningFilterForm(request.GET or None)
    applications = screening_list(call=call, **filter_form.filters())
    page = Paginator(applications, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    checks = screening_checks(applications=rows)
    selected = set(bulk_form.cleaned_data.get("application", [])) if bulk_form.is_bound else set()
    context = {
        "call": call,
        "filter_form": filter_form,
        "bulk_form": bulk_form,
        "page_obj": page,
        "rows": [
            {
                "application": a,
                "checks": checks[a.pk],
                "status": screening_status_of(a),
                "selected": a.pk in selected,
            }
            for a in rows
        ],
        "check_labels": CHECK_LABELS,
        "Status": Screening.Status,
    }
    return render(request, "reviews/office/screening_list.html", context)


@require_roles(Role.OFFICE)
def screening_detail(request, pk: int):
    application = application_get_office(application_pk=pk, related=("screening",))
    submitted = application.status == Application.Status.SUBMITTED
    checks = screening_checks(applications=[application])[application.pk]
    screening = getattr(application, "screening", None)
    initial = {}
    if screening is not None:
        initial = {
            "status": screening.status if screening.status != Screening.Status.PENDING else "",
            "reason": screening.reason,
            "backing_confirmed": screening.backing_confirmed,
        }
    form = bind(
        ScreeningDecisionForm,
        request,
        initial=initial,
        backing_manual=checks.backing_manual,
        checks_passed=checks.passed,
    )
    if request.method == "POST" and submitted and form.is_valid():
        data = form.cleaned_data
        try:
            screening_decide(
                application=application,
                status=data["status"],
                reason=data["reason"],
                backing_confirmed=data.get("backing_confirmed") if checks.backing_manual else None,
                actor=request.user,
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(
                request,
                _("Die Entscheidung zu %(reference)s ist gespeichert.")
                % {"reference": application.reference},
            )
            return redirect("reviews:screening_list", application.call_id)
    context = {
        "application": application,
        "municipality": application.municipality,
        "submitted": submitted,
        "checks": checks,
        "check_rows": [
            (label, getattr(checks, key), key == "backing" and checks.backing_manual)
            for key, label in CHECK_LABELS.items()
        ],
        "screening": screening,
        "status": screening_status_of(application),
        "form": form,
    }
    return render(request, "reviews/office/screening_detail.html", context)
