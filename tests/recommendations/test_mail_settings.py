"""Muting the mails of consultation rounds: on the person's page, and through the link
in a mail, which works without logging in but only after a click on its button."""

import pytest
from django.urls import reverse

from core.models import AuditEntry
from recommendations.models import ConsultationMailSetting
from recommendations.notifications import mute_token, mute_url
from tests import factories
from tests.helpers import login_verified

pytestmark = pytest.mark.django_db

SETTINGS = reverse("participation_mail:settings")


def _mute_path(user) -> str:
    return reverse("participation_mail:mute", args=[mute_token(user.pk)])


def _muted(user) -> bool:
    return ConsultationMailSetting.objects.filter(user=user, muted_at__isnull=False).exists()


def test_the_settings_page_asks_for_a_login(client):
    response = client.get(SETTINGS)

    assert response.status_code == 302
    assert response["Location"].startswith("/konto/anmelden/")


def test_a_person_mutes_and_unmutes_on_their_page(client, coordinator):
    login_verified(client, coordinator)

    page = client.get(SETTINGS)
    assert page.status_code == 200
    assert page.context["form"]["muted"].value() is False
    assert "Sie erhalten diese Mails." in page.content.decode()

    response = client.post(SETTINGS, {"muted": "on"})
    assert response.status_code == 302
    assert _muted(coordinator)
    assert "abbestellt am" in client.get(SETTINGS).content.decode()

    client.post(SETTINGS, {})
    assert not _muted(coordinator)
    assert list(
        AuditEntry.objects.filter(object_type="recommendations.consultationmailsetting")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == [
        "recommendations.consultation_mails_muted",
        "recommendations.consultation_mails_unmuted",
    ]


def test_muting_twice_records_it_once(client, coordinator):
    login_verified(client, coordinator)

    client.post(SETTINGS, {"muted": "on"})
    client.post(SETTINGS, {"muted": "on"})

    assert AuditEntry.objects.filter(action="recommendations.consultation_mails_muted").count() == 1


def test_the_profile_links_to_the_settings(client, coordinator):
    login_verified(client, coordinator)

    html = client.get(reverse("accounts:profile")).content.decode()

    assert f'href="{SETTINGS}"' in html


def test_opening_the_mute_link_changes_nothing(client):
    person = factories.UserFactory()

    response = client.get(_mute_path(person))

    assert response.status_code == 200
    assert "Mails abbestellen" in response.content.decode()
    assert not _muted(person)
    assert not ConsultationMailSetting.objects.exists()


def test_the_button_of_the_mute_link_mutes_without_login(client):
    person = factories.UserFactory()

    response = client.post(_mute_path(person))

    assert response.status_code == 200
    assert "Abbestellt: Sie erhalten keine Mails" in response.content.decode()
    assert _muted(person)
    again = client.post(_mute_path(person))
    assert again.status_code == 200
    assert AuditEntry.objects.filter(action="recommendations.consultation_mails_muted").count() == 1


def test_a_mail_programs_one_click_unsubscribe_needs_no_csrf_token():
    from django.test import Client

    person = factories.UserFactory()
    client = Client(enforce_csrf_checks=True)

    response = client.post(_mute_path(person), {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert _muted(person)


def test_the_link_in_the_mail_is_the_mute_page():
    person = factories.UserFactory()

    assert mute_url(person.pk) == "http://127.0.0.1:8000" + _mute_path(person)


@pytest.mark.parametrize(
    "token",
    [
        "unsinn",
        "eyJ1IjoxfQ:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        " ",
    ],
)
def test_a_forged_token_gets_a_clear_page_and_mutes_nobody(client, token):
    person = factories.UserFactory()
    response = client.post(reverse("participation_mail:mute", args=[token]))

    assert response.status_code == 400
    assert "Dieser Link zum Abbestellen ist unvollständig oder verändert." in (
        response.content.decode()
    )
    assert not _muted(person)


def test_a_token_altered_to_another_person_mutes_nobody(client):
    victim, attacker = factories.UserFactory(), factories.UserFactory()
    signature = mute_token(attacker.pk).rsplit(":", 1)[1]
    forged = mute_token(victim.pk).rsplit(":", 1)[0] + ":" + signature

    response = client.post(reverse("participation_mail:mute", args=[forged]))

    assert response.status_code == 400
    assert not _muted(victim) and not _muted(attacker)


def test_a_token_signed_for_another_purpose_is_refused(client):
    from django.core import signing

    person = factories.UserFactory()
    token = signing.Signer().sign_object({"u": person.pk})

    response = client.post(reverse("participation_mail:mute", args=[token]))

    assert response.status_code == 400
    assert not _muted(person)


def test_the_link_of_a_deactivated_account_mutes_nothing(client):
    person = factories.UserFactory(is_active=False)

    response = client.post(_mute_path(person))

    assert response.status_code == 400
    assert not _muted(person)
