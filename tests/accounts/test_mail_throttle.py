import datetime as dt
import hashlib
import logging

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import MailKind, MailThrottle, User
from accounts.services import mail_allowed
from accounts.services.mail_throttle import throttle_hash
from accounts.tokens import resend_token_make
from tests import factories

pytestmark = pytest.mark.django_db

RESET = reverse("accounts:password_reset")
REGISTER = reverse("accounts:register")
RESEND = reverse("accounts:confirmation_resend")
REGISTER_DATA = {
    "full_name": "Rana Yilmaz",
    "email": "rana@musterstadt.de",
    "password1": "Gute-Verwaltung-2025",
    "password2": "Gute-Verwaltung-2025",
    "language": "de",
    "privacy": "on",
}
RESENT_MESSAGE = (
    "Wir haben Ihnen den Bestätigungslink noch einmal geschickt. Bitte sehen Sie auch im "
    "Spam-Ordner nach."
)


def post(client, capture, path, data, ip="198.51.100.1", **extra):
    with capture(execute=True):
        return client.post(path, data, REMOTE_ADDR=ip, **extra)


def test_password_reset_fourth_request_within_hour_sends_no_mail_and_same_page(
    client, django_capture_on_commit_callbacks
):
    factories.UserFactory(email="anna@example.org")

    responses = [
        post(client, django_capture_on_commit_callbacks, RESET, {"email": "anna@example.org"})
        for _ in range(4)
    ]

    assert len(mail.outbox) == 3
    assert [(r.status_code, r.url) for r in responses] == [
        (302, reverse("accounts:password_reset_done"))
    ] * 4
    done_page = client.get(responses[3].url)
    assert done_page.status_code == 200
    assert done_page.templates[0].name == "accounts/password_reset_done.html"


def test_password_reset_limit_counts_per_address(client, django_capture_on_commit_callbacks):
    factories.UserFactory(email="anna@example.org")
    factories.UserFactory(email="ben@example.org")
    for _ in range(3):
        post(client, django_capture_on_commit_callbacks, RESET, {"email": "anna@example.org"})

    post(client, django_capture_on_commit_callbacks, RESET, {"email": "ben@example.org"})

    assert mail.outbox[-1].to == ["ben@example.org"]
    assert len(mail.outbox) == 4


def test_password_reset_allowed_again_after_an_hour(client, django_capture_on_commit_callbacks):
    factories.UserFactory(email="anna@example.org")
    for _ in range(3):
        post(client, django_capture_on_commit_callbacks, RESET, {"email": "anna@example.org"})
    MailThrottle.objects.update(created_at=timezone.now() - dt.timedelta(minutes=61))

    post(client, django_capture_on_commit_callbacks, RESET, {"email": "anna@example.org"})

    assert len(mail.outbox) == 4
    assert MailThrottle.objects.count() == 1


def test_password_reset_unknown_address_is_not_counted(client, django_capture_on_commit_callbacks):
    for _ in range(4):
        post(client, django_capture_on_commit_callbacks, RESET, {"email": "niemand@example.org"})

    assert MailThrottle.objects.count() == 0


def test_mail_ip_limit_holds_back_the_21st_mail_within_an_hour(
    client, django_capture_on_commit_callbacks
):
    for n in range(21):
        factories.UserFactory(email=f"person{n}@example.org")

    responses = [
        post(
            client,
            django_capture_on_commit_callbacks,
            RESET,
            {"email": f"person{n}@example.org"},
            ip="203.0.113.7",
        )
        for n in range(21)
    ]
    other_client = post(
        client,
        django_capture_on_commit_callbacks,
        RESET,
        {"email": "person20@example.org"},
        ip="203.0.113.8",
    )

    assert len(mail.outbox) == 21
    assert [m.to for m in mail.outbox[:20]] == [[f"person{n}@example.org"] for n in range(20)]
    assert mail.outbox[20].to == ["person20@example.org"]
    assert responses[20].url == reverse("accounts:password_reset_done")
    assert other_client.url == reverse("accounts:password_reset_done")


