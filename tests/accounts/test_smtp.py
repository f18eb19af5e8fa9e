import re
from email import message_from_bytes
from email.header import decode_header, make_header

import pytest
from django.urls import reverse

from accounts.models import User

pytestmark = pytest.mark.django_db


def test_register_confirmation_mail_arrives_over_smtp(
    client, smtp_sink, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("accounts:register"),
            {
                "full_name": "Rana Yilmaz",
                "email": "rana@musterstadt.de",
                "password1": "Gute-Verwaltung-2025",
                "password2": "Gute-Verwaltung-2025",
                "language": "de",
                "privacy": "on",
            },
        )

    assert len(smtp_sink.messages) == 1
    envelope = smtp_sink.messages[0]
    assert envelope.rcpt_tos == ["rana@musterstadt.de"]
    message = message_from_bytes(envelope.original_content)
    assert str(make_header(decode_header(message["Subject"]))) == (
        "Bitte bestätigen Sie Ihre E-Mail-Adresse"
    )
    body = message.get_payload(decode=True).decode(message.get_content_charset())
    path = re.search(r"http://127\.0\.0\.1:8000(/konto/bestaetigen/\S+/)", body).group(1)
    client.post(path)
    assert User.objects.get().email_confirmed_at is not None
