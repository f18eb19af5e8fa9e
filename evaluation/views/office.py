"""The office builds instruments, opens surveys and reads results across surveys."""

import segno
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.models import Role
from core.collation import german_key
from core.formviews import attempt, bind
from core.permissions import require_roles
from core.pickers import picker_searching
from evaluation import answering, charts, selectors, services, subjects
from evaluation.forms import (
    AnswerForm,
    InstrumentForm,
    InvitationForm,
    ItemEditForm,
    ItemForm,
    ResultsFilterForm,
    SectionForm,
    SurveyForm,
    SurveyPeriodForm,
    ThresholdForm,
)
from evaluation.models import Phase
from evaluation.results import compute, load, survey_year


@require_roles(Role.OFFICE)
def index(request):
    context = {
        "instruments": list(selectors.instruments_office()),
        "threshold": selectors.threshold(),
    }
    return render(request, "evaluation/office/index.html", context)


@require_roles(Role.OFFICE)
def instrument_create(request):
    form = bind(InstrumentForm, request)
    if request.method == "POST" and form.is_valid():
        version = attempt(
            form, lambda: services.instrument_create(actor=request.user, **form.cleaned_data)
        )
        if version is not None:
            messages.success(request, _("Das Instrument ist angelegt. Fügen Sie Abschnitte hinzu."))
            return redirect("evaluation:version_detail", version.pk)
    return render(
        request, "evaluation/office/form.html", {"form": form, "title": _("Instrument anlegen")}
    )


@require_roles(Role.OFFICE)
def version_detail(request, instrument_version_pk: int):
    version = selectors.version_get(version_pk=instrument_version_pk)
    context = {
        "version": version,
        "sections": selectors.version_sections(version=version),
        "surveys": list(version.surveys.select_related("municipality").order_by("-opens_at")),
    }
    return render(request, "evaluation/office/version_detail.html", context)


@require_roles(Role.OFFICE)
def section_add(request, instrument_version_pk: int):
    version = selectors.version_get(version_pk=instrument_version_pk)
    form = bind(SectionForm, request)
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(form, lambda: services.section_add(version=version, **form.cleaned_data))
    ):
        messages.success(request, _("Der Abschnitt ist angelegt."))
        return redirect("evaluation:version_detail", version.pk)
    return render(
        request,
        "evaluation/office/form.html",
        {"form": form, "title": _("Abschnitt anlegen"), "version": version},
    )


@require_roles(Role.OFFICE)
def item_add(request, evaluation_section_pk: int):
    section = selectors.section_get(section_pk=evaluation_section_pk)
    form = bind(ItemForm, request)
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(form, lambda: services.item_add(section=section, **form.cleaned_data))
    ):
        messages.success(request, _("Die Frage ist angelegt."))
        return redirect("evaluation:version_detail", section.version_id)
    return render(
        request,
        "evaluation/office/form.html",
        {"form": form, "title": _("Frage anlegen"), "version": section.version},
    )


@require_roles(Role.OFFICE)
def item_edit(request, evaluation_item_pk: int):
    item = selectors.item_get(item_pk=evaluation_item_pk)
    title = _("Frage bearbeiten: %(key)s (%(type)s)") % {
        "key": item.key,
        "type": item.get_type_display(),
    }
    if not item.version.is_draft:
        notice = _(
            "Diese Version ist veröffentlicht. Für Änderungen legen Sie eine neue Version an."
        )
        return render(
            request,
            "evaluation/office/form.html",
            {"form": None, "notice": notice, "title": title, "version": item.version},
        )
    form = bind(ItemEditForm, request, item=item)
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            form,
            lambda: services.item_update(
                item=item,
                text=form.cleaned_data["text"],
                required=form.cleaned_data["required"],
                options=form.cleaned_data.get("options", []),
                actor=request.user,
            ),
        )
    ):
        messages.success(request, _("Die Frage ist gespeichert."))
        return redirect("evaluation:version_detail", item.version_id)
    return render(
        request,
        "evaluation/office/form.html",
        {"form": form, "title": title, "version": item.version},
    )


@require_roles(Role.OFFICE)
@require_POST
def item_remove(request, evaluation_item_pk: int):
    item = selectors.item_get(item_pk=evaluation_item_pk)
    try:
        services.item_remove(item=item)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Die Frage ist entfernt."))
    return redirect("evaluation:version_detail", item.version_id)


