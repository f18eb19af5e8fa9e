from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Role
from calls.selectors import call_get_office
from core.formviews import attempt, bind
from core.permissions import require_roles
from selection import services
from selection.forms import OverrideForm, RulesForm
from selection.guards import rules_locked
from selection.selectors import (
    override_choices,
    selection_call_list,
    selection_rules_get,
)


@require_roles(Role.OFFICE)
def index(request):
    return render(request, "selection/index.html", {"calls": selection_call_list()})


@require_roles(Role.OFFICE)
def rules(request, call_pk: int):
    call = call_get_office(call_pk=call_pk)
    locked = rules_locked(call=call)
    if locked and request.method == "POST":
        messages.error(request, locked)
        return redirect("selection:rules", call_pk=call.pk)
    current = selection_rules_get(call=call)
    form = bind(RulesForm, request, initial=RulesForm.initial_from(current, places=call.places))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = attempt(
            form,
            lambda: services.selection_rules_save(
                call=call,
                actor=request.user,
                places=data["places"],
                max_per_land=data["max_per_land"],
                cover_needs=data["cover_needs"],
                diversity_weight=data["diversity_weight"],
                limits=form.limits(),
            ),
        )
        if saved:
            messages.success(request, _("Die Auswahlregeln sind gespeichert."))
            return redirect("selection:rules", call_pk=call.pk)
    return _render_rules(
        request,
        call,
        current,
        form,
        OverrideForm(applications=override_choices(call=call)),
        locked=locked,
    )


def _render_rules(request, call, current, form, override_form, *, locked=""):
    overrides = list(current.overrides.all()) if current else []
    if locked:
        for field in (*form.fields.values(), *override_form.fields.values()):
            field.disabled = True
    return render(
        request,
        "selection/rules.html",
        {
            "call": call,
            "form": form,
            "override_form": override_form,
            "overrides": overrides,
            "locked": locked,
        },
    )


@require_roles(Role.OFFICE)
@require_POST
def override_add(request, call_pk: int):
    call = call_get_office(call_pk=call_pk)
    locked = rules_locked(call=call)
    if locked:
        messages.error(request, locked)
        return redirect("selection:rules", call_pk=call.pk)
    form = bind(OverrideForm, request, applications=override_choices(call=call))
    if form.is_valid():
        data = form.cleaned_data
        added = attempt(
            form,
            lambda: services.rule_override_add(
                call=call,
                actor=request.user,
                application=data["application"],
                kind=data["kind"],
                reason=data["reason"],
            ),
        )
        if added:
            messages.success(
                request,
                _("Die Festlegung für %(name)s ist gespeichert.")
                % {"name": data["application"].municipality.name},
            )
            return redirect("selection:rules", call_pk=call.pk)
    current = selection_rules_get(call=call)
    rules_form = RulesForm(initial=RulesForm.initial_from(current, places=call.places))
    return _render_rules(request, call, current, rules_form, form)


@require_roles(Role.OFFICE)
@require_POST
def override_remove(request, call_pk: int, pk: int):
    call = call_get_office(call_pk=call_pk)
    try:
        removed = services.rule_override_remove(call=call, actor=request.user, application_id=pk)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if removed:
            messages.success(request, _("Die Festlegung ist aufgehoben."))
    return redirect("selection:rules", call_pk=call.pk)
