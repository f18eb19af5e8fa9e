import datetime as dt
import re

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import Invitation, Role, User
from core.idempotency import REPEAT_WINDOW
from core.models import AuditEntry
from tests import factories
from tests.helpers import login_verified

pytestmark = pytest.mark.django_db

LIST = reverse("accounts:invitation_list")
CREATE = reverse("accounts:invitation_create")
UNKNOWN_MUNICIPALITY = (
    "Diese Auswahl gibt es nicht oder sie ist hier nicht möglich. Bitte suchen Sie erneut "
    "und wählen Sie einen der Treffer."
)
ACCEPT_DATA = {
    "full_name": "Dr. Lea Brandt",
    "password1": "Gute-Verwaltung-2025",
    "password2": "Gute-Verwaltung-2025",
    "language": "de",
    "privacy": "on",
}


def accept_path(message) -> str:
    return re.search(r"http://127\.0\.0\.1:8000(/konto/einladung/\S+/)", message.body).group(1)


def invite(client, capture, **data):
    with capture(execute=True):
        return client.post(CREATE, {"full_name": "", "language": "de", **data})


def test_invitation_reviewer_end_to_end(client, office_client, django_capture_on_commit_callbacks):
    response = invite(
        office_client,
        django_capture_on_commit_callbacks,
        email="Lea.Brandt@Uni.example",
        full_name="Lea Brandt",
        role=Role.REVIEWER,
    )
    invitation = Invitation.objects.get()
    path = accept_path(mail.outbox[0])
    office_client.post(reverse("accounts:logout"))

    page = client.get(path)
    accepted = client.post(path, ACCEPT_DATA)
    next_step = client.get(accepted.url)

    assert response.status_code == 302
    assert mail.outbox[0].to == ["lea.brandt@uni.example"]
    assert mail.outbox[0].subject == "Einladung zur Plattform „Kommunen für alle?“"
    assert len(invitation.token_hash) == 64
    assert invitation.token_hash not in mail.outbox[0].body
    assert page.status_code == 200
    assert "Gutachter*in" in page.content.decode()
    user = User.objects.get(email="lea.brandt@uni.example")
    assert user.role == Role.REVIEWER
    assert user.full_name == "Dr. Lea Brandt"
    assert user.email_confirmed_at is not None
    assert user.municipality is None
    assert accepted.url == "/konto/zweiter-faktor/?next=%2Fmein-bereich%2F"
    assert next_step.url == "/konto/zweiter-faktor/einrichten/?next=%2Fmein-bereich%2F"
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None


def test_invitation_team_member_gets_approved_municipality(
    client, office_client, django_capture_on_commit_callbacks, municipality
):
    invite(
        office_client,
        django_capture_on_commit_callbacks,
        email="team@musterstadt.de",
        role=Role.TEAM_MEMBER,
        municipality=municipality.pk,
    )
    path = accept_path(mail.outbox[0])
    office_client.post(reverse("accounts:logout"))

    response = client.post(path, ACCEPT_DATA)

    user = User.objects.get(email="team@musterstadt.de")
    assert user.role == Role.TEAM_MEMBER
    assert user.municipality == municipality
    assert user.municipality_approved_at is not None
    assert user.approved_municipality_id == municipality.pk
    assert response.url == reverse("core:dashboard")
    assert int(client.session["_auth_user_id"]) == user.pk


def test_invitation_used_link_shows_clear_page(
    client, office_client, django_capture_on_commit_callbacks
):
    invite(
        office_client, django_capture_on_commit_callbacks, email="t@example.org", role=Role.TRAINER
    )
    path = accept_path(mail.outbox[0])
    office_client.post(reverse("accounts:logout"))
    client.post(path, ACCEPT_DATA)
    client.post(reverse("accounts:logout"))

    response = client.get(path)

    assert response.status_code == 410
    assert "bereits angenommen" in response.content.decode()


def test_invitation_expired_shows_clear_page(
    client, office_client, django_capture_on_commit_callbacks
):
    invite(
        office_client, django_capture_on_commit_callbacks, email="t@example.org", role=Role.TRAINER
    )
    path = accept_path(mail.outbox[0])
    Invitation.objects.update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    office_client.post(reverse("accounts:logout"))

    page = client.get(path)
    post = client.post(path, ACCEPT_DATA)

    assert page.status_code == 410
    assert "abgelaufen" in page.content.decode()
    assert post.status_code == 410
    assert not User.objects.filter(email="t@example.org").exists()