@require_roles(Role.OFFICE)
@require_POST
def version_publish(request, instrument_version_pk: int):
    version = selectors.version_get(version_pk=instrument_version_pk)
    try:
        services.version_publish(version=version, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Die Version ist veröffentlicht."))
    return redirect("evaluation:version_detail", version.pk)


@require_roles(Role.OFFICE)
@require_POST
def version_new(request, instrument_pk: int):
    instrument = selectors.instrument_get(instrument_pk=instrument_pk)
    draft = services.version_new_draft(instrument=instrument)
    messages.success(
        request, _("Version %(number)s ist als Entwurf angelegt.") % {"number": draft.number}
    )
    return redirect("evaluation:version_detail", draft.pk)


@require_roles(Role.OFFICE)
def survey_create(request, instrument_version_pk: int):
    version = selectors.version_get(version_pk=instrument_version_pk)
    form = bind(SurveyForm, request, version=version, refresh_url=request.path)
    if request.method == "POST" and not picker_searching(request, form) and form.is_valid():
        data = form.cleaned_data
        survey = attempt(
            form,
            lambda: services.survey_open(
                version=version,
                title=data["title"],
                phase=data["phase"],
                target_kind=data["target_kind"],
                opens_at=data["opens_at"],
                closes_at=data["closes_at"],
                pair_with=data["pair_with"],
                actor=request.user,
                **form.target(),
            ),
        )
        if survey is not None:
            messages.success(request, _("Die Befragung ist angelegt."))
            return redirect("evaluation:survey_detail", survey.pk)
    return render(
        request,
        "evaluation/office/survey_form.html",
        {"form": form, "title": _("Befragung öffnen"), "version": version},
    )


def _survey_page(request, survey, form, period_form=None):
    link = request.build_absolute_uri(reverse("evaluation:answer", args=[survey.token]))
    qr = segno.make(link, error="m").svg_inline(
        scale=4, title=_("QR-Code zur Befragung"), svgclass="qr-code"
    )
    context = {
        "survey": survey,
        "link": link,
        "qr": mark_safe(qr),  # noqa: S308 -- segno's own SVG
        "form": form if not survey.is_ended else None,
        "period_form": None
        if survey.is_ended
        else period_form or SurveyPeriodForm(initial={"closes_at": survey.closes_at}),
        "invited": selectors.invitation_count(survey=survey),
        "subject": subjects.subject_label(
            target_kind=survey.target_kind, target_id=survey.target_id
        ),
        "settling": settings.EVALUATION_SETTLING_MINUTES,
    }
    return render(request, "evaluation/office/survey_detail.html", context)


@require_roles(Role.OFFICE)
def survey_detail(request, survey_pk: int):
    survey = selectors.survey_get_for_user(user=request.user, survey_pk=survey_pk)
    return _survey_page(request, survey, InvitationForm())


@require_roles(Role.OFFICE)
@require_POST
def survey_period(request, survey_pk: int):
    survey = selectors.survey_get_for_user(user=request.user, survey_pk=survey_pk)
    form = bind(SurveyPeriodForm, request)
    if form.is_valid():
        changed = attempt(
            form,
            lambda: answering.survey_reschedule(
                survey=survey, closes_at=form.cleaned_data["closes_at"], actor=request.user
            ),
        )
        if changed is not None:
            messages.success(
                request,
                _("Die Befragung läuft jetzt bis %(end)s Uhr.")
                % {
                    "end": date_format(
                        timezone.localtime(changed.closes_at), "SHORT_DATETIME_FORMAT"
                    )
                },
            )
            return redirect("evaluation:survey_detail", survey.pk)
    survey.refresh_from_db()
    if survey.is_ended:
        # The page no longer offers the form, so the reason goes above it.
        messages.error(
            request, _("Die Befragung ist beendet; ihr Zeitraum lässt sich nicht mehr ändern.")
        )
        return redirect("evaluation:survey_detail", survey.pk)
    return _survey_page(request, survey, InvitationForm(), period_form=form)


@require_roles(Role.OFFICE)
@require_GET
def survey_preview(request, survey_pk: int):
    """The questionnaire as respondents see it, for the office to check before sending
    the link. It is shown without a nonce and without a way to send it, and answers
    nothing on POST: a preview stores nothing."""
    survey = selectors.survey_get_for_user(user=request.user, survey_pk=survey_pk)
    sections = selectors.version_sections(version=survey.version)
    items = [item for section in sections for item in section.items.all()]
    paired = survey.phase != Phase.SINGLE
    form = AnswerForm(items=items, paired=paired)
    context = {
        "survey": survey,
        "form": form,
        "grouped": form.sections(sections),
        "paired": paired,
        "preview": True,
    }
    return render(request, "evaluation/answer.html", context)


@require_roles(Role.OFFICE)
@require_POST
def survey_invite(request, survey_pk: int):
    survey = selectors.survey_get_for_user(user=request.user, survey_pk=survey_pk)
    form = bind(InvitationForm, request)
    if form.is_valid():
        invited = attempt(
            form,
            lambda: services.survey_invite(
                survey=survey, emails=form.cleaned_data["emails"], actor=request.user
            ),
        )
        if invited is not None:
            if invited.sent:
                messages.success(
                    request,
                    _("Einladung an %(n)s Adressen verschickt.") % {"n": len(invited.sent)},
                )
            if invited.already:
                messages.info(
                    request,
                    _("Nicht erneut verschickt, bereits eingeladen: %(emails)s")
                    % {"emails": ", ".join(invited.already)},
                )
            return redirect("evaluation:survey_detail", survey.pk)
    return _survey_page(request, survey, form)


@require_roles(Role.OFFICE)
def threshold(request):
    form = bind(ThresholdForm, request, initial={"threshold": selectors.threshold()})
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(form, lambda: services.threshold_set(actor=request.user, **form.cleaned_data))
    ):
        messages.success(request, _("Die Mindestzahl ist gespeichert."))
        return redirect("evaluation:office")
    return render(
        request,
        "evaluation/office/form.html",
        {"form": form, "title": _("Mindestzahl der Antworten")},
    )


