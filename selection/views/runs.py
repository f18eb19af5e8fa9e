from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.models import Role
from calls.selectors import call_get_office
from core.formviews import bind
from core.htmx import is_htmx, vary_on_htmx
from core.permissions import require_roles
from selection import services
from selection.comparison import run_comparison
from selection.forms import AdoptForm, RunCompareForm
from selection.guards import ADOPT, RUN, too_early
from selection.selectors import (
    decision_get,
    run_explanation_get,
    run_get,
    run_list,
    run_report,
    runs_get,
)
from selection.services.explanations import run_explanation_retry


@require_roles(Role.OFFICE)
def call_overview(request, call_pk: int):
    call = call_get_office(call_pk=call_pk)
    context = {
        "call": call,
        "runs": run_list(call=call),
        "decision": decision_get(call=call),
        "too_early": too_early(call=call, action=RUN),
    }
    return render(request, "selection/call.html", context)


@require_roles(Role.OFFICE)
@require_POST
def run_create(request, call_pk: int):
    call = call_get_office(call_pk=call_pk)
    try:
        run = services.selection_run_create(call=call, actor=request.user)
    except services.SelectionError as exc:
        messages.error(request, str(exc))
        return redirect("selection:call", call_pk=call.pk)
    return redirect("selection:run_detail", call_pk=call.pk, run_pk=run.pk)


@require_roles(Role.OFFICE)
def run_detail(request, call_pk: int, run_pk: int):
    call = call_get_office(call_pk=call_pk)
    return _render_run(request, call, run_get(call=call, run_pk=run_pk), AdoptForm())


def _render_run(request, call, run, adopt_form):
    context = {
        "call": call,
        "report": run_report(run=run),
        "decision": decision_get(call=call),
        "adopt_form": adopt_form,
        "too_early": too_early(call=call, action=ADOPT),
    }
    return render(request, "selection/run_detail.html", context)


@require_roles(Role.OFFICE)
@require_GET
def run_explanation(request, call_pk: int, run_pk: int):
    """The progress of the run's explanations, asked for by the run page every few
    seconds while they are computed; once they are stored (or failed), the page reloads
    itself to show them. Anyone else is sent to the run page."""
    call = call_get_office(call_pk=call_pk)
    run = run_explanation_get(call=call, run_pk=run_pk)
    if not is_htmx(request):
        return redirect("selection:run_detail", call_pk=call.pk, run_pk=run.pk)
    if not run.explanation_is_active:
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return vary_on_htmx(response)
    context = {"call": call, "run": run}
    return vary_on_htmx(render(request, "selection/includes/explanation_progress.html", context))


@require_roles(Role.OFFICE)
@require_POST
def run_explanation_restart(request, call_pk: int, run_pk: int):
    call = call_get_office(call_pk=call_pk)
    run = run_explanation_get(call=call, run_pk=run_pk)
    if run_explanation_retry(run=run):
        messages.success(request, _("Die Begründung wird erneut berechnet."))
    return redirect("selection:run_detail", call_pk=call.pk, run_pk=run.pk)


@require_roles(Role.OFFICE)
@require_POST
def decision_adopt(request, call_pk: int, run_pk: int):
    call = call_get_office(call_pk=call_pk)
    run = run_get(call=call, run_pk=run_pk)
    form = bind(AdoptForm, request)
    if form.is_valid():
        try:
            services.decision_adopt(
                run=run,
                actor=request.user,
                waiting_list_length=form.cleaned_data["waiting_list_length"],
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        except services.SelectionError as exc:
            messages.error(request, str(exc))
            return redirect("selection:run_detail", call_pk=call.pk, run_pk=run.pk)
        else:
            messages.success(
                request, _("Die Auswahl dieses Laufs ist als Entscheidungsvorschlag übernommen.")
            )
            return redirect("selection:decision", call_pk=call.pk)
    return _render_run(request, call, run, form)


@require_roles(Role.OFFICE)
def run_compare(request, call_pk: int):
    """Two runs side by side; without a choice the two newest (the older as run 1)."""
    call = call_get_office(call_pk=call_pk)
    runs = run_list(call=call)
    form, comparison = None, None
    if len(runs) >= 2:
        chosen = "first" in request.GET or "second" in request.GET
        form = RunCompareForm(
            request.GET if chosen else None,
            runs=runs,
            initial={"first": runs[1].pk, "second": runs[0].pk},
        )
        pair = None
        if not chosen:
            pair = (runs[1].pk, runs[0].pk)
        elif form.is_valid():
            pair = (form.cleaned_data["first"], form.cleaned_data["second"])
        if pair:
            first, second = runs_get(call=call, pks=pair)
            comparison = run_comparison(first=first, second=second)
    context = {"call": call, "runs": runs, "form": form, "comparison": comparison}
    return render(request, "selection/run_compare.html", context)
