"""The invitation to a consultation round travels over real SMTP, with the header that
lets a mail program offer "unsubscribe", and its link mutes the person."""

import re
from email import message_from_bytes
from email.header import decode_header, make_header

import pytest

from recommendations.models import ConsultationMailSetting
from recommendations.notifications import round_opened_mails
from tests.recommendations.notify_helpers import consultation_round, trainers

pytestmark = pytest.mark.django_db


def test_the_opening_mail_reaches_the_smtp_sink_and_its_link_mutes(
    client, smtp_sink, django_capture_on_commit_callbacks
):
    round = consultation_round(for_municipal_teams=False, for_trainers=True, title="Runde eins")
    (person,) = trainers(1)

    with django_capture_on_commit_callbacks(execute=True):
        round_opened_mails()

    assert len(smtp_sink.messages) == 1
    envelope = smtp_sink.messages[0]
    assert envelope.rcpt_tos == [person.email]
    message = message_from_bytes(envelope.original_content)
    assert str(make_header(decode_header(message["Subject"]))) == (
        "Beteiligungsrunde geöffnet: Runde eins"
    )
    body = message.get_payload(decode=True).decode(message.get_content_charset())
    assert f"http://127.0.0.1:8000/beteiligung/runden/{round.pk}/" in body
    path = re.search(r"http://127\.0\.0\.1:8000(/beteiligung/benachrichtigungen/\S+/)", body)[1]
    # A long header is folded onto a second line; unfolded it is the link.
    unfolded = message["List-Unsubscribe"].replace("\r\n", "").strip()
    assert unfolded == f"<http://127.0.0.1:8000{path}>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    client.post(path)

    assert ConsultationMailSetting.objects.get(user=person).muted_at is not None