def test_invitation_unknown_token_is_not_404(client):
    response = client.get(reverse("accounts:invitation_accept", args=["gibt-es-nicht"]))

    assert response.status_code == 410
    assert "Diesen Einladungslink kennen wir nicht." in response.content.decode()


def test_invitation_to_registered_address_attaches_after_login(
    client, office_client, django_capture_on_commit_callbacks, municipality
):
    # Someone registered the invitee's address first: the invitation still goes out
    # and attaches to that account once its owner logs in.
    person = factories.UserFactory(email="schon@example.org", role=Role.COORDINATOR)
    invite(
        office_client,
        django_capture_on_commit_callbacks,
        email="Schon@example.org",
        role=Role.TEAM_MEMBER,
        municipality=municipality.pk,
    )
    path = accept_path(mail.outbox[0])
    office_client.post(reverse("accounts:logout"))

    anonymous = client.get(path)
    client.force_login(person)
    page = client.get(path)
    response = client.post(path)

    person.refresh_from_db()
    assert "Bitte melden Sie sich mit dieser Adresse an" in anonymous.content.decode()
    assert 'action=""' not in anonymous.content.decode()
    assert page.status_code == 200
    assert response["Location"] == reverse("core:dashboard")
    assert (person.role, person.approved_municipality_id) == (Role.TEAM_MEMBER, municipality.pk)
    assert Invitation.objects.get().accepted_at is not None
    assert AuditEntry.objects.filter(action="account.attached_by_invitation").count() == 1


def test_invitation_to_registered_address_is_not_attached_to_another_account(
    client, office_user, municipality, django_capture_on_commit_callbacks
):
    from accounts.services import invitation_create

    owner = factories.UserFactory(email="schon@example.org", role=Role.COORDINATOR)
    stranger = factories.UserFactory(email="fremd@example.org", role=Role.COORDINATOR)
    with django_capture_on_commit_callbacks(execute=True):
        invitation_create(
            actor=office_user,
            email=owner.email,
            full_name="",
            role=Role.TEAM_MEMBER,
            municipality=municipality,
            language="de",
        )
    path = accept_path(mail.outbox[0])
    client.force_login(stranger)

    response = client.post(path)

    stranger.refresh_from_db()
    assert response.status_code == 200
    assert "Diese Einladung gilt für schon@example.org" in response.content.decode()
    assert (stranger.role, stranger.municipality_id) == (Role.COORDINATOR, None)
    assert Invitation.objects.get().accepted_at is None


def test_invitation_unknown_municipality_refused_at_field(office_client):
    response = office_client.post(
        CREATE,
        {
            "email": "team@example.org",
            "full_name": "X",
            "role": Role.COORDINATOR,
            "municipality": "99999999",
        },
    )

    assert response.context["form"].errors["municipality"] == [UNKNOWN_MUNICIPALITY]
    assert 'id="id_municipality_error"' in response.content.decode()


def test_invitation_municipal_role_needs_key(office_client):
    response = office_client.post(
        CREATE, {"email": "team@example.org", "full_name": "X", "role": Role.ADVISORY}
    )

    assert response.context["form"].errors["municipality"] == [
        "Für diese Rolle ist eine Kommune nötig. Bitte suchen und wählen Sie sie."
    ]


def test_invitation_new_one_replaces_open_one(office_client, django_capture_on_commit_callbacks):
    invite(
        office_client, django_capture_on_commit_callbacks, email="t@example.org", role=Role.TRAINER
    )
    invite(
        office_client, django_capture_on_commit_callbacks, email="t@example.org", role=Role.REVIEWER
    )

    first, second = Invitation.objects.order_by("pk")

    assert first.is_open is False
    assert second.is_open is True


def test_invitation_audit_entries(
    client, office_client, office_user, django_capture_on_commit_callbacks
):
    invite(
        office_client, django_capture_on_commit_callbacks, email="t@example.org", role=Role.TRAINER
    )
    path = accept_path(mail.outbox[0])
    office_client.post(reverse("accounts:logout"))
    client.post(path, ACCEPT_DATA)

    invitation = Invitation.objects.get()
    user = User.objects.get(email="t@example.org")
    sent = AuditEntry.objects.get(action="invitation.sent")
    accepted = AuditEntry.objects.get(action="invitation.accepted")
    created = AuditEntry.objects.get(action="account.created_by_invitation")
    assert (sent.actor, sent.object_id) == (office_user, str(invitation.pk))
    assert (accepted.actor, accepted.object_id) == (user, str(invitation.pk))
    assert created.changes == {"role": [None, "trainer"], "municipality": [None, None]}


