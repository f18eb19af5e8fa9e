import pytest
from django.conf import settings
from django.urls import reverse

from accounts.models import Role
from core.models import AuditEntry
from tests import factories
from tests.helpers import login_verified

pytestmark = pytest.mark.django_db


def test_profile_changes_name_and_language(client):
    user = factories.UserFactory(full_name="Anna Alt", language="de")
    client.force_login(user)

    response = client.post(reverse("accounts:profile"), {"full_name": "Anna Neu", "language": "en"})

    user.refresh_from_db()
    assert response.status_code == 302
    assert (user.full_name, user.language) == ("Anna Neu", "en")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    entry = AuditEntry.objects.get(action="account.profile_updated")
    assert entry.changes == {"full_name": ["Anna Alt", "Anna Neu"], "language": ["de", "en"]}


def test_profile_needs_login(client):
    response = client.get(reverse("accounts:profile"))

    assert response.status_code == 302
    assert response.url == "/konto/anmelden/?next=/konto/profil/"


def test_user_list_refused_for_coordinator(client):
    client.force_login(factories.CoordinatorFactory())

    assert client.get(reverse("accounts:user_list")).status_code == 403


def test_user_list_search(office_client):
    factories.UserFactory(full_name="Zoe Zimmermann", email="zoe@example.org")
    factories.UserFactory(full_name="Bernd Berg", email="bernd@example.org")

    response = office_client.get(reverse("accounts:user_list"), {"q": "zimmer"})

    assert [u.full_name for u in response.context["page"].object_list] == ["Zoe Zimmermann"]


def test_user_list_row_links_the_account(office_client):
    person = factories.UserFactory(full_name="Zoe Zimmermann")

    response = office_client.get(reverse("accounts:user_list"), {"q": "zimmer"})

    link = f'<a class="kern-link" href="{reverse("accounts:user_edit", args=[person.pk])}">'
    assert response.content.decode().count(link + "Zoe Zimmermann</a>") == 1


def test_user_list_without_match_says_so_instead_of_a_table(office_client):
    response = office_client.get(reverse("accounts:user_list"), {"q": "niemand"})

    html = response.content.decode()
    assert ("Keine Konten gefunden." in html, "<table" in html) == (True, False)


def test_user_list_next_page_keeps_the_search(office_client):
    factories.UserFactory.create_batch(51, full_name="Muster")

    response = office_client.get(reverse("accounts:user_list"), {"q": "muster"})

    html = response.content.decode()
    assert 'href="?q=muster&amp;seite=2">Nächste Seite</a>' in html
    assert "Seite 1 von 2" in html


@pytest.mark.parametrize("count", [1, 3])
def test_user_list_query_count(office_client, count, django_assert_num_queries):
    for _n in range(count):
        factories.CoordinatorFactory()

    with django_assert_num_queries(5):
        response = office_client.get(reverse("accounts:user_list"))

    assert len(response.context["page"].object_list) == count + 1


def test_role_change_to_team_member_with_municipality(office_client, office_user, municipality):
    person = factories.UserFactory(role=Role.TRAINER)

    response = office_client.post(
        reverse("accounts:user_edit", args=[person.pk]),
        {"role": Role.TEAM_MEMBER, "municipality": municipality.pk},
    )

    person.refresh_from_db()
    assert response.url == reverse("accounts:user_list")
    assert person.role == Role.TEAM_MEMBER
    assert person.approved_municipality_id == municipality.pk
    entry = AuditEntry.objects.get(action="account.role_changed")
    assert entry.actor == office_user
    assert entry.changes == {
        "role": ["trainer", "team_member"],
        "municipality": [None, municipality.key],
    }


def test_role_change_of_own_account_refused(office_client, office_user):
    response = office_client.post(
        reverse("accounts:user_edit", args=[office_user.pk]), {"role": Role.TRAINER}
    )

    assert response.context["form"].non_field_errors() == [
        "Sie können Ihre eigene Rolle nicht ändern."
    ]
    office_user.refresh_from_db()
    assert office_user.role == Role.OFFICE


def test_user_edit_unknown_is_404(office_client):
    assert office_client.get(reverse("accounts:user_edit", args=[999999])).status_code == 404


def test_reviewer_cannot_change_roles(client):
    login_verified(client, factories.UserFactory(role=Role.REVIEWER))
    person = factories.UserFactory(role=Role.TRAINER)

    response = client.post(reverse("accounts:user_edit", args=[person.pk]), {"role": Role.OFFICE})

    assert response.status_code == 403


def test_role_change_to_reviewer_keeps_home_municipality_unapproved(
    office_client, office_user, municipality
):
    person = factories.CoordinatorFactory(municipality=municipality)

    response = office_client.post(
        reverse("accounts:user_edit", args=[person.pk]),
        {"role": Role.REVIEWER, "municipality": municipality.pk},
    )

    person.refresh_from_db()
    assert response.url == reverse("accounts:user_list")
    assert person.role == Role.REVIEWER
    assert person.municipality == municipality
    assert person.municipality_approved_at is None
    assert person.approved_municipality_id is None
    assert AuditEntry.objects.get(action="account.role_changed").changes == {
        "role": ["coordinator", "reviewer"]
    }


def test_role_change_reviewer_gets_home_municipality(office_client, municipality):
    person = factories.UserFactory(role=Role.REVIEWER)

    office_client.post(
        reverse("accounts:user_edit", args=[person.pk]),
        {"role": Role.REVIEWER, "municipality": municipality.pk},
    )

    person.refresh_from_db()
    assert person.municipality == municipality
    assert person.municipality_approved_at is None


def test_user_list_shows_reviewer_home_without_approval_note(office_client, municipality):
    factories.UserFactory(
        role=Role.REVIEWER, full_name="Rita Gutachterin", municipality=municipality
    )

    response = office_client.get(reverse("accounts:user_list"))

    assert "Musterstadt" in response.content.decode()
    assert "nicht freigegeben" not in response.content.decode()


def test_profile_shows_reviewer_home_without_approval_note(client, municipality):
    reviewer = factories.UserFactory(role=Role.REVIEWER, municipality=municipality)
    login_verified(client, reviewer)

    content = client.get(reverse("accounts:profile")).content.decode()

    assert "Musterstadt" in content
    assert "noch nicht freigegeben" not in content
