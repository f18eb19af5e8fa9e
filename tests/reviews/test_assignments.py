import datetime as dt
from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import Invitation, Role
from accounts.services.invitations import invitation_accept, invitation_create
from accounts.tokens import invitation_token_hash
from core.models import AuditEntry
from municipalities.models import Municipality
from reviews.conflicts import OWN_MUNICIPALITY, SAME_KREIS, conflict_of
from reviews.models import Assignment, Screening
from reviews.reminders import assignments_remind, calls_with_open_assignments, open_assignments
from reviews.review import assignment_declare_conflict
from reviews.selectors import reviewer_progress
from reviews.services import assignment_bulk_create, assignment_create, assignment_remove
from tests import factories
from tests.reviews.conftest import (
    add_criteria,
    assign,
    make_reviewer,
    mark_eligible,
    submit_application,
    submit_review,
)

IN_TWO_WEEKS = timezone.localdate() + dt.timedelta(days=14)
# Session, user, device, application, reviewers, assignments and their scores (two),
# three aggregates of the score, criteria: the same for one review as for three.
APPLICATION_REVIEWS_QUERIES = 11


@pytest.fixture
def kreis(db):
    return factories.MunicipalityFactory(
        level=Municipality.Level.KREIS, key="05111", kind=Municipality.Kind.KREIS, name="Kreis A"
    )


def gemeinde_in(kreis, name):
    return factories.MunicipalityFactory(kreis=kreis, name=name)


def eligible_application(call, **kwargs):
    application = submit_application(call, **kwargs)
    mark_eligible(application)
    return application


def test_conflict_own_municipality(kreis):
    home = gemeinde_in(kreis, "Heimatstadt")

    assert conflict_of(home=home, applicant=home) == OWN_MUNICIPALITY


def test_conflict_same_kreis_in_every_direction(kreis):
    home = gemeinde_in(kreis, "Heimatstadt")
    neighbour = gemeinde_in(kreis, "Nachbardorf")
    elsewhere = factories.MunicipalityFactory(name="Fernstadt")

    assert conflict_of(home=home, applicant=neighbour) == SAME_KREIS
    assert conflict_of(home=home, applicant=kreis) == SAME_KREIS
    assert conflict_of(home=kreis, applicant=neighbour) == SAME_KREIS
    assert conflict_of(home=home, applicant=elsewhere) is None
    assert conflict_of(home=None, applicant=home) is None


def test_assigning_a_reviewer_from_the_applicants_municipality_is_refused(call, office_user, kreis):
    home = gemeinde_in(kreis, "Heimatstadt")
    application = eligible_application(call, municipality=home)
    reviewer = make_reviewer(full_name="Rita Gutachterin", municipality=home)

    with pytest.raises(ValidationError) as error:
        assignment_create(
            application=application, reviewer=reviewer, due_date=IN_TWO_WEEKS, actor=office_user
        )

    assert error.value.message_dict == {
        "reviewer": [
            "Rita Gutachterin kann diese Bewerbung nicht begutachten: Sie kommt aus der "
            "eigenen Kommune (Interessenkonflikt)."
        ]
    }
    assert not Assignment.objects.exists()


def test_assigning_a_reviewer_from_the_same_kreis_is_refused(call, office_user, kreis):
    application = eligible_application(call, municipality=gemeinde_in(kreis, "Nachbardorf"))
    reviewer = make_reviewer(full_name="Rita Gutachterin", municipality=gemeinde_in(kreis, "Heim"))

    with pytest.raises(ValidationError) as error:
        assignment_create(
            application=application, reviewer=reviewer, due_date=IN_TWO_WEEKS, actor=office_user
        )

    assert error.value.message_dict == {
        "reviewer": [
            "Rita Gutachterin kann diese Bewerbung nicht begutachten: Sie kommt aus dem "
            "eigenen Kreis (Interessenkonflikt)."
        ]
    }


def test_assign_form_shows_the_conflict_at_the_field(call, office_client, kreis):
    home = gemeinde_in(kreis, "Heimatstadt")
    application = eligible_application(call, municipality=home)
    reviewer = make_reviewer(full_name="Rita Gutachterin", municipality=home)
    url = reverse("reviews:application_reviews", args=[application.pk])

    page = office_client.get(url)
    response = office_client.post(
        url, {"reviewer": reviewer.pk, "due_date": IN_TWO_WEEKS.isoformat()}
    )

    assert "Rita Gutachterin – Bewerbung aus der eigenen Kommune" in page.content.decode()
    assert response.status_code == 200
    assert response.context["form"].errors["reviewer"] == [
        "Rita Gutachterin kann diese Bewerbung nicht begutachten: Sie kommt aus der eigenen "
        "Kommune (Interessenkonflikt)."
    ]
    assert not Assignment.objects.exists()


