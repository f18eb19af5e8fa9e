"""The office edits the text of a draft: chapters, recommendations and paragraphs.

Every page here answers for a frozen or published version by going back to the version
with the services' refusal; the services check again under the version's lock.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Role
from core.formviews import attempt, bind
from core.permissions import require_roles
from recommendations import selectors, services
from recommendations.forms import ChapterForm, MoveForm, ParagraphForm, RecommendationForm


def _back(version_pk: int, anchor: str = ""):
    response = redirect("recommendations_office:version_detail", version_pk=version_pk)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


def _form_page(request, *, version, form_class, save, message, template, context, initial=None):
    """The shared flow of an edit form: refused outright on a version that is not a
    draft; on a valid POST the service runs and the page goes back to the version."""
    if not version.is_draft:
        messages.error(request, _("Diese Fassung ist eingefroren und kann nicht geändert werden."))
        return _back(version.pk)
    form = bind(form_class, request, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = attempt(form, lambda: save(form.cleaned_data))
        if saved is not None:
            messages.success(request, message)
            return _back(version.pk, anchor=saved.anchor)
    return render(request, template, {**context, "version": version, "form": form})


def _post_action(request, *, version_pk: int, action, message: str, anchor: str = ""):
    """Run a POST-only action (move, delete) and go back to the version with its
    message or the service's refusal."""
    try:
        action()
    except ValidationError as exc:
        for text in exc.messages:
            messages.error(request, text)
    else:
        messages.success(request, message)
    return _back(version_pk, anchor)


# --- chapters ----------------------------------------------------------------------------


@require_roles(Role.OFFICE)
def chapter_add(request, version_pk: int):
    version = selectors.version_get_office(version_pk=version_pk)
    return _form_page(
        request,
        version=version,
        form_class=ChapterForm,
        save=lambda data: services.chapter_add(version=version, actor=request.user, **data),
        message=_("Das Kapitel ist angelegt."),
        template="recommendations/chapter_form.html",
        context={"chapter": None},
    )


@require_roles(Role.OFFICE)
def chapter_edit(request, chapter_pk: int):
    chapter = selectors.chapter_get_office(chapter_pk=chapter_pk)
    return _form_page(
        request,
        version=chapter.version,
        form_class=ChapterForm,
        initial={"title": chapter.title},
        save=lambda data: services.chapter_edit(chapter=chapter, actor=request.user, **data),
        message=_("Das Kapitel ist gespeichert."),
        template="recommendations/chapter_form.html",
        context={"chapter": chapter},
    )