def test_mail_ip_limit_counts_all_kinds_together():
    for n in range(10):
        mail_allowed(kind=MailKind.PASSWORD_RESET, email=f"a{n}@example.org", ip="203.0.113.7")
        mail_allowed(kind=MailKind.REGISTRATION, email=f"b{n}@example.org", ip="203.0.113.7")

    allowed = mail_allowed(
        kind=MailKind.CONFIRMATION_RESEND, email="c@example.org", ip="203.0.113.7"
    )

    assert allowed is False


def test_mail_address_limit_counts_each_kind_on_its_own():
    for _ in range(3):
        mail_allowed(kind=MailKind.PASSWORD_RESET, email="anna@example.org", ip="203.0.113.7")

    reset = mail_allowed(kind=MailKind.PASSWORD_RESET, email="anna@example.org", ip="203.0.113.9")
    register = mail_allowed(kind=MailKind.REGISTRATION, email="Anna@Example.org", ip="203.0.113.9")

    assert (reset, register) == (False, True)


def test_mail_throttle_stores_only_keyed_hashes():
    mail_allowed(kind=MailKind.PASSWORD_RESET, email="anna@example.org", ip="203.0.113.7")

    row = MailThrottle.objects.get()

    assert row.ip_hash == throttle_hash(purpose="ip", value="203.0.113.7")
    assert row.email_hash == throttle_hash(purpose="email", value="anna@example.org")
    assert row.ip_hash != hashlib.sha256(b"203.0.113.7").hexdigest()
    assert len(row.ip_hash) == 64
    assert len(row.email_hash) == 64
    assert row.ip_hash != throttle_hash(purpose="email", value="203.0.113.7")


def test_mail_throttled_is_logged_without_address_or_ip(
    client, django_capture_on_commit_callbacks, caplog
):
    factories.UserFactory(email="anna@example.org")
    for _ in range(3):
        post(client, django_capture_on_commit_callbacks, RESET, {"email": "anna@example.org"})

    with caplog.at_level(logging.WARNING, logger="accounts.services.mail_throttle"):
        post(client, django_capture_on_commit_callbacks, RESET, {"email": "anna@example.org"})

    throttle_records = [r for r in caplog.records if r.name == "accounts.services.mail_throttle"]
    assert [(r.levelname, r.getMessage()) for r in throttle_records] == [
        ("WARNING", "mail held back by throttle: kind=password_reset limit=address")
    ]


def test_register_note_to_existing_address_throttled(client, django_capture_on_commit_callbacks):
    factories.UserFactory(email="rana@musterstadt.de")

    responses = [
        post(client, django_capture_on_commit_callbacks, REGISTER, REGISTER_DATA) for _ in range(4)
    ]

    assert [m.subject for m in mail.outbox] == ["Sie haben bereits ein Konto"] * 3
    assert [(r.status_code, r.url) for r in responses] == [
        (302, reverse("accounts:register_done"))
    ] * 4
    assert User.objects.count() == 1


def test_register_new_address_counts_towards_the_limit(client, django_capture_on_commit_callbacks):
    for _ in range(4):
        post(client, django_capture_on_commit_callbacks, REGISTER, REGISTER_DATA)

    assert [m.subject for m in mail.outbox] == [
        "Bitte bestätigen Sie Ihre E-Mail-Adresse",
        "Sie haben bereits ein Konto",
        "Sie haben bereits ein Konto",
    ]
    assert User.objects.count() == 1


def test_register_throttled_by_ip_creates_no_account_and_shows_same_page(
    client, django_capture_on_commit_callbacks
):
    for n in range(20):
        mail_allowed(kind=MailKind.PASSWORD_RESET, email=f"p{n}@example.org", ip="203.0.113.7")

    response = post(
        client, django_capture_on_commit_callbacks, REGISTER, REGISTER_DATA, "203.0.113.7"
    )

    assert response.status_code == 302
    assert response.url == reverse("accounts:register_done")
    assert mail.outbox == []
    assert User.objects.count() == 0


def test_confirmation_resend_throttled_shows_same_message(
    client, django_capture_on_commit_callbacks
):
    user = factories.UserFactory(email="neu@example.org", email_confirmed_at=None)
    token = resend_token_make(user_id=user.pk)

    responses = [
        post(client, django_capture_on_commit_callbacks, RESEND, {"token": token}, follow=True)
        for _ in range(4)
    ]

    assert len(mail.outbox) == 3
    assert [[str(m) for m in r.context["messages"]] for r in responses] == [[RESENT_MESSAGE]] * 4
