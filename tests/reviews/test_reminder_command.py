import datetime as dt
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from reviews.models import Assignment
from tests import factories
from tests.reviews.conftest import assign, make_reviewer, mark_eligible, submit_application

OVERDUE = timezone.localdate() - dt.timedelta(days=2)


def test_send_review_reminders_reminds_overdue_reviews_of_every_open_call(
    call, mailoutbox, django_capture_on_commit_callbacks
):
    reviewer = make_reviewer(email="rita@example.org")
    application = submit_application(call)
    mark_eligible(application)
    overdue = assign(application, reviewer, due_date=OVERDUE)
    later = submit_application(call)
    mark_eligible(later)
    not_due = assign(later, make_reviewer())
    factories.CallFactory()  # a call without open reviews is left out
    out = StringIO()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_review_reminders", stdout=out)

    assert out.getvalue() == "Erinnerungen für 1 Ausschreibung(en) eingeplant.\n"
    assert [m.to for m in mailoutbox] == [["rita@example.org"]]
    assert Assignment.objects.get(pk=overdue.pk).last_reminded_at is not None
    assert Assignment.objects.get(pk=not_due.pk).last_reminded_at is None


def test_send_review_reminders_twice_a_day_sends_once(
    call, mailoutbox, django_capture_on_commit_callbacks
):
    application = submit_application(call)
    mark_eligible(application)
    assign(application, make_reviewer(), due_date=OVERDUE)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_review_reminders", stdout=StringIO())
        call_command("send_review_reminders", stdout=StringIO())

    assert len(mailoutbox) == 1


def test_send_review_reminders_without_open_reviews_enqueues_nothing(call, mailoutbox):
    out = StringIO()

    call_command("send_review_reminders", stdout=out)

    assert out.getvalue() == "Erinnerungen für 0 Ausschreibung(en) eingeplant.\n"
    assert mailoutbox == []
