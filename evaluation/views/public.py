"""Answering a survey: public, by the survey's link, without an account.

Nothing about the person is stored with the answer, and answering never touches the
session: a person logged in to the platform answers exactly as anyone else, and their
session row is neither read for the survey nor rewritten (a rewritten row would carry a
new expiry and a transaction id next to the response's). The page carries a signed
one-time nonce, so that sending the same page twice stores one response.
"""

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.formviews import bind
from core.permissions import public
from evaluation import answering, selectors
from evaluation.forms import AnswerForm
from evaluation.models import Phase


def _unavailable(request, *, closed: bool):
    return render(request, "evaluation/unavailable.html", {"closed": closed}, status=404)


@public
def answer(request, survey_token: str):
    survey = selectors.survey_by_token(token=survey_token)
    if survey is None:
        return _unavailable(request, closed=False)
    if not answering.survey_is_open(survey):
        return _unavailable(request, closed=True)
    sections = selectors.version_sections(version=survey.version)
    items = [item for section in sections for item in section.items.all()]
    paired = survey.phase != Phase.SINGLE
    form = bind(AnswerForm, request, items=items, paired=paired)
    nonce = request.POST.get("nonce", "") if request.method == "POST" else ""
    stale = ""
    if request.method == "POST" and form.is_valid():
        if answering.nonce_is_valid(survey=survey, nonce=form.cleaned_data["nonce"]):
            try:
                # A nonce used before stores nothing: the page was sent twice, and its
                # answers are stored already.
                answering.response_submit(
                    survey=survey,
                    values=form.values(),
                    code=form.cleaned_data.get("code", ""),
                    nonce=form.cleaned_data["nonce"],
                )
            except ValidationError:
                return _unavailable(request, closed=True)
            return redirect("evaluation:thanks", survey_token=survey.token)
        # Shown on this page, not through the messages framework, which could store it
        # in the session.
        stale = _(
            "Ihre Sitzung ist abgelaufen, die Antworten sind noch nicht gespeichert. "
            "Bitte senden Sie sie noch einmal ab."
        )
        nonce = ""
    if not answering.nonce_is_valid(survey=survey, nonce=nonce):
        nonce = answering.nonce_issue(survey=survey)
    context = {
        "survey": survey,
        "form": form,
        "stale": stale,
        "nonce": nonce,
        "grouped": form.sections(sections),
        "paired": paired,
    }
    return render(request, "evaluation/answer.html", context)


@public
def thanks(request, survey_token: str):
    survey = selectors.survey_by_token(token=survey_token)
    if survey is None:
        return _unavailable(request, closed=False)
    return render(request, "evaluation/thanks.html", {"survey": survey})
