from django_tasks import task

from calls.models import Call
from reviews.reminders import assignments_remind, calls_with_open_assignments, open_assignments


@task()
def remind_overdue_reviews(*, call_id: int) -> int:
    """Remind everyone with an overdue review in the call (at most once a day each);
    meant to be enqueued daily by a scheduler. Returns the number of reviews reminded."""
    call = Call.objects.filter(pk=call_id).first()
    if call is None:
        return 0
    result = assignments_remind(assignments=open_assignments(call=call, overdue_only=True))
    return len(result.sent)


def overdue_reminders_enqueue() -> int:
    """The daily work of ``send_review_reminders``: one reminder task for every call with
    open reviews. Returns the number of calls."""
    call_ids = calls_with_open_assignments()
    for call_id in call_ids:
        remind_overdue_reviews.enqueue(call_id=call_id)
    return len(call_ids)
