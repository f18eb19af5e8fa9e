"""Results of surveys: the office sees all, a coordinator the surveys of their own
municipality. Every figure comes from ``evaluation.results`` under the anonymity rule."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts.models import Role
from core.exports import download_response
from core.permissions import require_roles
from evaluation import charts, selectors
from evaluation.models import Phase
from evaluation.results import compute, load
from evaluation.rules import RESULTS_READERS


@require_roles(*RESULTS_READERS)
def survey_list(request):
    surveys = selectors.surveys_for_user(user=request.user)
    # ?bald=1: only those about to close (the office's start page links here).
    closing = request.GET.get("bald") == "1"
    if closing:
        surveys = surveys.filter(selectors.closing_soon(now=timezone.now()))
    context = {
        "surveys": list(surveys),
        "threshold": selectors.threshold(),
        "closing": closing,
        "closing_days": selectors.CLOSING_SOON_DAYS,
    }
    return render(request, "evaluation/survey_list.html", context)


def survey_results_data(*, survey, with_texts: bool, user):
    items = selectors.version_items(version=survey.version)
    threshold = selectors.threshold()
    results = compute(
        items=items,
        surveys=[survey],
        loaded=load(surveys=[survey]),
        threshold=threshold,
        with_texts=with_texts,
    )
    pair = _pair(survey)
    if pair and _all_visible(pair, user=user):
        results.comparison = compute(
            items=items,
            surveys=pair,
            loaded=load(surveys=pair),
            threshold=threshold,
            with_texts=False,
        ).comparison
    return results


def _all_visible(surveys, *, user) -> bool:
    """Pairs across municipalities are refused when opened; should one exist, its
    comparison is shown only to someone who may see both surveys."""
    pks = {survey.pk for survey in surveys}
    return selectors.surveys_for_user(user=user).filter(pk__in=pks).count() == len(pks)


def _pair(survey) -> list:
    if survey.phase == Phase.POST and survey.pair_with_id:
        return [survey.pair_with, survey]
    if survey.phase == Phase.PRE:
        post = selectors.post_survey_of(survey=survey)
        return [survey, post] if post else []
    return []


@require_roles(*RESULTS_READERS)
def survey_results(request, survey_pk: int):
    survey = selectors.survey_get_for_user(user=request.user, survey_pk=survey_pk)
    results = survey_results_data(
        survey=survey, with_texts=request.user.role == Role.OFFICE, user=request.user
    )
    for result in results.items:
        result.svg = charts.svg(result, chart_id=f"chart-{result.item.pk}") if result.bars else ""
    return render(
        request,
        "evaluation/survey_results.html",
        {"survey": survey, "results": results, "is_office": request.user.role == Role.OFFICE},
    )


def chart_response(result, *, fmt: str, name: str) -> HttpResponse:
    if result is None or result.suppressed or not result.bars:
        raise Http404
    if fmt == "png":
        content, content_type = charts.png(result), "image/png"
    else:
        content, content_type = charts.svg(result), "image/svg+xml"
    return download_response(content, content_type=content_type, filename=f"{name}.{fmt}")


def _survey_chart(request, survey_pk: int, evaluation_item_pk: int, fmt: str):
    survey = selectors.survey_get_for_user(user=request.user, survey_pk=survey_pk)
    results = survey_results_data(survey=survey, with_texts=False, user=request.user)
    result = next((r for r in results.items if r.item.pk == evaluation_item_pk), None)
    name = f"befragung-{survey.pk}-{result.item.key}" if result else "diagramm"
    return chart_response(result, fmt=fmt, name=name)


@require_roles(*RESULTS_READERS)
def survey_chart_svg(request, survey_pk: int, evaluation_item_pk: int):
    return _survey_chart(request, survey_pk, evaluation_item_pk, "svg")


@require_roles(*RESULTS_READERS)
def survey_chart_png(request, survey_pk: int, evaluation_item_pk: int):
    return _survey_chart(request, survey_pk, evaluation_item_pk, "png")
