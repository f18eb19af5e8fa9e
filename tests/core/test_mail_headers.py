"""``core.mail`` carries extra header lines (``List-Unsubscribe``) to the sent mail, and a
mail without them is sent as before."""

import pytest

from core.mail import mail_enqueue

pytestmark = pytest.mark.django_db

TEMPLATE = "recommendations/mail/reply_digest"
CONTEXT = {"name": "Rana Yilmaz", "items": [], "mute_url": "https://example.org/x/"}


def test_enqueued_headers_reach_the_mail(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        mail_enqueue(
            to=["rana@example.org"],
            template=TEMPLATE,
            context=CONTEXT,
            headers={"List-Unsubscribe": "<https://example.org/x/>"},
        )

    (mail,) = mailoutbox
    assert mail.extra_headers == {"List-Unsubscribe": "<https://example.org/x/>"}


def test_a_mail_without_headers_has_none(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        mail_enqueue(to=["rana@example.org"], template=TEMPLATE, context=CONTEXT)

    (mail,) = mailoutbox
    assert mail.extra_headers == {}
    assert mail.subject == "Neue Antworten auf Ihre Kommentare"
