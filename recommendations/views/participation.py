"""The participants' pages of consultation rounds: the rounds open to me, a round with
its question guide and outline, a recommendation with its paragraphs and the comments I
see, and the forms to comment, reply, edit and withdraw while the round runs.

A round whose audience does not admit the person answers 404, as does a comment they
may not see. After the end the pages stay readable; the forms are gone and the services
refuse anyway.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import Role
from core.formviews import attempt, bind
from core.permissions import require_roles
from recommendations import audience, comment_selectors, consultation
from recommendations.round_forms import CommentForm, ReplyForm

# Everyone with an account may belong to a round's audience, except the office, which
# runs the rounds and reads them on its own pages.
PARTICIPANT_ROLES = tuple(role for role in Role.values if role != Role.OFFICE)


def _recommendation_url(round, recommendation_pk, anchor: str = "") -> str:
    url = reverse(
        "participation:recommendation",
        kwargs={"round_pk": round.pk, "recommendation_pk": recommendation_pk},
    )
    return f"{url}#{anchor}" if anchor else url


def _closed(request, round):
    messages.info(request, _("Die Beteiligungsrunde läuft nicht; Beiträge sind nicht möglich."))
    return redirect("participation:round", round_pk=round.pk)


@require_roles(*PARTICIPANT_ROLES)
def my_rounds(request):
    rounds = comment_selectors.rounds_of(user=request.user)
    return render(request, "recommendations/participation/my_rounds.html", {"rounds": rounds})


@require_roles(*PARTICIPANT_ROLES)
def round_page(request, round_pk: int):
    round = comment_selectors.round_get_for(user=request.user, round_pk=round_pk)
    context = {
        "round": round,
        "chapters": comment_selectors.round_outline(round=round, viewer=request.user),
        "is_open": consultation.round_is_open(round),
        "has_ended": consultation.round_has_ended(round),
        "names_hidden": audience.names_hidden(round),
    }
    return render(request, "recommendations/participation/round.html", context)


@require_roles(*PARTICIPANT_ROLES)
def recommendation_page(request, round_pk: int, recommendation_pk: int):
    round = comment_selectors.round_get_for(user=request.user, round_pk=round_pk)
    recommendation = comment_selectors.recommendation_in_round(
        round=round, recommendation_pk=recommendation_pk
    )
    context = {
        "round": round,
        "recommendation": recommendation,
        "paragraphs": comment_selectors.paragraphs_with_comments(
            round=round, recommendation=recommendation, viewer=request.user
        ),
        "is_open": consultation.round_is_open(round),
        "has_ended": consultation.round_has_ended(round),
    }
    return render(request, "recommendations/participation/recommendation.html", context)


@require_roles(*PARTICIPANT_ROLES)
def comment_create(request, round_pk: int, paragraph_pk: int):
    round = comment_selectors.round_get_for(user=request.user, round_pk=round_pk)
    paragraph = comment_selectors.paragraph_in_round(round=round, paragraph_pk=paragraph_pk)
    if not consultation.round_is_open(round):
        return _closed(request, round)
    municipality = audience.municipality_spoken_for(request.user, round)
    form = bind(CommentForm, request, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        comment = attempt(
            form,
            lambda: consultation.comment_create(
                round=round, paragraph=paragraph, author=request.user, **form.service_arguments()
            ),
        )
        if comment is not None:
            messages.success(request, _("Ihr Kommentar ist gespeichert."))
            return redirect(
                _recommendation_url(round, paragraph.recommendation_id, f"kommentar-{comment.pk}")
            )
    context = {"round": round, "paragraph": paragraph, "form": form}
    return render(request, "recommendations/participation/comment_form.html", context)


@require_roles(*PARTICIPANT_ROLES)
def reply_create(request, round_pk: int, comment_pk: int):
    round = comment_selectors.round_get_for(user=request.user, round_pk=round_pk)
    parent = comment_selectors.comment_in_round(
        round=round, comment_pk=comment_pk, viewer=request.user
    )
    if not consultation.round_is_open(round):
        return _closed(request, round)
    form = bind(ReplyForm, request)
    if request.method == "POST" and form.is_valid():
        reply = attempt(
            form,
            lambda: consultation.reply_create(
                parent=parent, text=form.cleaned_data["text"], author=request.user
            ),
        )
        if reply is not None:
            messages.success(request, _("Ihre Antwort ist gespeichert."))
            return redirect(
                _recommendation_url(
                    round, parent.paragraph.recommendation_id, f"kommentar-{reply.pk}"
                )
            )
    context = {"round": round, "parent": parent, "form": form}
    return render(request, "recommendations/participation/reply_form.html", context)


def _own_comment(request, round_pk: int, comment_pk: int):
    round = comment_selectors.round_get_for(user=request.user, round_pk=round_pk)
    comment = comment_selectors.comment_in_round(
        round=round, comment_pk=comment_pk, viewer=request.user
    )
    return round, comment


@require_roles(*PARTICIPANT_ROLES)
def comment_edit(request, round_pk: int, comment_pk: int):
    round, comment = _own_comment(request, round_pk, comment_pk)
    if comment.author_id != request.user.pk:
        return redirect(_recommendation_url(round, comment.paragraph.recommendation_id))
    if not consultation.round_is_open(round):
        return _closed(request, round)
    if comment.parent_id is None:
        municipality = audience.municipality_spoken_for(request.user, round)
        initial = {
            "kind": comment.kind,
            "text": comment.text,
            "suggested_wording": comment.suggested_wording,
            "quote": comment.quote,
            "visibility": comment.visibility,
            "on_behalf": "1" if comment.municipality_id else "",
        }
        form = bind(CommentForm, request, municipality=municipality, initial=initial)
    else:
        form = bind(ReplyForm, request, initial={"text": comment.text})
    if request.method == "POST" and form.is_valid():
        arguments = (
            form.service_arguments()
            if comment.parent_id is None
            else {"text": form.cleaned_data["text"]}
        )
        saved = attempt(
            form,
            lambda: consultation.comment_update(comment=comment, author=request.user, **arguments),
        )
        if saved is not None:
            messages.success(request, _("Ihre Änderung ist gespeichert."))
            return redirect(
                _recommendation_url(
                    round, comment.paragraph.recommendation_id, f"kommentar-{comment.pk}"
                )
            )
    context = {"round": round, "comment": comment, "form": form, "paragraph": comment.paragraph}
    return render(request, "recommendations/participation/comment_edit.html", context)


@require_roles(*PARTICIPANT_ROLES)
def comment_withdraw(request, round_pk: int, comment_pk: int):
    round, comment = _own_comment(request, round_pk, comment_pk)
    back = _recommendation_url(round, comment.paragraph.recommendation_id)
    if comment.author_id != request.user.pk:
        return redirect(back)
    if not consultation.round_is_open(round):
        return _closed(request, round)
    error = None
    if request.method == "POST":
        try:
            consultation.comment_withdraw(comment=comment, author=request.user)
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            messages.success(request, _("Ihr Beitrag ist zurückgezogen."))
            return redirect(back)
    context = {"round": round, "comment": comment, "error": error, "back": back}
    return render(request, "recommendations/participation/comment_withdraw.html", context)
