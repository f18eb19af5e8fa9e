from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Role
from calls.selectors import call_get_office
from core.formviews import attempt, bind
from core.permissions import require_roles
from selection import services
from selection.forms import LetterTemplateForm
from selection.letters import (
    PLACEHOLDERS,
    dispatch_letter,
    letter_pdf,
    letter_template_save,
    letter_templates_ensure,
    letter_text,
)
from selection.models import OutcomeKind
from selection.selectors import letter_dispatch_get, letter_preview_application


def _template_or_404(call, outcome: str):
    if outcome not in OutcomeKind.values:
        raise Http404
    return letter_templates_ensure(call=call)[outcome]


@require_roles(Role.OFFICE)
def letters(request, call_pk: int):
    call = call_get_office(call_pk=call_pk)
    templates = letter_templates_ensure(call=call, actor=request.user)
    return render(
        request, "selection/letters.html", {"call": call, "templates": list(templates.values())}
    )


@require_roles(Role.OFFICE)
def letter_edit(request, call_pk: int, outcome: str):
    call = call_get_office(call_pk=call_pk)
    template = _template_or_404(call, outcome)
    form = bind(LetterTemplateForm, request, initial=LetterTemplateForm.initial_from(template))
    if request.method == "POST" and form.is_valid():
        saved = attempt(
            form,
            lambda: letter_template_save(
                template=template, actor=request.user, data=form.cleaned_data
            ),
        )
        if saved:
            messages.success(
                request,
                _("Die Briefvorlage „%(name)s“ ist gespeichert.")
                % {"name": template.get_outcome_display()},
            )
            return redirect("selection:letters", call_pk=call.pk)
    context = {
        "call": call,
        "template": template,
        "form": form,
        "placeholders": [("{" + name + "}", label) for name, label in PLACEHOLDERS.items()],
    }
    return render(request, "selection/letter_form.html", context)


@require_roles(Role.OFFICE)
def letter_preview(request, call_pk: int, outcome: str):
    """The stored letter as a PDF, for the first submitted application or a sample."""
    call = call_get_office(call_pk=call_pk)
    template = _template_or_404(call, outcome)
    language = "en" if request.GET.get("sprache") == "en" else "de"
    application = letter_preview_application(call=call)
    rank = 1 if outcome == OutcomeKind.WAITING else None
    subject, body = letter_text(
        template=template, application=application, rank=rank, language=language
    )
    pdf = letter_pdf(application=application, subject=subject, body=body, language=language)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="Briefvorschau-{outcome}.pdf"'
    return response


@require_roles(Role.OFFICE)
def letter_download(request, call_pk: int, pk: int):
    """The letter of one application as mailed (or due), for the office to post it."""
    call = call_get_office(call_pk=call_pk)
    dispatch = letter_dispatch_get(call=call, application_id=pk)
    language = "en" if request.GET.get("sprache") == "en" else "de"
    _language, _subject, _body, pdf = dispatch_letter(dispatch=dispatch, language=language)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="Entscheidung-{dispatch.application.reference}.pdf"'
    )
    return response


@require_roles(Role.OFFICE)
@require_POST
def letter_resend(request, call_pk: int, pk: int):
    call = call_get_office(call_pk=call_pk)
    dispatch = letter_dispatch_get(call=call, application_id=pk)
    name = dispatch.application.municipality.name
    try:
        queued = services.letter_resend(call=call, application_id=pk, actor=request.user)
    except services.SelectionError as exc:
        messages.error(request, str(exc))
    else:
        if queued:
            messages.success(
                request, _("Der Brief an %(name)s wird erneut versandt.") % {"name": name}
            )
        else:
            messages.info(
                request, _("Der Brief an %(name)s ist bereits erneut versandt.") % {"name": name}
            )
    return redirect("selection:decision", call_pk=call.pk)
