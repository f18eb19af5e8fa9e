"""The demo's mailbox: every mail the demo sends is kept in the database and can be read
in the browser at /demo-postfach/, so a newcomer follows a confirmation link without a
mail server. Only the demo (DEBUG) uses this backend; the pages answer 404 otherwise.
"""

import re
from email.mime.base import MIMEBase

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import Count
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from core.models import DemoMail, DemoMailAttachment

MAILS_PER_PAGE = 25
# Punctuation that ends a sentence rather than a link ("…unter https://x/a/.").
TRAILING_PUNCTUATION = ".,;:!?)"


class DatabaseEmailBackend(BaseEmailBackend):
    """Stores each message as a ``DemoMail`` instead of sending it."""

    def send_messages(self, email_messages):
        for message in email_messages:
            demo_mail_store(message=message)
        return len(email_messages)


@transaction.atomic
def demo_mail_store(*, message) -> DemoMail:
    mail = DemoMail.objects.create(
        to=", ".join(message.to), subject=message.subject, body=message.body
    )
    for attachment in message.attachments:
        name, content, mimetype = attachment_parts(attachment)
        DemoMailAttachment.objects.create(mail=mail, name=name, content=content, mimetype=mimetype)
    return mail


def attachment_parts(attachment) -> tuple[str, bytes, str]:
    """(name, content, MIME type) of an attachment as ``EmailMessage.attach`` keeps it."""
    if isinstance(attachment, MIMEBase):
        return (
            attachment.get_filename() or "anhang",
            attachment.get_payload(decode=True) or b"",
            attachment.get_content_type(),
        )
    name, content, mimetype = attachment
    if isinstance(content, str):
        content = content.encode()
    return name or "anhang", content, mimetype or "application/octet-stream"


def demo_mails_page(*, page: str | None) -> Page:
    mails = (
        DemoMail.objects.defer("body")
        .annotate(attachment_count=Count("attachments"))
        .order_by("-sent_at", "-id")
    )
    return Paginator(mails, MAILS_PER_PAGE).get_page(page)


def site_links(text: str) -> SafeString:
    """``text`` escaped, with every address of this site turned into a link.

    Escaping comes first, so nothing in a mail can add markup; only addresses that start
    with SITE_URL become links, so a mail cannot send the reader elsewhere by a click.
    """
    escaped = escape(text)
    pattern = re.compile(re.escape(escape(settings.SITE_URL)) + r"[^\s<>\"']*")

    def link(match):
        url = match.group(0)
        stripped = url.rstrip(TRAILING_PUNCTUATION)
        tail = url[len(stripped) :]
        return f'<a class="kern-link" href="{stripped}">{stripped}</a>{tail}'

    return mark_safe(pattern.sub(link, escaped))  # noqa: S308 -- escaped above, links built here