def test_invitation_list_refused_for_non_office(client):
    client.force_login(factories.UserFactory(role=Role.COORDINATOR))

    assert client.get(LIST).status_code == 403


def test_invitation_list_redirects_anonymous_to_login(client):
    response = client.get(LIST)

    assert response.status_code == 302
    assert response.url == "/konto/anmelden/?next=/konto/einladungen/"


def test_invitation_create_refused_for_reviewer(client):
    login_verified(client, factories.UserFactory(role=Role.REVIEWER))

    response = client.post(CREATE, {"email": "x@example.org", "role": Role.OFFICE})

    assert response.status_code == 403
    assert Invitation.objects.count() == 0


@pytest.mark.parametrize("count", [1, 3])
def test_invitation_list_query_count(
    office_client, office_user, municipality, count, django_assert_num_queries
):
    for n in range(count):
        Invitation.objects.create(
            email=f"p{n}@example.org",
            role=Role.TEAM_MEMBER,
            municipality=municipality,
            token_hash=f"{n:064d}",
            invited_by=office_user,
            expires_at=timezone.now() + dt.timedelta(days=14),
        )

    with django_assert_num_queries(5):
        response = office_client.get(LIST)

    assert len(response.context["page"].object_list) == count


GERMAN_MONTHS = (
    "Januar", "Februar", "März", "April", "Mai", "Juni",
    "Juli", "August", "September", "Oktober", "November", "Dezember",
)  # fmt: skip


def test_invitation_in_english_sends_english_mail(
    office_client, django_capture_on_commit_callbacks
):
    invite(
        office_client,
        django_capture_on_commit_callbacks,
        email="lea@uni.example",
        full_name="Lea Brandt",
        role=Role.REVIEWER,
        language="en",
    )

    invitation = Invitation.objects.get()
    expires = timezone.localtime(invitation.expires_at)
    body = mail.outbox[0].body
    assert invitation.language == "en"
    assert mail.outbox[0].subject == "Invitation to the “Municipalities for all?” platform"
    assert body.startswith("Dear Lea Brandt,\n")
    assert "as Reviewer." in body
    assert (
        f"(it is valid until {expires.day} {expires:%B %Y, %H:%M} and can be used only once)"
        in body
    )
    assert body.endswith("Kind regards,\nThe ECCAR programme office\n")


def test_invitation_in_german_writes_date_the_german_way(
    office_client, django_capture_on_commit_callbacks
):
    invite(
        office_client, django_capture_on_commit_callbacks, email="t@example.org", role=Role.TRAINER
    )

    expires = timezone.localtime(Invitation.objects.get().expires_at)
    month = GERMAN_MONTHS[expires.month - 1]
    assert (
        f"(er gilt bis {expires.day}. {month} {expires:%Y %H:%M} Uhr und nur einmal)"
        in mail.outbox[0].body
    )


def test_invitation_accepted_in_english_gives_english_account(
    client, office_client, django_capture_on_commit_callbacks
):
    invite(
        office_client,
        django_capture_on_commit_callbacks,
        email="lea@uni.example",
        role=Role.TRAINER,
        language="en",
    )
    path = accept_path(mail.outbox[0])
    office_client.post(reverse("accounts:logout"))

    page = client.get(path)
    preselected = page.context["form"]["language"].value()
    accepted = client.post(path, {**ACCEPT_DATA, "language": preselected})

    assert page.status_code == 200
    assert '<html lang="en">' in page.content.decode()
    assert preselected == "en"
    assert accepted.status_code == 302
    assert User.objects.get(email="lea@uni.example").language == "en"


