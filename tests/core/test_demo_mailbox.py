"""The demo mailbox: the backend keeps sent mails, the pages show them only with DEBUG."""

import pytest
from django.core import mail
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection

from core.demo_mailbox import site_links
from core.mail import mail_send
from core.models import DemoMail, DemoMailAttachment

BACKEND = "core.demo_mailbox.DatabaseEmailBackend"

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    """The demo runs with DEBUG; the tests otherwise run without it."""
    settings.DEBUG = True
    return settings


def store(subject="Hallo", body="Text", to=("rana@musterstadt.de",), attachments=()):
    message = EmailMessage(subject=subject, body=body, to=list(to))
    for name, content, mimetype in attachments:
        message.attach(name, content, mimetype)
    get_connection(BACKEND).send_messages([message])
    return DemoMail.objects.get(subject=subject)


def test_backend_stores_a_mail_with_its_attachment():
    sent = get_connection(BACKEND).send_messages(
        [
            EmailMessage(
                subject="Bescheid",
                body="Guten Tag",
                to=["a@example.org", "b@example.org"],
                attachments=[("bescheid.pdf", b"%PDF-1.4 x", "application/pdf")],
            )
        ]
    )

    stored = DemoMail.objects.get()
    attachment = stored.attachments.get()
    assert sent == 1
    assert (stored.to, stored.subject, stored.body) == (
        "a@example.org, b@example.org",
        "Bescheid",
        "Guten Tag",
    )
    assert stored.sent_at is not None
    assert (attachment.name, attachment.mimetype, bytes(attachment.content)) == (
        "bescheid.pdf",
        "application/pdf",
        b"%PDF-1.4 x",
    )


def test_backend_stores_a_text_attachment_as_bytes():
    stored = store(attachments=[("liste.csv", "Name;Ort\n", "text/csv")])

    assert bytes(stored.attachments.get().content) == b"Name;Ort\n"


def test_backend_keeps_the_text_body_of_a_mail_with_alternatives():
    message = EmailMultiAlternatives(subject="Zwei", body="nur Text", to=["a@example.org"])
    message.attach_alternative("<p>html</p>", "text/html")
    get_connection(BACKEND).send_messages([message])

    assert DemoMail.objects.get().body == "nur Text"


def test_mail_send_goes_to_the_demo_mailbox_with_that_backend(settings):
    settings.EMAIL_BACKEND = BACKEND

    mail_send(
        to=["rana@musterstadt.de"],
        template="accounts/mail/confirm_email",
        context={"name": "Rana", "confirm_url": "http://testserver/x/"},
    )

    assert DemoMail.objects.get().to == "rana@musterstadt.de"
    assert mail.outbox == []


def test_site_links_escapes_and_links_only_the_sites_addresses(settings):
    settings.SITE_URL = "http://127.0.0.1:8101"

    html = site_links(
        "<b>Hallo</b> http://127.0.0.1:8101/konto/bestaetigen/a-b/. und https://evil.example/"
    )

    assert html == (
        "&lt;b&gt;Hallo&lt;/b&gt; "
        '<a class="kern-link" href="http://127.0.0.1:8101/konto/bestaetigen/a-b/">'
        "http://127.0.0.1:8101/konto/bestaetigen/a-b/</a>. und https://evil.example/"
    )


def test_site_links_cannot_break_out_of_the_href(settings):
    settings.SITE_URL = "http://127.0.0.1:8000"

    html = site_links('http://127.0.0.1:8000/a"onmouseover="x')

    assert html == (
        '<a class="kern-link" href="http://127.0.0.1:8000/a&quot;onmouseover=&quot;x">'
        "http://127.0.0.1:8000/a&quot;onmouseover=&quot;x</a>"
    )


def test_list_shows_the_newest_mail_first(client, demo):
    store(subject="Erste")
    store(subject="Zweite")

    response = client.get("/demo-postfach/")

    assert response.status_code == 200
    assert [m.subject for m in response.context["page"].object_list] == ["Zweite", "Erste"]


def test_detail_shows_the_text_with_site_links_and_the_attachments(client, demo):
    demo.SITE_URL = "http://127.0.0.1:8000"
    stored = store(
        subject="Bitte bestätigen",
        body="Bitte öffnen: http://127.0.0.1:8000/konto/bestaetigen/abc/ <script>",
        attachments=[("info.txt", b"hallo", "text/plain")],
    )
    attachment = stored.attachments.get()

    response = client.get(f"/demo-postfach/{stored.pk}/")

    content = response.content.decode()
    assert response.status_code == 200
    assert '<a class="kern-link" href="http://127.0.0.1:8000/konto/bestaetigen/abc/">' in content
    assert "&lt;script&gt;" in content
    assert f"/demo-postfach/{stored.pk}/anhang/{attachment.pk}/" in content


def test_attachment_is_downloaded_with_its_mime_type(client, demo):
    stored = store(attachments=[("bescheid.pdf", b"%PDF-1.4 x", "application/pdf")])
    attachment = stored.attachments.get()

    response = client.get(f"/demo-postfach/{stored.pk}/anhang/{attachment.pk}/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="bescheid.pdf"'
    assert b"".join(response.streaming_content) == b"%PDF-1.4 x"


def test_attachment_of_another_mail_is_not_found(client, demo):
    first = store(subject="Eins", attachments=[("a.txt", b"a", "text/plain")])
    second = store(subject="Zwei")

    response = client.get(f"/demo-postfach/{second.pk}/anhang/{first.attachments.get().pk}/")

    assert response.status_code == 404


def test_pages_do_not_exist_without_debug(client):
    stored = store(attachments=[("a.txt", b"a", "text/plain")])
    attachment = DemoMailAttachment.objects.get()

    statuses = [
        client.get(path).status_code
        for path in (
            "/demo-postfach/",
            f"/demo-postfach/{stored.pk}/",
            f"/demo-postfach/{stored.pk}/anhang/{attachment.pk}/",
        )
    ]

    assert statuses == [404, 404, 404]


@pytest.mark.parametrize("count", [1, 3])
def test_list_queries_do_not_grow_with_the_mails(client, demo, count, django_assert_num_queries):
    for number in range(count):
        store(subject=f"Mail {number}", attachments=[("a.txt", b"a", "text/plain")])

    with django_assert_num_queries(2):
        response = client.get("/demo-postfach/")

    assert response.status_code == 200


def test_registration_done_page_links_the_demo_mailbox(client, demo):
    response = client.get("/konto/registrieren/gesendet/")

    assert 'href="/demo-postfach/"' in response.content.decode()


def test_registration_done_page_has_no_mailbox_link_without_debug(client):
    response = client.get("/konto/registrieren/gesendet/")

    assert "/demo-postfach/" not in response.content.decode()


def shared_settings(monkeypatch, **env):
    """A fresh copy of ``kfa/settings.py`` read with ``env``, under a name of its own so
    the settings the tests run with stay untouched."""
    import importlib.util

    import kfa.settings

    monkeypatch.delenv("EMAIL_BACKEND", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    spec = importlib.util.spec_from_file_location("shared_settings_copy", kfa.settings.__file__)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_demo_with_debug_keeps_mails_in_the_mailbox(monkeypatch):
    assert shared_settings(monkeypatch, DJANGO_DEBUG="1").EMAIL_BACKEND == BACKEND


def test_without_debug_mails_go_to_the_console(monkeypatch):
    assert shared_settings(monkeypatch, DJANGO_DEBUG="0").EMAIL_BACKEND == (
        "django.core.mail.backends.console.EmailBackend"
    )