def test_assigning_one_reviewer_creates_the_assignment_and_tells_them(
    call, office_client, mailoutbox, django_capture_on_commit_callbacks
):
    application = eligible_application(call)
    reviewer = make_reviewer(full_name="Rita Gutachterin", email="rita@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        response = office_client.post(
            reverse("reviews:application_reviews", args=[application.pk]),
            {"reviewer": reviewer.pk, "due_date": IN_TWO_WEEKS.isoformat()},
        )

    assert response.status_code == 302
    assignment = Assignment.objects.get()
    assert (assignment.reviewer, assignment.due_date) == (reviewer, IN_TWO_WEEKS)
    assert [m.subject for m in mailoutbox] == ["Eine Bewerbung zur Begutachtung"]
    assert mailoutbox[0].to == ["rita@example.org"]


def test_assigning_to_an_application_not_yet_eligible_is_refused(call, office_user):
    application = submit_application(call)

    with pytest.raises(ValidationError) as error:
        assignment_create(
            application=application,
            reviewer=make_reviewer(),
            due_date=IN_TWO_WEEKS,
            actor=office_user,
        )

    assert error.value.messages == [
        "Gutachtende können nur formal geeigneten Bewerbungen zugewiesen werden."
    ]


def test_assigning_twice_is_refused(call, office_user):
    application = eligible_application(call)
    reviewer = make_reviewer(full_name="Rita Gutachterin")
    assign(application, reviewer)

    with pytest.raises(ValidationError) as error:
        assignment_create(
            application=application, reviewer=reviewer, due_date=IN_TWO_WEEKS, actor=office_user
        )

    assert error.value.message_dict == {
        "reviewer": ["Rita Gutachterin ist dieser Bewerbung schon zugewiesen."]
    }


def test_due_date_in_the_past_is_refused(call, office_user):
    application = eligible_application(call)

    with pytest.raises(ValidationError) as error:
        assignment_create(
            application=application,
            reviewer=make_reviewer(),
            due_date=timezone.localdate() - dt.timedelta(days=1),
            actor=office_user,
        )

    assert error.value.message_dict == {
        "due_date": ["Die Frist darf nicht in der Vergangenheit liegen."]
    }


def test_bulk_assignment_gives_each_application_n_distinct_reviewers_with_balanced_load(
    call, office_user
):
    applications = [eligible_application(call) for _ in range(7)]
    reviewers = [make_reviewer() for _ in range(4)]
    submit_application(call)  # not eligible: gets nobody

    result = assignment_bulk_create(
        call=call, per_application=3, due_date=IN_TWO_WEEKS, actor=office_user
    )

    assert len(result.created) == 21
    assert result.short == []
    per_application = Counter(Assignment.objects.values_list("application_id", flat=True))
    assert per_application == {a.pk: 3 for a in applications}
    loads = Counter(Assignment.objects.values_list("reviewer_id", flat=True))
    assert sorted(loads.values()) == [5, 5, 5, 6]
    assert set(loads) == {r.pk for r in reviewers}


def test_bulk_assignment_is_deterministic_least_loaded_first(call, office_user):
    first = eligible_application(call, reference="KFA-A")
    second = eligible_application(call, reference="KFA-B")
    r1, r2, r3 = make_reviewer(), make_reviewer(), make_reviewer()
    assign(eligible_application(call, reference="KFA-0"), r1)  # r1 already has one

    assignment_bulk_create(call=call, per_application=2, due_date=IN_TWO_WEEKS, actor=office_user)

    pairs = set(
        Assignment.objects.filter(application__in=[first, second]).values_list(
            "application__reference", "reviewer_id"
        )
    )
    # In order of reference: KFA-0 is topped up with r2 (r2 and r3 are free, r2 has the
    # lower id), KFA-A takes r3 (0) and r1 (1), KFA-B takes r2 and r3 (1 each).
    assert pairs == {("KFA-A", r3.pk), ("KFA-A", r1.pk), ("KFA-B", r2.pk), ("KFA-B", r3.pk)}
    loads = Counter(Assignment.objects.values_list("reviewer_id", flat=True))
    assert loads == {r1.pk: 2, r2.pk: 2, r3.pk: 2}