@require_roles(Role.OFFICE)
@require_POST
def chapter_move(request, chapter_pk: int):
    chapter = selectors.chapter_get_office(chapter_pk=chapter_pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        return _back(chapter.version_id)
    return _post_action(
        request,
        version_pk=chapter.version_id,
        action=lambda: services.chapter_move(
            chapter=chapter, actor=request.user, **form.cleaned_data
        ),
        message=_("Das Kapitel ist verschoben."),
        anchor=f"kapitel-{chapter.key}",
    )


@require_roles(Role.OFFICE)
@require_POST
def chapter_delete(request, chapter_pk: int):
    chapter = selectors.chapter_get_office(chapter_pk=chapter_pk)
    return _post_action(
        request,
        version_pk=chapter.version_id,
        action=lambda: services.chapter_delete(chapter=chapter, actor=request.user),
        message=_("Das Kapitel ist gelöscht."),
    )


# --- recommendations ---------------------------------------------------------------------


@require_roles(Role.OFFICE)
def recommendation_add(request, chapter_pk: int):
    chapter = selectors.chapter_get_office(chapter_pk=chapter_pk)
    return _form_page(
        request,
        version=chapter.version,
        form_class=RecommendationForm,
        save=lambda data: services.recommendation_add(chapter=chapter, actor=request.user, **data),
        message=_("Die Empfehlung ist angelegt. Fügen Sie nun ihre Absätze hinzu."),
        template="recommendations/recommendation_form.html",
        context={"chapter": chapter, "recommendation": None},
    )


@require_roles(Role.OFFICE)
def recommendation_edit(request, recommendation_pk: int):
    recommendation = selectors.recommendation_get_office(recommendation_pk=recommendation_pk)
    initial = RecommendationForm.for_recommendation(recommendation).initial
    return _form_page(
        request,
        version=recommendation.version,
        form_class=RecommendationForm,
        initial=initial,
        save=lambda data: services.recommendation_edit(
            recommendation=recommendation, actor=request.user, **data
        ),
        message=_("Die Empfehlung ist gespeichert."),
        template="recommendations/recommendation_form.html",
        context={"chapter": recommendation.chapter, "recommendation": recommendation},
    )


@require_roles(Role.OFFICE)
@require_POST
def recommendation_move(request, recommendation_pk: int):
    recommendation = selectors.recommendation_get_office(recommendation_pk=recommendation_pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        return _back(recommendation.version_id)
    return _post_action(
        request,
        version_pk=recommendation.version_id,
        action=lambda: services.recommendation_move(
            recommendation=recommendation, actor=request.user, **form.cleaned_data
        ),
        message=_("Die Empfehlung ist verschoben."),
        anchor=f"empfehlung-{recommendation.key}",
    )


@require_roles(Role.OFFICE)
@require_POST
def recommendation_delete(request, recommendation_pk: int):
    recommendation = selectors.recommendation_get_office(recommendation_pk=recommendation_pk)
    return _post_action(
        request,
        version_pk=recommendation.version_id,
        action=lambda: services.recommendation_delete(
            recommendation=recommendation, actor=request.user
        ),
        message=_("Die Empfehlung ist gelöscht."),
    )


# --- paragraphs --------------------------------------------------------------------------


@require_roles(Role.OFFICE)
def paragraph_add(request, recommendation_pk: int):
    recommendation = selectors.recommendation_get_office(recommendation_pk=recommendation_pk)
    return _form_page(
        request,
        version=recommendation.version,
        form_class=ParagraphForm,
        save=lambda data: services.paragraph_add(
            recommendation=recommendation, actor=request.user, **data
        ),
        message=_("Der Absatz ist angelegt."),
        template="recommendations/paragraph_form.html",
        context={"recommendation": recommendation, "paragraph": None},
    )


@require_roles(Role.OFFICE)
def paragraph_edit(request, paragraph_pk: int):
    paragraph = selectors.paragraph_get_office(paragraph_pk=paragraph_pk)
    recommendation = paragraph.recommendation
    return _form_page(
        request,
        version=recommendation.version,
        form_class=ParagraphForm,
        initial={"text": paragraph.text},
        save=lambda data: services.paragraph_edit(paragraph=paragraph, actor=request.user, **data),
        message=_("Der Absatz ist gespeichert."),
        template="recommendations/paragraph_form.html",
        context={"recommendation": recommendation, "paragraph": paragraph},
    )


@require_roles(Role.OFFICE)
@require_POST
def paragraph_move(request, paragraph_pk: int):
    paragraph = selectors.paragraph_get_office(paragraph_pk=paragraph_pk)
    form = MoveForm(request.POST)
    version_pk = paragraph.recommendation.version_id
    if not form.is_valid():
        return _back(version_pk)
    return _post_action(
        request,
        version_pk=version_pk,
        action=lambda: services.paragraph_move(
            paragraph=paragraph, actor=request.user, **form.cleaned_data
        ),
        message=_("Der Absatz ist verschoben."),
        anchor=f"empfehlung-{paragraph.recommendation.key}",
    )


@require_roles(Role.OFFICE)
@require_POST
def paragraph_delete(request, paragraph_pk: int):
    paragraph = selectors.paragraph_get_office(paragraph_pk=paragraph_pk)
    return _post_action(
        request,
        version_pk=paragraph.recommendation.version_id,
        action=lambda: services.paragraph_delete(paragraph=paragraph, actor=request.user),
        message=_("Der Absatz ist gelöscht."),
        anchor=f"empfehlung-{paragraph.recommendation.key}",
    )
