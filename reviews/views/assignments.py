"""The office assigns reviewers, follows their progress and reminds them."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.models import Role
from applications.models import Application
from applications.selectors import application_get_office
from calls.selectors import call_get_office
from core.formviews import bind
from core.permissions import require_roles
from reviews.conflicts import conflict_label, conflict_of
from reviews.forms import AssignForm, BulkAssignForm, id_parse
from reviews.models import Screening
from reviews.reminders import RemindResult, assignments_remind, open_assignments
from reviews.selectors import (
    application_progress,
    application_score,
    assignment_find_office,
    assignment_get_office,
    assignments_of_application,
    criteria_of_call,
    reviewer_list,
    reviewer_progress,
    screening_status_of,
)
from reviews.services import (
    assignment_bulk_create,
    assignment_create,
    assignment_remove,
)

office = require_roles(Role.OFFICE)
PAGE_SIZE = 50


@office
def application_reviews(request, pk: int):
    """One application's reviewers (with conflicts), the assigning form and the reviews."""
    application = application_get_office(application_pk=pk, related=("screening",))
    reviewers = reviewer_list()
    form = bind(AssignForm, request, reviewers=reviewers, applicant=application.municipality)
    if request.method == "POST" and form.is_valid():
        try:
            assignment_create(
                application=application,
                reviewer=form.cleaned_data["reviewer"],
                due_date=form.cleaned_data["due_date"],
                actor=request.user,
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(
                request,
                _("%(name)s ist der Bewerbung zugewiesen.")
                % {"name": form.cleaned_data["reviewer"].full_name},
            )
            return redirect("reviews:application_reviews", application.pk)
    conflicts = [
        (reviewer, conflict_label(code))
        for reviewer in reviewers
        if (code := conflict_of(home=reviewer.municipality, applicant=application.municipality))
    ]
    assignments = assignments_of_application(application=application)
    score = application_score(application=application)
    status = screening_status_of(application)
    context = {
        "application": application,
        "municipality": application.municipality,
        "screening_status": status,
        "eligible": application.status == Application.Status.SUBMITTED
        and status == Screening.Status.ELIGIBLE,
        "assignments": assignments,
        "submitted": [a for a in assignments if a.submitted_at],
        "score": score,
        "criterion_rows": [
            (c, score.per_criterion.get(c.key), score.per_criterion_spread.get(c.key))
            for c in criteria_of_call(call=application.call)
        ],
        "conflicts": conflicts,
        "form": form,
        "today": timezone.localdate(),
    }
    return render(request, "reviews/office/application_reviews.html", context)


@office
def assign_bulk(request, call_pk: int):
    call = call_get_office(call_pk=call_pk)
    reviewers = reviewer_list()
    form = bind(BulkAssignForm, request, reviewers=reviewers)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = assignment_bulk_create(
                call=call,
                per_application=data["per_application"],
                due_date=data["due_date"],
                reviewers=list(data["reviewers"]),
                actor=request.user,
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s Zuweisung ist angelegt.",
                    "%(count)s Zuweisungen sind angelegt.",
                    len(result.created),
                )
                % {"count": len(result.created)},
            )
            if result.short:
                messages.warning(
                    request,
                    _(
                        "Nicht genug Gutachtende ohne Interessenkonflikt für: %(details)s. "
                        "Bitte weisen Sie dort einzeln zu."
                    )
                    % {
                        "details": "; ".join(
                            _("%(reference)s (es fehlen %(count)s)")
                            % {"reference": a.reference, "count": n}
                            for a, n in result.short
                        )
                    },
                )
            return redirect("reviews:progress", call.pk)
    context = {
        "call": call,
        "form": form,
        "reviewers": reviewer_progress(call=call),
        "eligible_count": application_progress(call=call).count(),
    }
    return render(request, "reviews/office/assign_bulk.html", context)


@office
def progress(request, call_pk: int):
    call = call_get_office(call_pk=call_pk)
    page = Paginator(application_progress(call=call), PAGE_SIZE).get_page(request.GET.get("page"))
    reviewers = reviewer_progress(call=call)
    context = {
        "call": call,
        "reviewers": reviewers,
        "totals": {
            "assigned": sum(r.assigned for r in reviewers),
            "submitted": sum(r.submitted for r in reviewers),
            "overdue": sum(r.overdue for r in reviewers),
        },
        "page_obj": page,
    }
    return render(request, "reviews/office/progress.html", context)


def _remind_messages(request, result: RemindResult) -> None:
    if result.sent:
        people = len({a.reviewer_id for a in result.sent})
        messages.success(
            request,
            ngettext(
                "Erinnerung an %(people)s Person gesendet (%(count)s offene Gutachten).",
                "Erinnerung an %(people)s Personen gesendet (%(count)s offene Gutachten).",
                people,
            )
            % {"people": people, "count": len(result.sent)},
        )
    if result.skipped:
        messages.info(
            request,
            ngettext(
                "%(count)s Gutachten wurde heute schon erinnert; je Tag gibt es höchstens "
                "eine Erinnerung.",
                "%(count)s Gutachten wurden heute schon erinnert; je Tag gibt es höchstens "
                "eine Erinnerung.",
                len(result.skipped),
            )
            % {"count": len(result.skipped)},
        )
    if not result.sent and not result.skipped:
        messages.info(request, _("Es gibt keine offenen Gutachten, an die erinnert werden kann."))


@office
@require_POST
def remind(request, call_pk: int):
    """Remind one reviewer (``reviewer``) of their open reviews, or everyone with an
    overdue review (``scope=overdue``)."""
    call = call_get_office(call_pk=call_pk)
    if "reviewer" in request.POST:
        reviewer_id = id_parse(request.POST["reviewer"])
        if reviewer_id is None:
            messages.error(
                request,
                _("Die Person konnte nicht gefunden werden. Bitte laden Sie die Seite neu."),
            )
            return redirect("reviews:progress", call.pk)
        assignments = open_assignments(call=call, reviewer_id=reviewer_id)
    else:
        assignments = open_assignments(call=call, overdue_only=True)
    _remind_messages(request, assignments_remind(assignments=assignments))
    return redirect("reviews:progress", call.pk)


@office
@require_POST
def assignment_remind(request, pk: int):
    assignment = assignment_get_office(assignment_pk=pk)
    _remind_messages(request, assignments_remind(assignments=[assignment]))
    return redirect("reviews:application_reviews", assignment.application_id)


@office
@require_POST
def assignment_remove_view(request, pk: int):
    assignment = assignment_find_office(assignment_pk=pk)
    if assignment is None:
        return _already_removed(request)
    try:
        removed = assignment_remove(assignment=assignment, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if not removed:
            return _already_removed(request)
        messages.success(
            request,
            _("%(name)s ist nicht mehr zugewiesen.") % {"name": assignment.reviewer.full_name},
        )
    return redirect("reviews:application_reviews", assignment.application_id)


def _already_removed(request):
    """A second click on "Entfernen": the first one did the work. The form names its
    application, so the office lands on the page it came from."""
    messages.info(request, _("Diese Zuweisung ist bereits entfernt."))
    application_id = id_parse(request.POST.get("application", ""))
    if application_id is None:
        return redirect("reviews:office_index")
    return redirect("reviews:application_reviews", application_id)