def test_bulk_assignment_tops_up_and_skips_conflicts(call, office_user, kreis):
    home = gemeinde_in(kreis, "Heimatstadt")
    application = eligible_application(call, municipality=home)
    near = make_reviewer(municipality=gemeinde_in(kreis, "Nachbardorf"))
    far = make_reviewer()
    further = make_reviewer()
    assign(application, far)

    result = assignment_bulk_create(
        call=call, per_application=3, due_date=IN_TWO_WEEKS, actor=office_user
    )

    assert set(Assignment.objects.values_list("reviewer_id", flat=True)) == {far.pk, further.pk}
    assert [(a.pk, missing) for a, missing in result.short] == [(application.pk, 1)]
    assert near.pk not in {a.reviewer_id for a in result.created}


def test_bulk_assignment_view_shows_german_messages(call, office_client):
    eligible_application(call)
    reviewer = make_reviewer()

    response = office_client.post(
        reverse("reviews:assign_bulk", args=[call.pk]),
        {
            "per_application": "2",
            "due_date": IN_TWO_WEEKS.isoformat(),
            "reviewers": [reviewer.pk],
        },
        follow=True,
    )

    texts = [str(m) for m in response.context["messages"]]
    assert texts[0] == "1 Zuweisung ist angelegt."
    assert texts[1].startswith("Nicht genug Gutachtende ohne Interessenkonflikt für: KFA-")


def test_bulk_assignment_rejects_a_zero_count_at_the_field(call, office_client):
    response = office_client.post(
        reverse("reviews:assign_bulk", args=[call.pk]),
        {"per_application": "0", "due_date": IN_TWO_WEEKS.isoformat()},
    )

    assert response.context["form"].errors["per_application"] == [
        "Bitte geben Sie mindestens 1 an."
    ]


def test_reminder_is_sent_at_most_once_a_day(call, mailoutbox, django_capture_on_commit_callbacks):
    reviewer = make_reviewer(email="rita@example.org")
    first = assign(eligible_application(call), reviewer)
    second = assign(eligible_application(call), reviewer)

    with django_capture_on_commit_callbacks(execute=True):
        sent = assignments_remind(assignments=[first, second])
        again = assignments_remind(assignments=[first, second])

    assert len(sent.sent) == 2
    assert (again.sent, len(again.skipped)) == ([], 2)
    assert len(mailoutbox) == 1  # one mail listing both
    assert mailoutbox[0].subject == "Erinnerung: offene Gutachten"
    first.refresh_from_db()
    assert first.last_reminded_at is not None


def test_reminder_the_next_day_is_sent_again(call):
    assignment = assign(eligible_application(call), make_reviewer())
    yesterday = timezone.now() - dt.timedelta(days=1)
    Assignment.objects.filter(pk=assignment.pk).update(last_reminded_at=yesterday)

    result = assignments_remind(assignments=[assignment])

    assert [a.pk for a in result.sent] == [assignment.pk]


def test_reminder_skips_submitted_reviews(call):
    assignment = assign(eligible_application(call), make_reviewer())
    Assignment.objects.filter(pk=assignment.pk).update(
        submitted_at=timezone.now(), recommendation="yes"
    )

    result = assignments_remind(assignments=[assignment])

    assert (result.sent, result.skipped) == ([], [])


def test_overdue_reminder_from_the_progress_page(call, office_client):
    reviewer = make_reviewer()
    overdue = assign(
        eligible_application(call), reviewer, due_date=timezone.localdate() - dt.timedelta(days=2)
    )
    assign(eligible_application(call), reviewer)

    response = office_client.post(
        reverse("reviews:remind", args=[call.pk]), {"scope": "overdue"}, follow=True
    )

    overdue.refresh_from_db()
    assert overdue.last_reminded_at is not None
    assert Assignment.objects.filter(last_reminded_at__isnull=False).count() == 1
    assert [str(m) for m in response.context["messages"]] == [
        "Erinnerung an 1 Person gesendet (1 offene Gutachten)."
    ]


