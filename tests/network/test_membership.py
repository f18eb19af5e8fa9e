import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from core.models import AuditEntry
from network.consent import CONSENT_VERSION
from network.models import Membership, WorkshopSignup
from network.services import signup_add
from tests import factories
from tests.network.helpers import member, staff, workshop

JOIN = reverse("network:join")
LEAVE = reverse("network:leave")
INDEX = reverse("network:index")


def test_join_page_shows_the_consent_with_an_unticked_checkbox(login, team_member_a):
    response = login(team_member_a).get(JOIN)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Was wir speichern" in html
    assert "Wer Ihre Angaben sieht" in html
    assert "Wir speichern nichts über Ihre Herkunft." in html
    assert 'type="checkbox" name="consent"' in html
    assert "checked" not in html.split('name="consent"')[1].split(">")[0]


def test_join_without_consent_shows_a_german_error_and_stores_nothing(login, team_member_a):
    response = login(team_member_a).post(JOIN, {"department": "Bürgeramt"})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "consent": ["Bitte bestätigen Sie Ihre Einwilligung, um dem Netzwerk beizutreten."]
    }
    assert Membership.objects.count() == 0


def test_join_with_consent_stores_exactly_the_listed_fields(login, team_member_a, muni_a):
    before = timezone.now()
    response = login(team_member_a).post(JOIN, {"department": " Bürgeramt ", "consent": "on"})
    assert response.status_code == 302
    membership = Membership.objects.get()
    stored = {f.attname for f in Membership._meta.concrete_fields}
    assert stored == {
        "id",
        "user_id",
        "municipality_id",
        "full_name",
        "email",
        "department",
        "show_name",
        "consent_version",
        "consented_at",
    }
    assert (membership.user_id, membership.municipality_id) == (team_member_a.pk, muni_a.pk)
    assert (membership.full_name, membership.email) == (
        team_member_a.full_name,
        team_member_a.email,
    )
    assert membership.department == "Bürgeramt"
    assert membership.show_name is False
    assert membership.consent_version == CONSENT_VERSION
    assert before <= membership.consented_at <= timezone.now()


def test_join_twice_keeps_one_membership(login, team_member_a):
    client = login(team_member_a)
    client.post(JOIN, {"consent": "on", "department": "A"})
    response = client.post(JOIN, {"consent": "on", "department": "B"})
    assert response.status_code == 302
    assert list(Membership.objects.values_list("department", flat=True)) == ["A"]


def test_join_writes_no_audit_entry(login, team_member_a):
    before = AuditEntry.objects.count()
    login(team_member_a).post(JOIN, {"consent": "on"})
    assert Membership.objects.count() == 1
    assert AuditEntry.objects.count() == before


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.TEAM_MEMBER, Role.HR])
def test_join_is_open_to_staff_of_a_model_municipality(login, call, muni_a, role):
    response = login(staff(muni_a, role=role)).post(JOIN, {"consent": "on"})
    assert response.status_code == 302
    assert Membership.objects.count() == 1


@pytest.mark.parametrize("role", [Role.ADVISORY, Role.TRAINER, Role.REVIEWER, Role.OFFICE])
def test_join_is_refused_to_other_roles(login, call, muni_a, role):
    user = factories.UserFactory(role=role, municipality=muni_a)
    response = login(user).post(JOIN, {"consent": "on"})
    assert response.status_code == 403
    assert Membership.objects.count() == 0


def test_join_answers_404_outside_a_model_municipality(login, call):
    outsider = staff(factories.MunicipalityFactory())
    assert login(outsider).get(JOIN).status_code == 404


def test_join_answers_404_before_the_municipality_is_approved(login, call, muni_a):
    waiting = factories.UserFactory(role=Role.TEAM_MEMBER, municipality=muni_a)
    assert login(waiting).get(JOIN).status_code == 404


def test_leave_deletes_membership_and_signups_at_once(login, call, muni_a):
    user = member(muni_a)
    signup_add(membership=user.network_membership, workshop=workshop(call, muni_a))
    signup_add(membership=user.network_membership, workshop=workshop(call, None))
    other = member(muni_a)
    signup_add(membership=other.network_membership, workshop=workshop(call, None))
    audit_entries = AuditEntry.objects.count()

    response = login(user).post(LEAVE)

    assert response.status_code == 302
    assert Membership.objects.filter(user=user).exists() is False
    assert WorkshopSignup.objects.filter(membership__user=user).count() == 0
    assert list(Membership.objects.values_list("user_id", flat=True)) == [other.pk]
    assert WorkshopSignup.objects.count() == 1
    assert AuditEntry.objects.count() == audit_entries


def test_leave_twice_is_harmless(login, call, muni_a):
    client = login(member(muni_a))
    client.post(LEAVE)
    response = client.post(LEAVE)
    assert response.status_code == 302
    assert Membership.objects.count() == 0


def test_leave_page_asks_for_confirmation(login, call, muni_a):
    response = login(member(muni_a)).get(LEAVE)
    assert response.status_code == 200
    assert "Jetzt austreten und Daten löschen" in response.content.decode()
    assert Membership.objects.count() == 1


def test_leave_page_sends_a_non_member_to_the_start_page(login, team_member_a):
    response = login(team_member_a).get(LEAVE)
    assert (response.status_code, response["Location"]) == (302, INDEX)


def test_start_page_says_not_a_member_after_leaving(login, call, muni_a):
    client = login(member(muni_a))
    client.post(LEAVE)
    response = client.get(INDEX)
    assert "Sie sind nicht Mitglied des Netzwerks." in response.content.decode()
    assert response.context["access"].is_member is False


def test_start_page_tells_a_member_since_when(login, call, muni_a):
    user = member(muni_a)
    Membership.objects.filter(user=user).update(
        consented_at=dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)
    )
    html = login(user).get(INDEX).content.decode()
    assert "Sie sind Mitglied des Netzwerks (seit 5. Januar 2026)." in html


def test_start_page_offers_joining_only_to_those_who_may_join(login, call, team_member_a):
    advisory = factories.UserFactory(role=Role.ADVISORY, municipality=team_member_a.municipality)
    assert login(team_member_a).get(INDEX).context["may_join"] is True
    assert login(advisory).get(INDEX).context["may_join"] is False
