import datetime as dt
import re

import pytest
from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role, User
from accounts.tokens import CONFIRM_SALT
from core.models import AuditEntry
from tests import factories

pytestmark = pytest.mark.django_db

REGISTER_DATA = {
    "full_name": "Rana Yilmaz",
    "email": "Rana.Yilmaz@Musterstadt.de",
    "password1": "Gute-Verwaltung-2025",
    "password2": "Gute-Verwaltung-2025",
    "language": "de",
    "privacy": "on",
}


def confirmation_path(message) -> str:
    return re.search(r"http://127\.0\.0\.1:8000(/konto/bestaetigen/\S+/)", message.body).group(1)


def test_register_creates_unconfirmed_coordinator_and_sends_link(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:register"), REGISTER_DATA)

    assert response.status_code == 302
    assert response.url == reverse("accounts:register_done")
    user = User.objects.get()
    assert user.email == "rana.yilmaz@musterstadt.de"
    assert user.role == Role.COORDINATOR
    assert user.municipality is None
    assert user.email_confirmed_at is None
    assert user.privacy_accepted_at is not None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["rana.yilmaz@musterstadt.de"]
    assert mail.outbox[0].subject == "Bitte bestätigen Sie Ihre E-Mail-Adresse"
    assert "/konto/bestaetigen/" in mail.outbox[0].body


def test_register_confirmation_link_logs_in_and_redirects_to_dashboard(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:register"), REGISTER_DATA)
    path = confirmation_path(mail.outbox[0])

    page = client.get(path)
    response = client.post(path)

    assert page.status_code == 200
    assert "E-Mail-Adresse bestätigen" in page.content.decode()
    assert response.status_code == 302
    assert response.url == reverse("core:dashboard")
    user = User.objects.get()
    assert user.email_confirmed_at is not None
    assert int(client.session["_auth_user_id"]) == user.pk


def test_register_confirmation_link_works_once(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:register"), REGISTER_DATA)
    path = confirmation_path(mail.outbox[0])
    client.post(path)
    client.logout()

    response = client.post(path)

    assert response.status_code == 200
    assert "bereits bestätigt" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_register_confirmation_link_expires_after_three_days(client):
    user = factories.UserFactory(email_confirmed_at=None)
    old = timezone.now() - dt.timedelta(days=3, minutes=1)
    signer = signing.TimestampSigner(salt=CONFIRM_SALT)
    signer.timestamp = lambda: signing.b62_encode(int(old.timestamp()))
    old_token = signer.sign_object({"u": user.pk, "e": user.email})

    response = client.post(reverse("accounts:confirm_email", args=[old_token]))

    assert "ungültig oder abgelaufen" in response.content.decode()
    user.refresh_from_db()
    assert user.email_confirmed_at is None


def test_register_existing_email_shows_same_page_and_notifies_owner(
    client, django_capture_on_commit_callbacks
):
    factories.UserFactory(email="rana.yilmaz@musterstadt.de", full_name="Rana Y.")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:register"), REGISTER_DATA)

    assert response.status_code == 302
    assert response.url == reverse("accounts:register_done")
    assert User.objects.count() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Sie haben bereits ein Konto"
    assert "/konto/passwort-neu/" in mail.outbox[0].body


def test_register_password_too_short_shows_german_error_at_field(client):
    data = {**REGISTER_DATA, "password1": "kurz-2025", "password2": "kurz-2025"}

    response = client.post(reverse("accounts:register"), data)

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["password1"] == [
        "Dieses Passwort ist zu kurz. Es muss mindestens 12 Zeichen enthalten."
    ]
    html = response.content.decode()
    assert 'id="id_password1_error"' in html
    assert 'aria-invalid="true"' in html
    assert User.objects.count() == 0


def test_register_without_privacy_consent_is_refused(client):
    data = {k: v for k, v in REGISTER_DATA.items() if k != "privacy"}

    response = client.post(reverse("accounts:register"), data)

    assert response.context["form"].errors["privacy"] == [
        "Bitte stimmen Sie der Datenschutzerklärung zu, um fortzufahren."
    ]
    assert User.objects.count() == 0


def test_register_page_links_the_privacy_notice_in_the_hint_of_the_consent(client):
    html = client.get(reverse("accounts:register")).content.decode()

    assert (
        '<div class="kern-hint" id="id_privacy_helptext">Wie wir mit Ihren Daten umgehen, '
        'steht in der <a class="kern-link" href="/seite/datenschutz/">Datenschutzerklärung</a>.'
        "</div>"
    ) in html
    assert (
        'aria-describedby="id_privacy_helptext" class="kern-form-check__checkbox" '
        'aria-required="true" id="id_privacy"'
    ) in html


def test_register_page_names_each_language_option_in_its_own_language(client):
    html = client.get(reverse("accounts:register")).content.decode()

    assert '<label class="kern-label" for="id_language_1" lang="en">English</label>' in html


def test_register_writes_audit_entries(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:register"), REGISTER_DATA)
    client.post(confirmation_path(mail.outbox[0]))

    user = User.objects.get()
    actions = list(
        AuditEntry.objects.filter(object_id=str(user.pk), object_type="accounts.user")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["account.registered", "account.email_confirmed"]


def test_login_unconfirmed_offers_resend(client, django_capture_on_commit_callbacks, password):
    factories.UserFactory(email="neu@example.org", email_confirmed_at=None)

    response = client.post(
        reverse("accounts:login"), {"email": "neu@example.org", "password": password}
    )
    token = response.context["resend_token"]
    with django_capture_on_commit_callbacks(execute=True):
        resent = client.post(reverse("accounts:confirmation_resend"), {"token": token})

    assert "_auth_user_id" not in client.session
    assert "Bestätigungs-E-Mail erneut senden" in response.content.decode()
    assert resent.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["neu@example.org"]


def test_confirmation_resend_with_forged_token_sends_nothing(
    client, django_capture_on_commit_callbacks
):
    factories.UserFactory(email="neu@example.org", email_confirmed_at=None)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:confirmation_resend"), {"token": "1:abc"})

    assert mail.outbox == []


def test_audit_entries_never_hold_password(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:register"), REGISTER_DATA)
    client.post(confirmation_path(mail.outbox[0]))

    stored = [str(entry.changes) + entry.object_label for entry in AuditEntry.objects.all()]

    assert len(stored) == 2
    assert all(REGISTER_DATA["password1"] not in text for text in stored)
