"""A model municipality's field tests in its programme area: the list, planning, one
test with its result and evidence. Everything is looked up through the person's own
municipality, so another municipality's test is never found."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.downloads import pdf_download
from core.formviews import attempt, bind
from core.permissions import require_roles
from programme.cohort import programme_call_for_user
from recommendations import field_test_selectors as selectors
from recommendations import field_tests as services
from recommendations.field_test_forms import (
    FieldTestEvidenceForm,
    FieldTestPlanForm,
    FieldTestResultForm,
)
from recommendations.models import FieldTestState
from recommendations.rules import FIELD_TESTERS

PER_PAGE = 20


def _field_test(request, field_test_pk: int):
    call = programme_call_for_user(request.user)
    return selectors.field_test_get(
        call=call,
        municipality_id=request.user.approved_municipality_id,
        field_test_pk=field_test_pk,
    )


@require_roles(*FIELD_TESTERS)
def field_test_list(request):
    call = programme_call_for_user(request.user)
    tests = selectors.field_tests_of_municipality(
        call=call, municipality_id=request.user.approved_municipality_id
    )
    page = Paginator(tests, PER_PAGE).get_page(request.GET.get("seite"))
    return render(request, "recommendations/field_tests/list.html", {"call": call, "page": page})


@require_roles(*FIELD_TESTERS)
def field_test_plan(request):
    call = programme_call_for_user(request.user)
    recommendations = list(selectors.plannable_recommendations())
    form = bind(FieldTestPlanForm, request, recommendations=recommendations)
    if request.method == "POST" and form.is_valid():
        field_test = attempt(
            form,
            lambda: services.field_test_plan(
                call=call, municipality=request.user.municipality, actor=request.user, **form.plan()
            ),
        )
        if field_test is not None:
            messages.success(request, _("Der Praxistest ist geplant."))
            return redirect("field_tests:detail", field_test_pk=field_test.pk)
    context = {"form": form, "has_recommendations": bool(recommendations)}
    return render(request, "recommendations/field_tests/plan_form.html", context)


def _detail(request, field_test, *, result_form=None, evidence_form=None):
    done = field_test.state == FieldTestState.DONE
    initial = {
        name: getattr(field_test, name)
        for name in ("result", "observations", "obstacles", "helped", "proposal")
    }
    context = {
        "field_test": field_test,
        "current": selectors.current_recommendation(field_test=field_test),
        "evidence": selectors.evidence_of(field_test=field_test),
        "result_form": result_form or FieldTestResultForm(initial=initial),
        "evidence_form": evidence_form or FieldTestEvidenceForm(),
        "done": done,
    }
    return render(request, "recommendations/field_tests/detail.html", context)


@require_roles(*FIELD_TESTERS)
def field_test_detail(request, field_test_pk: int):
    return _detail(request, _field_test(request, field_test_pk))


@require_roles(*FIELD_TESTERS)
def field_test_edit(request, field_test_pk: int):
    field_test = _field_test(request, field_test_pk)
    if field_test.state == FieldTestState.DONE:
        messages.info(request, _("Der Praxistest ist abgeschlossen; sein Plan bleibt, wie er war."))
        return redirect("field_tests:detail", field_test_pk=field_test.pk)
    initial = {name: getattr(field_test, name) for name in services.PLAN_FIELDS}
    form = bind(FieldTestPlanForm, request, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = attempt(
            form,
            lambda: services.field_test_plan_update(
                field_test=field_test, actor=request.user, **form.plan()
            ),
        )
        if saved is not None:
            messages.success(request, _("Der Plan ist gespeichert."))
            return redirect("field_tests:detail", field_test_pk=field_test.pk)
    context = {"form": form, "field_test": field_test}
    return render(request, "recommendations/field_tests/plan_form.html", context)


@require_roles(*FIELD_TESTERS)
@require_POST
def field_test_start(request, field_test_pk: int):
    field_test = _field_test(request, field_test_pk)
    services.field_test_start(field_test=field_test, actor=request.user)
    messages.success(request, _("Der Praxistest läuft."))
    return redirect("field_tests:detail", field_test_pk=field_test.pk)


@require_roles(*FIELD_TESTERS)
@require_POST
def field_test_result(request, field_test_pk: int):
    field_test = _field_test(request, field_test_pk)
    form = bind(FieldTestResultForm, request)
    if form.is_valid():
        saved = attempt(
            form,
            lambda: services.field_test_result_record(
                field_test=field_test, actor=request.user, **form.cleaned_data
            ),
        )
        if saved is not None:
            messages.success(
                request, _("Das Ergebnis ist gespeichert; der Praxistest ist abgeschlossen.")
            )
            return redirect("field_tests:detail", field_test_pk=field_test.pk)
    return _detail(request, field_test, result_form=form)


@require_roles(*FIELD_TESTERS)
@require_POST
def evidence_add(request, field_test_pk: int):
    field_test = _field_test(request, field_test_pk)
    form = bind(FieldTestEvidenceForm, request)
    if form.is_valid():
        saved = attempt(
            form,
            lambda: services.field_test_evidence_add(
                field_test=field_test,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
                actor=request.user,
            ),
        )
        if saved is not None:
            messages.success(request, _("Der Nachweis ist hochgeladen."))
            return redirect("field_tests:detail", field_test_pk=field_test.pk)
    return _detail(request, field_test, evidence_form=form)


@require_roles(*FIELD_TESTERS)
def evidence_file(request, field_test_pk: int, evidence_pk: int):
    field_test = _field_test(request, field_test_pk)
    evidence = selectors.evidence_get(field_test=field_test, evidence_pk=evidence_pk)
    return pdf_download(file=evidence.file, name=evidence.file_name)


@require_roles(*FIELD_TESTERS)
def evidence_remove(request, field_test_pk: int, evidence_pk: int):
    field_test = _field_test(request, field_test_pk)
    evidence = selectors.evidence_get(field_test=field_test, evidence_pk=evidence_pk)
    if request.method == "POST":
        services.field_test_evidence_remove(evidence=evidence, actor=request.user)
        messages.success(request, _("Der Nachweis ist entfernt."))
        return redirect("field_tests:detail", field_test_pk=field_test.pk)
    context = {"field_test": field_test, "evidence": evidence}
    return render(request, "recommendations/field_tests/evidence_remove.html", context)


@require_roles(*FIELD_TESTERS)
def field_test_withdraw(request, field_test_pk: int):
    field_test = _field_test(request, field_test_pk)
    error = ""
    if request.method == "POST":
        try:
            services.field_test_withdraw(field_test=field_test, actor=request.user)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("Der Praxistest ist zurückgezogen."))
            return redirect("field_tests:list")
    context = {"field_test": field_test, "error": error}
    return render(request, "recommendations/field_tests/withdraw.html", context)
