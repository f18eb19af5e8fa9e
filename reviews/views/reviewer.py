"""The reviewer's pages: their assignments, the review form, declaring a conflict.

Every assignment is looked up through ``assignment_get_for_reviewer``, so another
reviewer's assignment answers 404.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role
from applications.models import Answer
from applications.selectors import application_answers_by_section
from core.downloads import pdf_download
from core.formviews import bind
from core.permissions import require_roles
from reviews.forms import ConflictForm, ReviewForm
from reviews.review import assignment_declare_conflict, review_save, review_submit
from reviews.selectors import (
    assignment_conflict_declared,
    assignment_get_for_reviewer,
    assignment_list_for_reviewer,
    criteria_of_call,
    other_reviews,
    scores_of_assignment,
)

reviewer_only = require_roles(Role.REVIEWER)


@reviewer_only
def assignment_list(request):
    assignments = assignment_list_for_reviewer(reviewer=request.user).annotate(
        score_count=Count("scores")
    )
    context = {"assignments": assignments, "today": timezone.localdate()}
    return render(request, "reviews/reviewer/assignment_list.html", context)


@reviewer_only
def assignment_detail(request, pk: int):
    assignment = assignment_get_for_reviewer(reviewer=request.user, pk=pk)
    application = assignment.application
    criteria = criteria_of_call(call=application.call)
    scores = scores_of_assignment(assignment=assignment)
    initial = ReviewForm.initial_for(
        criteria=criteria, scores=scores, recommendation=assignment.recommendation
    )
    form = bind(ReviewForm, request, initial=initial, criteria=criteria)
    if request.method == "POST":
        submitting = "submit" in request.POST
        if assignment.is_submitted:
            messages.info(request, _("Ihr Gutachten ist bereits abgegeben."))
            return redirect("reviews:assignment", assignment.pk)
        if form.is_valid():
            try:
                if submitting:
                    _assignment, now_submitted = review_submit(
                        assignment=assignment, data=form.review_input(), actor=request.user
                    )
                else:
                    review_save(assignment=assignment, data=form.review_input(), actor=request.user)
            except ValidationError as exc:
                form.add_service_errors(exc)
            else:
                if not submitting:
                    messages.success(request, _("Ihr Entwurf ist gespeichert."))
                elif now_submitted:
                    messages.success(
                        request,
                        _(
                            "Ihr Gutachten ist abgegeben. Sie sehen jetzt auch die Gutachten "
                            "der anderen."
                        ),
                    )
                else:
                    messages.info(request, _("Ihr Gutachten ist bereits abgegeben."))
                return redirect("reviews:assignment", assignment.pk)
    context = {
        "assignment": assignment,
        "application": application,
        "municipality": application.municipality,
        "sections": application_answers_by_section(application=application),
        "criteria": criteria,
        "scores": scores,
        "form": form,
        "others": other_reviews(assignment=assignment),
        "today": timezone.localdate(),
    }
    return render(request, "reviews/reviewer/assignment_detail.html", context)


@reviewer_only
def assignment_conflict(request, pk: int):
    if assignment_conflict_declared(reviewer=request.user, pk=pk):
        # A second click on the button (or the back button): nothing left to do.
        messages.info(
            request, _("Für diese Bewerbung haben Sie bereits einen Interessenkonflikt erklärt.")
        )
        return redirect("reviews:my_assignments")
    assignment = assignment_get_for_reviewer(reviewer=request.user, pk=pk)
    form = bind(ConflictForm, request)
    if request.method == "POST" and form.is_valid():
        try:
            assignment_declare_conflict(
                assignment=assignment, reason=form.cleaned_data["reason"], actor=request.user
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(
                request,
                _(
                    "Sie haben einen Interessenkonflikt erklärt. Die Bewerbung %(reference)s ist "
                    "Ihnen nicht mehr zugewiesen; die Geschäftsstelle ist informiert."
                )
                % {"reference": assignment.application.reference},
            )
            return redirect("reviews:my_assignments")
    return render(
        request,
        "reviews/reviewer/conflict.html",
        {"assignment": assignment, "application": assignment.application, "form": form},
    )


@reviewer_only
def assignment_file(request, pk: int, answer_pk: int):
    """An uploaded file of the application under review (only of that application)."""
    assignment = assignment_get_for_reviewer(reviewer=request.user, pk=pk)
    answer = (
        Answer.objects.filter(pk=answer_pk, application_id=assignment.application_id)
        .exclude(file="")
        .first()
    )
    if answer is None:
        raise Http404
    return pdf_download(file=answer.file, name=answer.file_name)
