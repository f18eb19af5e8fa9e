"""The office edits the review criteria of a call: list, add, edit, move, delete."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Role
from calls.selectors import call_get_office
from core.formviews import bind
from core.permissions import require_roles
from reviews import criteria as services
from reviews.forms import CriterionForm
from reviews.selectors import call_has_submitted_reviews, criteria_of_call, criterion_get_office

office = require_roles(Role.OFFICE)


@office
def criteria_list(request, call_pk: int):
    call = call_get_office(call_pk=call_pk)
    context = {
        "call": call,
        "criteria": criteria_of_call(call=call),
        "locked": call_has_submitted_reviews(call=call),
    }
    return render(request, "reviews/office/criteria.html", context)


@office
def criterion_create(request, call_pk: int):
    call = call_get_office(call_pk=call_pk)
    form = bind(CriterionForm, request, creating=True)
    if request.method == "POST" and form.is_valid():
        try:
            criterion = services.criterion_create(
                call=call, data=form.cleaned_data, actor=request.user
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(
                request,
                _("Das Kriterium „%(label)s“ ist angelegt.") % {"label": criterion.label_de},
            )
            return redirect("reviews:criteria", call.pk)
    return render(
        request,
        "reviews/office/criterion_form.html",
        {"call": call, "form": form, "criterion": None},
    )


@office
def criterion_edit(request, call_pk: int, criterion_pk: int):
    call = call_get_office(call_pk=call_pk)
    criterion = criterion_get_office(call=call, criterion_pk=criterion_pk)
    form = bind(CriterionForm, request, instance=criterion, creating=False)
    if request.method == "POST" and form.is_valid():
        services.criterion_update(criterion=criterion, data=form.cleaned_data, actor=request.user)
        messages.success(request, _("Das Kriterium ist gespeichert."))
        return redirect("reviews:criteria", call.pk)
    return render(
        request,
        "reviews/office/criterion_form.html",
        {"call": call, "form": form, "criterion": criterion},
    )


@office
def criterion_delete(request, call_pk: int, criterion_pk: int):
    call = call_get_office(call_pk=call_pk)
    criterion = criterion_get_office(call=call, criterion_pk=criterion_pk)
    error = ""
    if request.method == "POST":
        try:
            services.criterion_delete(criterion=criterion, actor=request.user)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(
                request,
                _("Das Kriterium „%(label)s“ ist gelöscht.") % {"label": criterion.label_de},
            )
            return redirect("reviews:criteria", call.pk)
    return render(
        request,
        "reviews/office/criterion_delete.html",
        {"call": call, "criterion": criterion, "error": error},
    )


@office
@require_POST
def criterion_move(request, call_pk: int, criterion_pk: int):
    call = call_get_office(call_pk=call_pk)
    criterion = criterion_get_office(call=call, criterion_pk=criterion_pk)
    direction = "down" if request.POST.get("direction") == "down" else "up"
    services.criterion_move(criterion=criterion, direction=direction, actor=request.user)
    if direction == "up":
        text = _("„%(label)s“ wurde nach oben verschoben.")
    else:
        text = _("„%(label)s“ wurde nach unten verschoben.")
    messages.success(request, text % {"label": criterion.label_de})
    return redirect("reviews:criteria", call.pk)


@office
@require_POST
def criteria_defaults(request, call_pk: int):
    call = call_get_office(call_pk=call_pk)
    if services.criteria_add_defaults(call=call, actor=request.user):
        messages.success(request, _("Die fünf vorgeschlagenen Kriterien sind übernommen."))
    else:
        messages.info(
            request, _("Die Ausschreibung hat schon Kriterien; es wurde nichts geändert.")
        )
    return redirect("reviews:criteria", call.pk)
