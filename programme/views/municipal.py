"""The programme area of a model municipality: its documents and evaluation dates (the
dashboard is ``progress.views``). Everything is looked up through the person's own
municipality."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.downloads import pdf_download
from core.formviews import bind
from core.permissions import require_roles
from programme import selectors, services
from programme.cohort import programme_call_for_user
from programme.forms import DocumentForm, EvaluationDateForm, EvaluationStatusForm
from programme.models import ProgrammeYear
from programme.rules import READERS, WRITERS, writes


def _years(call) -> list[ProgrammeYear]:
    return list(ProgrammeYear.objects.filter(call=call).order_by("number"))


@require_roles(*READERS)
def documents(request):
    call = programme_call_for_user(request.user)
    municipality_id = request.user.approved_municipality_id
    form = None
    if writes(request.user):
        form = DocumentForm(years=_years(call))
    context = {
        "call": call,
        "documents": selectors.documents_for_municipality(
            call=call, municipality_id=municipality_id
        ).select_related("created_by"),
        "form": form,
    }
    return render(request, "programme/documents.html", context)


@require_roles(*WRITERS)
def document_create(request):
    call = programme_call_for_user(request.user)
    form = bind(DocumentForm, request, years=_years(call))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.document_record(
            call=call,
            municipality=request.user.municipality,
            kind=data["kind"],
            title=data["title"],
            occurred_on=data["occurred_on"],
            description=data["description"],
            upload=data.get("file"),
            actor=request.user,
        )
        messages.success(request, _("Der Nachweis ist gespeichert."))
        return redirect("programme:documents")
    return render(request, "programme/document_form.html", {"call": call, "form": form})


@require_roles(*READERS)
def document_file(request, document_pk):
    call = programme_call_for_user(request.user)
    document = selectors.document_get(
        call=call,
        municipality_id=request.user.approved_municipality_id,
        document_pk=document_pk,
    )
    if not document.file:
        raise Http404
    return pdf_download(file=document.file, name=document.file_name)


@require_roles(*WRITERS)
def document_delete(request, document_pk):
    call = programme_call_for_user(request.user)
    document = selectors.document_get(
        call=call,
        municipality_id=request.user.approved_municipality_id,
        document_pk=document_pk,
    )
    if request.method == "POST":
        services.document_delete(document=document, actor=request.user)
        messages.success(request, _("Der Nachweis ist gelöscht."))
        return redirect("programme:documents")
    return render(request, "programme/document_delete.html", {"document": document})


@require_roles(*READERS)
def evaluation_dates(request):
    call = programme_call_for_user(request.user)
    context = {
        "call": call,
        "dates": selectors.evaluation_dates_for_municipality(
            call=call, municipality_id=request.user.approved_municipality_id
        ),
        "form": EvaluationDateForm() if writes(request.user) else None,
        "can_write": writes(request.user),
    }
    return render(request, "programme/evaluation_dates.html", context)


@require_roles(*WRITERS)
@require_POST
def evaluation_date_create(request):
    call = programme_call_for_user(request.user)
    form = bind(EvaluationDateForm, request)
    if form.is_valid():
        services.evaluation_date_plan(
            call=call,
            municipality=request.user.municipality,
            starts_at=form.cleaned_data["starts_at"],
            description=form.cleaned_data["description"],
            actor=request.user,
        )
        messages.success(request, _("Der Evaluationstermin ist eingetragen."))
        return redirect("programme:evaluation_dates")
    context = {
        "call": call,
        "dates": selectors.evaluation_dates_for_municipality(
            call=call, municipality_id=request.user.approved_municipality_id
        ),
        "form": form,
        "can_write": True,
    }
    return render(request, "programme/evaluation_dates.html", context)


@require_roles(*WRITERS)
def evaluation_date_status(request, evaluation_pk):
    call = programme_call_for_user(request.user)
    evaluation = selectors.evaluation_date_get(
        call=call,
        municipality_id=request.user.approved_municipality_id,
        evaluation_pk=evaluation_pk,
    )
    form = bind(EvaluationStatusForm, request, initial={"status": evaluation.status})
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluation_date_set_status(
                evaluation=evaluation, status=form.cleaned_data["status"], actor=request.user
            )
        except ValidationError as exc:
            for error in exc.message_dict.get("status", []):
                form.add_error("status", error)
        else:
            messages.success(request, _("Der Stand des Termins ist gespeichert."))
            return redirect("programme:evaluation_dates")
    return render(
        request, "programme/evaluation_status.html", {"evaluation": evaluation, "form": form}
    )