# --- results across surveys --------------------------------------------------------------


def filtered(request, version):
    every = selectors.version_surveys(version=version)
    municipalities = sorted(
        {s.municipality for s in every if s.municipality_id}, key=lambda m: german_key(m.name)
    )
    modules = sorted({s.module for s in every if s.module_id}, key=lambda m: m.code)
    years = sorted({survey_year(s) for s in every})
    form = ResultsFilterForm(
        request.GET or None, municipalities=municipalities, modules=modules, years=years
    )
    filters = form.filters()
    surveys = selectors.version_surveys(version=version, filters=filters)
    return form, filters, surveys


GROUPS = {
    "municipality": lambda s: s.municipality.name if s.municipality_id else _("ohne Kommune"),
    "module": lambda s: s.module.code if s.module_id else _("ohne Modul"),
    "year": survey_year,
}


@require_roles(Role.OFFICE)
def version_results(request, instrument_version_pk: int):
    version = selectors.version_get(version_pk=instrument_version_pk)
    form, filters, surveys = filtered(request, version)
    items = selectors.version_items(version=version)
    results = compute(
        items=items,
        surveys=surveys,
        loaded=load(surveys=surveys),
        threshold=selectors.threshold(),
        with_texts=True,
        group_by=GROUPS.get(filters.get("breakdown", "")),
    )
    for result in results.items:
        result.svg = charts.svg(result, chart_id=f"chart-{result.item.pk}") if result.bars else ""
    context = {
        "version": version,
        "form": form,
        "results": results,
        "query": request.GET.urlencode(),
        "scale_items": [i for i in items if i.type in ("likert", "number")],
    }
    return render(request, "evaluation/office/version_results.html", context)


@require_roles(Role.OFFICE)
@require_POST
def survey_close(request, survey_pk: int):
    survey = selectors.survey_get_for_user(user=request.user, survey_pk=survey_pk)
    survey = answering.survey_close(survey=survey, actor=request.user)
    messages.success(
        request,
        _("Die Befragung ist beendet. Die Ergebnisse erscheinen ab %(time)s Uhr.")
        % {"time": date_format(timezone.localtime(survey.results_open_at), "TIME_FORMAT")},
    )
    return redirect("evaluation:survey_detail", survey.pk)
