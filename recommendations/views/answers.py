"""The office's answers to the comments of a round, the round's evaluation and the
publication of its answers."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Role
from core.formviews import bind
from core.permissions import require_roles
from recommendations import answer_selectors as selectors
from recommendations import answers
from recommendations.forms import AnswerFilterForm, AnswerForm

COMMENTS_PER_PAGE = 25
ROUNDS_PER_PAGE = 25
# The filter's parameters, carried through an answer back to the list it came from.
LIST_PARAMETERS = ("zeige", "stelle", "seite")


def _answer_form(comment, request=None):
    initial = {
        "status": comment.answer_status,
        "reason": comment.answer_reason,
        "revision": comment.answer_revision,
    }
    prefix = f"c{comment.pk}"
    if request is not None:
        return bind(AnswerForm, request, prefix=prefix, initial=initial)
    return AnswerForm(prefix=prefix, initial=initial)


def _list_params(source) -> list[tuple[str, str]]:
    return [(name, source[name]) for name in LIST_PARAMETERS if source.get(name)]


def _list_query(source) -> str:
    return urlencode(_list_params(source))


def _round_url(round_pk: int, query: str = "", anchor: str = "") -> str:
    url = reverse("recommendation_answers:round", args=[round_pk])
    if query:
        url += f"?{query}"
    return url + (f"#{anchor}" if anchor else "")


@require_roles(Role.OFFICE)
def round_list(request):
    page = Paginator(selectors.rounds_office(), ROUNDS_PER_PAGE).get_page(request.GET.get("seite"))
    return render(request, "recommendations/answers/round_list.html", {"page": page})


def _filters(form: AnswerFilterForm) -> dict:
    values = form.filters()
    show = values.get("zeige") or selectors.OPEN
    place = values.get("stelle") or ""
    chapter_pk = int(place[1:]) if place.startswith("k") else None
    recommendation_pk = int(place[1:]) if place.startswith("e") else None
    return {"show": show, "chapter_pk": chapter_pk, "recommendation_pk": recommendation_pk}


@require_roles(Role.OFFICE)
def round_answers(request, round_pk: int):
    round = selectors.round_get_office(round_pk=round_pk)
    recommendations = selectors.round_recommendations(round=round)
    form = AnswerFilterForm(request.GET if request.GET else None, recommendations=recommendations)
    filters = _filters(form)
    comments = selectors.comments_for_answering(round=round, **filters)
    page = Paginator(comments, COMMENTS_PER_PAGE).get_page(request.GET.get("seite"))
    items = selectors.attach_traces(list(page.object_list), round=round)
    for comment in items:
        comment.form = _answer_form(comment)
    context = {
        "round": round,
        "progress": selectors.answer_progress(round=round),
        "filter_form": form,
        "show": filters["show"],
        "page": page,
        "comments": items,
        "list_params": _list_params(request.GET),
        "filter_query": urlencode(
            {k: request.GET[k] for k in ("zeige", "stelle") if request.GET.get(k)}
        ),
    }
    return render(request, "recommendations/answers/round.html", context)


@require_roles(Role.OFFICE)
def comment_answer(request, comment_pk: int):
    """One comment with its answer form. A POST saves the answer; when someone else
    answered in the meantime, the page shows their answer beside what was typed, and
    the form keeps the typed input with the new revision, ready to be sent again."""
    comment = selectors.comment_get_office(comment_pk=comment_pk)
    round = comment.round
    form = _answer_form(comment, request)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            answers.comment_answer(
                comment=comment,
                status=data["status"],
                reason=data["reason"],
                revision=data["revision"],
                actor=request.user,
            )
        except answers.AnswerConflict as exc:
            conflict = exc.stored
            typed = request.POST.copy()
            typed[form.add_prefix("revision")] = str(conflict.revision)
            form = AnswerForm(typed, prefix=form.prefix)
            form.is_valid()
            form.add_error(None, exc)
            conflict_typed = {
                "status": dict(AnswerForm.base_fields["status"].choices).get(data["status"]),
                "reason": data["reason"],
            }
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Die Antwort ist gespeichert."))
            query = _list_query(request.POST)
            return redirect(_round_url(round.pk, query, f"kommentar-{comment.pk}"))
    selectors.attach_traces([comment], round=round)
    comment.form = form
    context = {
        "round": round,
        "comment": comment,
        "form": form,
        "conflict": conflict,
        "list_params": _list_params(request.POST if request.method == "POST" else request.GET),
    }
    if conflict is not None:
        context["typed"] = conflict_typed
    return render(request, "recommendations/answers/comment.html", context)


@require_roles(Role.OFFICE)
@require_POST
def round_evaluate(request, round_pk: int):
    round = selectors.round_get_office(round_pk=round_pk)
    try:
        answers.round_evaluate(round=round, actor=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Die Runde ist als ausgewertet abgeschlossen."))
    return redirect(_round_url(round.pk))


@require_roles(Role.OFFICE)
def answers_publish(request, round_pk: int):
    """A confirmation page; its POST publishes the answers."""
    round = selectors.round_get_office(round_pk=round_pk)
    if request.method == "POST":
        try:
            answers.answers_publish(round=round, actor=request.user)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _(
                    "Die Antworten sind veröffentlicht. Die Beteiligten können die Synopse "
                    "lesen und werden per E-Mail benachrichtigt."
                ),
            )
        return redirect(_round_url(round.pk))
    progress = selectors.answer_progress(round=round)
    return render(
        request,
        "recommendations/answers/publish.html",
        {"round": round, "progress": progress},
    )
