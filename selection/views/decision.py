from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.models import Role
from calls.selectors import call_get_office
from core.formviews import bind
from core.permissions import require_roles
from selection import services
from selection.compliance import decision_compliance
from selection.forms import OutcomeForm
from selection.guards import RELEASE, too_early
from selection.selectors import (
    decision_get,
    outcome_changes,
    outcome_get,
    outcome_rows,
    publication_get,
)


@require_roles(Role.OFFICE)
def decision(request, call_pk: int):
    call = call_get_office(call_pk=call_pk)
    current = decision_get(call=call)
    rows = outcome_rows(decision=current) if current else []
    compliance = (
        decision_compliance(decision=current, outcomes=[row.outcome for row in rows])
        if current
        else None
    )
    context = {
        "call": call,
        "decision": current,
        "rows": rows,
        "changes": outcome_changes(call=call) if current else [],
        "compliance": compliance,
        "publication": publication_get(call=call),
        "too_early": too_early(call=call, action=RELEASE),
    }
    return render(request, "selection/decision.html", context)


@require_roles(Role.OFFICE)
def outcome_change(request, call_pk: int, pk: int):
    call = call_get_office(call_pk=call_pk)
    current = decision_get(call=call)
    if current is None:
        messages.info(request, _("Es gibt noch keine Entscheidung für diese Ausschreibung."))
        return redirect("selection:decision", call_pk=call.pk)
    outcome = outcome_get(call=call, application_id=pk)
    if current.is_released:
        messages.info(
            request, _("Die Entscheidung ist freigegeben und kann nicht mehr geändert werden.")
        )
        return redirect("selection:decision", call_pk=call.pk)
    form = bind(OutcomeForm, request, initial={"kind": outcome.kind, "rank": outcome.rank})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.outcome_change(
                call=call,
                application_id=pk,
                actor=request.user,
                kind=data["kind"],
                rank=data["rank"],
                reason=data["reason"],
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        except services.SelectionError as exc:
            messages.error(request, str(exc))
            return redirect("selection:decision", call_pk=call.pk)
        else:
            messages.success(
                request,
                _("Das Ergebnis für %(name)s ist geändert.")
                % {"name": outcome.application.municipality.name},
            )
            return redirect("selection:decision", call_pk=call.pk)
    return render(
        request, "selection/outcome_form.html", {"call": call, "outcome": outcome, "form": form}
    )


@require_roles(Role.OFFICE)
@require_POST
def decision_release(request, call_pk: int):
    call = call_get_office(call_pk=call_pk)
    try:
        queued = services.decision_release(call=call, actor=request.user)
    except services.SelectionError as exc:
        messages.error(request, str(exc))
    else:
        if queued:
            messages.success(
                request,
                ngettext(
                    "Die Entscheidung ist freigegeben. %(n)s Brief wird jetzt versandt.",
                    "Die Entscheidung ist freigegeben. %(n)s Briefe werden jetzt versandt.",
                    queued,
                )
                % {"n": queued},
            )
        else:
            messages.info(request, _("Die Entscheidung war bereits freigegeben."))
    return redirect("selection:decision", call_pk=call.pk)


@require_roles(Role.OFFICE)
@require_POST
def cohort_publish(request, call_pk: int):
    call = call_get_office(call_pk=call_pk)
    try:
        services.cohort_publish(call=call, actor=request.user)
    except services.SelectionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Die Modellkommunen sind veröffentlicht."))
    return redirect("selection:decision", call_pk=call.pk)
