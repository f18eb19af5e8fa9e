"""The programme office's list of cohorts, their documents, and the programme years and
targets (the matrix and one municipality in detail are ``progress.views``)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.downloads import pdf_download
from core.permissions import require_roles
from programme import selectors, services
from programme.cohort import programme_calls
from programme.forms import CommitmentTargetsForm, ProgrammeYearsForm
from programme.models import Commitment, ProgrammeYear
from programme.rules import OFFICE


@require_roles(*OFFICE)
def cohorts(request):
    return render(request, "programme/office/cohorts.html", {"calls": list(programme_calls())})


@require_roles(*OFFICE)
def document_file(request, call_pk, document_pk):
    call = selectors.programme_call_get_office(call_pk=call_pk)
    document = selectors.document_get_office(call=call, document_pk=document_pk)
    if not document.file:
        raise Http404
    return pdf_download(file=document.file, name=document.file_name)


@require_roles(*OFFICE)
def settings(request, call_pk):
    call = selectors.programme_call_get_office(call_pk=call_pk)
    years = list(ProgrammeYear.objects.filter(call=call).order_by("number"))
    commitments = list(Commitment.objects.filter(call=call).order_by("position", "pk"))
    posted = request.POST if request.method == "POST" else None
    which = request.POST.get("form") if posted else None
    years_form = ProgrammeYearsForm(posted if which == "years" else None, years=years, call=call)
    targets_form = CommitmentTargetsForm(
        posted if which == "targets" else None, commitments=commitments
    )
    if which == "years" and years_form.is_valid():
        try:
            services.programme_years_set(
                call=call, periods=years_form.periods(), actor=request.user
            )
        except ValidationError as exc:
            for message in exc.messages:
                years_form.add_error(None, message)
        else:
            messages.success(request, _("Die Programmjahre sind gespeichert."))
            return redirect("programme_office:settings", call.pk)
    if which == "targets" and targets_form.is_valid():
        services.commitment_targets_set(
            call=call, targets=targets_form.targets(), actor=request.user
        )
        messages.success(request, _("Die Ziele sind gespeichert."))
        return redirect("programme_office:settings", call.pk)
    context = {"call": call, "years_form": years_form, "targets_form": targets_form}
    return render(request, "programme/office/settings.html", context)
