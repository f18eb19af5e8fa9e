"""Answering a survey: public, by the survey's link, without an account.

Nothing about the person is stored with the answer. The session holds only one-time
nonces of the answer pages handed out, so that sending the same page twice stores one
response; the session is never stored with, or linked to, the response.
"""

import secrets

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.permissions import public
from evaluation import selectors, services
from evaluation.forms import AnswerForm
from evaluation.models import Phase
from evaluation.views import submitted

NONCES = "evaluation_nonces"
USED = "evaluation_nonces_used"
KEEP = 20


def _unavailable(request, *, closed: bool):
    return render(request, "evaluation/unavailable.html", {"closed": closed}, status=404)


def _issue_nonce(request) -> str:
    nonce = secrets.token_urlsafe(16)
    request.session[NONCES] = [*request.session.get(NONCES, [])[-(KEEP - 1) :], nonce]
    return nonce


def _nonce_state(request, nonce: str) -> str:
    """Either "fresh" (handed out, now consumed), "used" (sent before) or "unknown" (e.g. the
    session expired while the page was open)."""
    issued = request.session.get(NONCES, [])
    if nonce in issued:
        issued.remove(nonce)
        request.session[NONCES] = issued
        request.session[USED] = [*request.session.get(USED, [])[-(KEEP - 1) :], nonce]
        return "fresh"
    return "used" if nonce in request.session.get(USED, []) else "unknown"


@public
def answer(request, survey_token: str):
    survey = selectors.survey_by_token(token=survey_token)
    if survey is None:
        return _unavailable(request, closed=False)
    if not services.survey_is_open(survey):
        return _unavailable(request, closed=True)
    sections = selectors.version_sections(version=survey.version)
    items = [item for section in sections for item in section.items.all()]
    paired = survey.phase != Phase.SINGLE
    form = AnswerForm(*submitted(request), items=items, paired=paired)
    nonce = request.POST.get("nonce", "") if request.method == "POST" else ""
    if request.method == "POST" and form.is_valid():
        state = _nonce_state(request, form.cleaned_data["nonce"])
        if state == "used":
            # The page was sent before: its answers are stored already.
            return redirect("evaluation:thanks", survey_token=survey.token)
        if state == "fresh":
            try:
                # The nonce is consumed in the database as well: two requests sent at
                # once may both find it fresh in their copy of the session.
                services.response_submit(
                    survey=survey,
                    values=form.values(),
                    code=form.cleaned_data.get("code", ""),
                    nonce=form.cleaned_data["nonce"],
                )
            except ValidationError:
                return _unavailable(request, closed=True)
            return redirect("evaluation:thanks", survey_token=survey.token)
        messages.error(
            request,
            _(
                "Ihre Sitzung ist abgelaufen, die Antworten sind noch nicht gespeichert. "
                "Bitte senden Sie sie noch einmal ab."
            ),
        )
        nonce = ""
    if not nonce:
        nonce = _issue_nonce(request)
    context = {
        "survey": survey,
        "form": form,
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