def test_reviewer_declares_a_conflict_and_the_office_is_told(
    call, reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    factories.UserFactory(role=Role.OFFICE, email="buero@eccar.example")
    assignment = assign(eligible_application(call), reviewer)

    with django_capture_on_commit_callbacks(execute=True):
        assignment_declare_conflict(
            assignment=assignment, reason="Ich habe dort bis 2024 gearbeitet.", actor=reviewer
        )

    assignment.refresh_from_db()
    assert assignment.conflict_reason == "Ich habe dort bis 2024 gearbeitet."
    assert assignment.conflict_declared_at is not None
    assert [m.to for m in mailoutbox] == [["buero@eccar.example"]]
    assert mailoutbox[0].subject == (
        f"Interessenkonflikt erklärt: {assignment.application.reference}"
    )


def test_declared_conflict_blocks_reassignment_and_counts_as_removed(call, reviewer, office_user):
    application = eligible_application(call)
    assignment = assign(application, reviewer)
    assignment_declare_conflict(assignment=assignment, reason="Befangen.", actor=reviewer)

    with pytest.raises(ValidationError) as error:
        assignment_create(
            application=application, reviewer=reviewer, due_date=IN_TWO_WEEKS, actor=office_user
        )
    result = assignment_bulk_create(
        call=call, per_application=1, due_date=IN_TWO_WEEKS, actor=office_user
    )

    assert error.value.message_dict == {
        "reviewer": ["Rita Gutachterin hat für diese Bewerbung einen Interessenkonflikt erklärt."]
    }
    assert result.created == []


def test_declaring_a_conflict_through_the_page(call, reviewer, reviewer_client):
    assignment = assign(eligible_application(call), reviewer)
    url = reverse("reviews:assignment_conflict", args=[assignment.pk])

    empty = reviewer_client.post(url, {"reason": ""})
    done = reviewer_client.post(url, {"reason": "Verwandtschaft in der Verwaltung."})

    assert empty.context["form"].errors == {
        "reason": ["Bitte beschreiben Sie kurz, worin der Interessenkonflikt besteht."]
    }
    assert done.status_code == 302
    assert (
        reviewer_client.get(reverse("reviews:assignment", args=[assignment.pk])).status_code == 404
    )


def test_office_removes_an_open_assignment(call, office_client, reviewer):
    assignment = assign(eligible_application(call), reviewer)

    office_client.post(reverse("reviews:assignment_remove", args=[assignment.pk]))

    assert not Assignment.objects.exists()


@pytest.mark.parametrize("count", [1, 3])
def test_progress_page_query_count_does_not_grow(
    call, office_client, count, django_assert_num_queries
):
    for _ in range(count):
        application = eligible_application(call)
        assign(application, make_reviewer())
        assign(application, make_reviewer(), due_date=timezone.localdate() - dt.timedelta(days=1))

    # Session, user, device, call, applications count and page, reviewers with counts.
    with django_assert_num_queries(7):
        response = office_client.get(reverse("reviews:progress", args=[call.pk]))

    assert len(response.context["page_obj"].object_list) == count
    assert response.context["totals"] == {"assigned": 2 * count, "submitted": 0, "overdue": count}


def test_progress_counts_per_reviewer(call, office_client):
    reviewer = make_reviewer(full_name="Rita Gutachterin")
    assign(
        eligible_application(call), reviewer, due_date=timezone.localdate() - dt.timedelta(days=1)
    )
    done = assign(eligible_application(call), reviewer)
    Assignment.objects.filter(pk=done.pk).update(submitted_at=timezone.now(), recommendation="no")
    assign(eligible_application(factories.CallFactory(), answers={}), reviewer)  # another call

    response = office_client.get(reverse("reviews:progress", args=[call.pk]))

    row = response.context["reviewers"][0]
    assert (row.assigned, row.submitted, row.open_count, row.overdue) == (2, 1, 1, 1)


def test_invited_reviewer_with_home_municipality_is_refused_its_application(
    call, office_user, kreis
):
    home = gemeinde_in(kreis, "Heimatstadt")
    application = eligible_application(call, municipality=home)
    invitation = invitation_create(
        actor=office_user,
        email="gutachten@uni.example",
        full_name="Rita Gutachterin",
        role=Role.REVIEWER,
        municipality=home,
        language="de",
    )
    token = "einladung-test"
    Invitation.objects.filter(pk=invitation.pk).update(token_hash=invitation_token_hash(token))
    reviewer = invitation_accept(
        token=token, full_name="Rita Gutachterin", password="Gute-Verwaltung-2025", language="de"
    )

    with pytest.raises(ValidationError) as error:
        assignment_create(
            application=application, reviewer=reviewer, due_date=IN_TWO_WEEKS, actor=office_user
        )

    assert error.value.message_dict == {
        "reviewer": [
            "Rita Gutachterin kann diese Bewerbung nicht begutachten: Sie kommt aus der "
            "eigenen Kommune (Interessenkonflikt)."
        ]
    }
    assert reviewer.municipality_approved_at is None
    assert not Assignment.objects.exists()


def test_assignments_of_an_application_found_not_eligible_later_are_dropped(
    call, reviewer, reviewer_client
):
    application = eligible_application(call)
    overdue = timezone.localdate() - dt.timedelta(days=3)
    assign(application, reviewer, due_date=overdue)
    Screening.objects.filter(application=application).update(
        status=Screening.Status.NOT_ELIGIBLE, reason="Ratsbeschluss fehlt doch."
    )

    response = reviewer_client.get(reverse("reviews:my_assignments"))
    progress = {r.pk: (r.assigned, r.overdue) for r in reviewer_progress(call=call)}

    assert list(response.context["assignments"]) == []
    assert open_assignments(call=call) == []
    assert open_assignments(call=call, overdue_only=True) == []
    assert progress == {reviewer.pk: (0, 0)}
    assert calls_with_open_assignments() == []


def test_declaring_a_conflict_twice_redirects_with_a_note(
    call, reviewer, reviewer_client, mailoutbox, django_capture_on_commit_callbacks
):
    factories.UserFactory(role=Role.OFFICE, email="buero@eccar.example")
    assignment = assign(eligible_application(call), reviewer)
    url = reverse("reviews:assignment_conflict", args=[assignment.pk])

    with django_capture_on_commit_callbacks(execute=True):
        first = reviewer_client.post(url, {"reason": "Befangen."})
        second = reviewer_client.post(url, {"reason": "Befangen."}, follow=True)

    assert first.status_code == 302
    assert second.status_code == 200
    assert second.redirect_chain == [(reverse("reviews:my_assignments"), 302)]
    assert [str(m) for m in second.context["messages"]][-1] == (
        "Für diese Bewerbung haben Sie bereits einen Interessenkonflikt erklärt."
    )
    assert len(mailoutbox) == 1


def test_declaring_a_conflict_twice_in_the_service_changes_nothing(call, reviewer):
    assignment = assign(eligible_application(call), reviewer)
    first = assignment_declare_conflict(assignment=assignment, reason="Befangen.", actor=reviewer)

    again = assignment_declare_conflict(assignment=assignment, reason="Anders.", actor=reviewer)

    assert again.conflict_reason == "Befangen."
    assert again.conflict_declared_at == first.conflict_declared_at


def test_removing_an_assignment_twice_redirects_with_a_note(call, office_client, reviewer):
    application = eligible_application(call)
    assignment = assign(application, reviewer)
    url = reverse("reviews:assignment_remove", args=[assignment.pk])

    office_client.post(url, {"application": application.pk})
    second = office_client.post(url, {"application": application.pk}, follow=True)

    back = reverse("reviews:application_reviews", args=[application.pk])
    assert second.redirect_chain == [(back, 302)]
    assert [str(m) for m in second.context["messages"]][-1] == (
        "Diese Zuweisung ist bereits entfernt."
    )
    assert not Assignment.objects.exists()


def test_removing_a_gone_assignment_without_application_goes_to_the_overview(office_client):
    response = office_client.post(reverse("reviews:assignment_remove", args=[999999]))

    assert response.status_code == 302
    assert response.url == reverse("reviews:office_index")


def test_removing_in_the_service_twice_returns_false(call, reviewer, office_user):
    assignment = assign(eligible_application(call), reviewer)

    first = assignment_remove(assignment=assignment, actor=office_user)
    again = assignment_remove(assignment=assignment, actor=office_user)

    assert (first, again) == (True, False)
    assert AuditEntry.objects.filter(action="reviews.reviewer_removed").count() == 1


@pytest.mark.parametrize("count", [1, 3])
def test_application_reviews_page_query_count_does_not_grow(
    call, office_client, count, django_assert_num_queries
):
    application = eligible_application(call)
    criteria = add_criteria(call, "klarheit", "wirkung")
    for _ in range(count):
        submit_review(assign(application, make_reviewer()), {c.key: 3 for c in criteria}, "yes")
    open_one = assign(application, make_reviewer())

    with django_assert_num_queries(APPLICATION_REVIEWS_QUERIES):
        response = office_client.get(reverse("reviews:application_reviews", args=[application.pk]))

    assert len(response.context["submitted"]) == count
    assert len(response.context["assignments"]) == count + 1
    assert open_one in response.context["assignments"]
