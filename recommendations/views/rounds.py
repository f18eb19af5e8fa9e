"""The office's pages of consultation rounds: the list, creating a round for a version,
changing it, and the round with all its comments under their authors' names."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.models import Role
from core.formviews import attempt, bind
from core.permissions import require_roles
from recommendations import comment_selectors, consultation, selectors
from recommendations.round_forms import RoundForm

ROUNDS_PER_PAGE = 25


@require_roles(Role.OFFICE)
def round_list(request):
    page = Paginator(comment_selectors.rounds_office(), ROUNDS_PER_PAGE).get_page(
        request.GET.get("seite")
    )
    return render(request, "recommendations/rounds/round_list.html", {"page": page})


@require_roles(Role.OFFICE)
def round_create(request, version_pk: int):
    version = selectors.version_get_office(version_pk=version_pk)
    form = bind(
        RoundForm,
        request,
        freeze_label="" if version.is_draft else None,
        initial={"audience": ["for_municipal_teams"]},
    )
    if request.method == "POST" and form.is_valid():
        round = attempt(
            form,
            lambda: consultation.round_create(
                version=version, actor=request.user, **form.service_arguments()
            ),
        )
        if round is not None:
            messages.success(request, _("Die Beteiligungsrunde ist angelegt."))
            return redirect("recommendation_rounds:round_detail", round_pk=round.pk)
    return render(
        request, "recommendations/rounds/round_form.html", {"form": form, "version": version}
    )


@require_roles(Role.OFFICE)
def round_edit(request, round_pk: int):
    round = comment_selectors.round_get_office(round_pk=round_pk)
    if consultation.round_has_ended(round):
        messages.info(request, _("Die Beteiligungsrunde ist beendet und bleibt, wie sie ist."))
        return redirect("recommendation_rounds:round_detail", round_pk=round.pk)
    running = consultation.round_has_started(round)
    form = bind(RoundForm, request, initial=RoundForm.initial_of(round))
    if running:
        # Only the end may still move; the other fields keep what the round has.
        for name, field in form.fields.items():
            field.disabled = name != "ends_at"
    if request.method == "POST" and form.is_valid():
        saved = attempt(
            form,
            lambda: consultation.round_update(
                round=round, actor=request.user, **form.service_arguments()
            ),
        )
        if saved is not None:
            messages.success(request, _("Die Beteiligungsrunde ist gespeichert."))
            return redirect("recommendation_rounds:round_detail", round_pk=round.pk)
    context = {
        "form": form,
        "round": round,
        "version": round.version,
        "running": running,
    }
    return render(request, "recommendations/rounds/round_form.html", context)


@require_roles(Role.OFFICE)
def round_detail(request, round_pk: int):
    round = comment_selectors.round_get_office(round_pk=round_pk)
    context = {
        "round": round,
        "chapters": comment_selectors.round_outline(round=round, viewer=request.user, office=True),
        "is_open": consultation.round_is_open(round),
        "has_ended": consultation.round_has_ended(round),
    }
    return render(request, "recommendations/rounds/round_detail.html", context)


@require_roles(Role.OFFICE)
def round_recommendation(request, round_pk: int, recommendation_pk: int):
    round = comment_selectors.round_get_office(round_pk=round_pk)
    recommendation = comment_selectors.recommendation_in_round(
        round=round, recommendation_pk=recommendation_pk
    )
    paragraphs = comment_selectors.paragraphs_with_comments(
        round=round, recommendation=recommendation, viewer=request.user, office=True
    )
    context = {"round": round, "recommendation": recommendation, "paragraphs": paragraphs}
    return render(request, "recommendations/rounds/round_recommendation.html", context)