def test_invitation_accept_page_keeps_language_the_person_chose(
    client, office_client, django_capture_on_commit_callbacks
):
    invite(
        office_client,
        django_capture_on_commit_callbacks,
        email="lea@uni.example",
        role=Role.TRAINER,
        language="en",
    )
    path = accept_path(mail.outbox[0])
    office_client.post(reverse("accounts:logout"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"

    page = client.get(path)

    assert '<html lang="de">' in page.content.decode()
    assert page.context["form"]["language"].value() == "en"


def test_invitation_double_click_sends_one_mail_and_first_link_works(
    client, office_client, django_capture_on_commit_callbacks
):
    data = {"email": "lea@uni.example", "full_name": "Lea Brandt", "role": Role.REVIEWER}
    first = invite(office_client, django_capture_on_commit_callbacks, **data)
    second = invite(office_client, django_capture_on_commit_callbacks, **data)
    path = accept_path(mail.outbox[0])
    office_client.post(reverse("accounts:logout"))

    accepted = client.post(path, ACCEPT_DATA)

    assert (first.status_code, second.status_code) == (302, 302)
    assert len(mail.outbox) == 1
    assert Invitation.objects.count() == 1
    assert AuditEntry.objects.filter(action="invitation.sent").count() == 1
    assert accepted.status_code == 302
    assert User.objects.get(email="lea@uni.example").role == Role.REVIEWER


def test_invitation_same_again_after_the_repeat_window_replaces_the_first(
    office_client, django_capture_on_commit_callbacks
):
    data = {"email": "lea@uni.example", "role": Role.REVIEWER}
    invite(office_client, django_capture_on_commit_callbacks, **data)
    Invitation.objects.update(created_at=timezone.now() - REPEAT_WINDOW - dt.timedelta(minutes=1))

    invite(office_client, django_capture_on_commit_callbacks, **data)

    first, second = Invitation.objects.order_by("pk")
    assert len(mail.outbox) == 2
    assert (first.is_open, second.is_open) == (False, True)


def test_invitation_in_other_language_within_the_repeat_window_is_a_new_one(
    office_client, django_capture_on_commit_callbacks
):
    data = {"email": "lea@uni.example", "role": Role.REVIEWER}
    invite(office_client, django_capture_on_commit_callbacks, **data)

    invite(office_client, django_capture_on_commit_callbacks, **data, language="en")

    first, second = Invitation.objects.order_by("pk")
    assert [m.subject for m in mail.outbox] == [
        "Einladung zur Plattform „Kommunen für alle?“",
        "Invitation to the “Municipalities for all?” platform",
    ]
    assert (first.is_open, second.is_open) == (False, True)


def test_invitation_reviewer_with_home_municipality_keeps_it_unapproved(
    client, office_client, django_capture_on_commit_callbacks, municipality
):
    invite(
        office_client,
        django_capture_on_commit_callbacks,
        email="gutachten@uni.example",
        role=Role.REVIEWER,
        municipality=municipality.pk,
    )
    body = mail.outbox[0].body
    path = accept_path(mail.outbox[0])
    office_client.post(reverse("accounts:logout"))

    client.post(path, ACCEPT_DATA)

    assert Invitation.objects.get().municipality == municipality
    assert "Musterstadt" not in body
    user = User.objects.get(email="gutachten@uni.example")
    assert user.role == Role.REVIEWER
    assert user.municipality == municipality
    assert user.municipality_approved_at is None
    assert user.approved_municipality_id is None


def test_invitation_reviewer_without_home_municipality(
    office_client, django_capture_on_commit_callbacks
):
    response = invite(
        office_client,
        django_capture_on_commit_callbacks,
        email="gutachten@uni.example",
        role=Role.REVIEWER,
    )

    assert response.status_code == 302
    assert Invitation.objects.get().municipality is None


def test_invitation_reviewer_with_unknown_municipality_gets_error_at_the_field(
    office_client, django_capture_on_commit_callbacks
):
    response = invite(
        office_client,
        django_capture_on_commit_callbacks,
        email="gutachten@uni.example",
        role=Role.REVIEWER,
        municipality="99999999",
    )

    assert response.context["form"].errors == {"municipality": [UNKNOWN_MUNICIPALITY]}
    assert Invitation.objects.count() == 0


def test_invitation_trainer_drops_a_given_municipality(
    office_client, django_capture_on_commit_callbacks, municipality
):
    invite(
        office_client,
        django_capture_on_commit_callbacks,
        email="training@example.org",
        role=Role.TRAINER,
        municipality=municipality.pk,
    )

    assert Invitation.objects.get().municipality is None
