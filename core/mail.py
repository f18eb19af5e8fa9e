"""Outgoing e-mail, rendered in the recipient's language and sent in the background.

Views and services call ``mail_enqueue``; the task renders and sends, so a web request
never waits on SMTP. Task arguments are plain JSON (ids and strings), never objects.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

logger = logging.getLogger(__name__)


def mail_render(*, template: str, context: dict, language: str) -> tuple[str, str]:
    """Render ``<template>_subject.txt`` and ``<template>.txt`` in ``language``."""
    with translation.override(language):
        ctx = {"site_url": settings.SITE_URL, **context}
        subject = render_to_string(f"{template}_subject.txt", ctx).strip().replace("\n", " ")
        body = render_to_string(f"{template}.txt", ctx)
    return subject, body


def mail_send(
    *,
    to: list[str],
    template: str,
    context: dict,
    language: str = "de",
    attachments: list[tuple[str, bytes, str]] | None = None,
    headers: dict[str, str] | None = None,
) -> None:
    """Render and send now. ``headers`` are extra header lines (``List-Unsubscribe``)."""
    subject, body = mail_render(template=template, context=context, language=language)
    message = EmailMultiAlternatives(subject=subject, body=body, to=to, headers=headers)
    for name, content, mimetype in attachments or []:
        message.attach(name, content, mimetype)
    message.send()
    # Log the template, never addresses or content: mails may carry personal data.
    logger.info("mail sent: template=%s recipients=%d", template, len(to))


@task()
def mail_send_task(
    *,
    to: list[str],
    template: str,
    context: dict,
    language: str = "de",
    headers: dict[str, str] | None = None,
) -> None:
    mail_send(to=to, template=template, context=context, language=language, headers=headers)


def mail_enqueue(
    *,
    to: list[str],
    template: str,
    context: dict,
    language: str = "de",
    headers: dict[str, str] | None = None,
) -> None:
    """Send after the surrounding transaction commits (nothing is sent for a rollback)."""
    extra = {"headers": headers} if headers else {}
    transaction.on_commit(
        lambda: mail_send_task.enqueue(
            to=to, template=template, context=context, language=language, **extra
        )
    )
