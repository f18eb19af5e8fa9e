"""Who sees names: members and network coordinators only. Everyone else gets a plain
403 that says nothing about the network's members."""

import re

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from accounts.models import Role
from network.models import Membership, NetworkCoordinator, SharedDocument
from network.services import membership_show_name
from tests import factories
from tests.helpers import finish, login_verified, minimal_pdf
from tests.network.helpers import member, network_coordinator, staff, workshop

CLOSED_URLS = ["network:members", "network:space", "network:workshops"]


def status(client, url) -> int:
    response = client.get(url)
    finish(response)
    return response.status_code


@pytest.fixture
def document(db):
    doc = SharedDocument(title="Leitfaden", file_name="leitfaden.pdf")
    doc.file.save("leitfaden.pdf", ContentFile(minimal_pdf()), save=True)
    return doc


@pytest.fixture
def outsiders(call, muni_a):
    """Everyone who is neither member nor network coordinator."""
    return {
        "coordinator": staff(muni_a, role=Role.COORDINATOR),
        "hr": staff(muni_a, role=Role.HR),
        "team_member": staff(muni_a, role=Role.TEAM_MEMBER),
        "advisory": staff(muni_a, role=Role.ADVISORY),
        "office": factories.UserFactory(role=Role.OFFICE),
        "reviewer": factories.UserFactory(role=Role.REVIEWER),
        "trainer": factories.UserFactory(role=Role.TRAINER),
    }


@pytest.mark.parametrize("url_name", CLOSED_URLS)
def test_member_sees_the_closed_pages(login, call, muni_a, url_name):
    assert login(member(muni_a)).get(reverse(url_name)).status_code == 200


@pytest.mark.parametrize("url_name", CLOSED_URLS)
def test_network_coordinator_sees_the_closed_pages(login, call, url_name):
    assert login(network_coordinator()).get(reverse(url_name)).status_code == 200


@pytest.mark.parametrize(
    "who", ["coordinator", "hr", "team_member", "advisory", "office", "reviewer", "trainer"]
)
def test_outsiders_are_refused_every_closed_page(login, outsiders, document, who):
    client = login(outsiders[who])
    urls = [reverse(name) for name in CLOSED_URLS] + [
        reverse("network:document_download", args=[document.pk]),
        reverse("network:announcement_create"),
        reverse("network:document_create"),
        reverse("network:national_workshops"),
    ]
    assert [status(client, url) for url in urls] == [403] * len(urls)


def test_refusal_names_no_member(login, outsiders, call, muni_a):
    member(muni_a, full_name="Aylin Beispiel", email="aylin@musterstadt.example")
    response = login(outsiders["coordinator"]).get(reverse("network:members"))
    html = response.content.decode()
    assert response.status_code == 403
    assert "Aylin" not in html
    assert "aylin@musterstadt.example" not in html


def member_rows(client) -> list[list[str]]:
    html = client.get(reverse("network:members")).content.decode()
    body = html.split('id="member-list"')[1].split("</tbody>")[0].split("<tbody")[1]
    return [
        [
            re.sub(r"\s+", " ", cell).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    ]


def test_member_list_shows_members_without_their_choice_only_by_land(login, call, muni_a, muni_b):
    member(muni_b, full_name="Berk Muster", email="berk@andersdorf.example")
    viewer = member(muni_a)
    client = login(viewer)
    html = client.get(reverse("network:members")).content.decode()
    land_a, land_b = muni_a.land.name, muni_b.land.name
    assert sorted(member_rows(client)) == sorted(
        [
            [f"ein Mitglied aus {land_a}", "nicht angezeigt", "nicht angezeigt"],
            [f"ein Mitglied aus {land_b}", "nicht angezeigt", "nicht angezeigt"],
        ]
    )
    assert "Berk" not in html
    assert "Andersdorf" not in html


def test_member_list_shows_name_municipality_and_department_after_the_choice(
    login, call, muni_a, muni_b
):
    berk = member(muni_b, full_name="Berk Muster", email="berk@andersdorf.example")
    berk.network_membership.department = "Jugendamt"
    berk.network_membership.save()
    membership_show_name(user=berk, show=True)
    client = login(member(muni_a))
    assert member_rows(client)[0] == ["Berk Muster", "Andersdorf", "Jugendamt"]


def test_member_list_never_shows_an_email_address(login, call, muni_a, muni_b):
    berk = member(muni_b, full_name="Berk Muster", email="berk@andersdorf.example")
    membership_show_name(user=berk, show=True)
    html = login(network_coordinator()).get(reverse("network:members")).content.decode()
    assert "berk@andersdorf.example" not in html
    assert "mailto:" not in html


def test_name_choice_is_revocable_on_the_members_own_page(login, call, muni_a, muni_b):
    berk = member(muni_b, full_name="Berk Muster")
    own = login(berk)
    own.post(reverse("network:visibility"), {"show_name": "on"})
    assert Membership.objects.get(user=berk).show_name is True
    own.post(reverse("network:visibility"), {})
    assert Membership.objects.get(user=berk).show_name is False
    viewer = Client()
    login_verified(viewer, member(muni_a))
    assert "Berk" not in viewer.get(reverse("network:members")).content.decode()


def test_hr_who_joins_sees_no_member_names(login, call, muni_a, muni_b):
    """The report: HR sees a count, ticks the consent box and would see every member."""
    berk = member(muni_b, full_name="Berk Muster", email="berk@andersdorf.example")
    membership_show_name(user=berk, show=True)
    hr = staff(muni_a, role=Role.HR)
    client = login(hr)
    client.post(reverse("network:join"), {"consent": "on"})
    assert Membership.objects.filter(user=hr).exists()
    response = client.get(reverse("network:members"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Berk" not in html
    assert "berk@andersdorf.example" not in html
    assert 'id="members-withheld"' in html
    assert "members" not in response.context


def test_hr_member_sees_no_sign_up_numbers(login, call, muni_a):
    planned = workshop(call, muni_a, capacity=10)
    client = login(member(muni_a, role=Role.HR))
    html = client.get(reverse("network:workshops")).content.decode()
    assert planned.title in html
    assert "Plätzen belegt" not in html


@pytest.mark.parametrize("role", [Role.HR, Role.OFFICE])
def test_staff_managing_roles_cannot_be_named_network_coordinators(
    office_client, call, muni_a, role
):
    person = (
        staff(muni_a, role=role, email="personal@example.org")
        if role == Role.HR
        else factories.UserFactory(role=role, email="personal@example.org")
    )
    response = office_client.post(
        reverse("network_office:coordinator_add"), {"email": person.email}
    )
    assert response.context["form"].errors == {
        "email": [
            "Personalverantwortliche und die Geschäftsstelle können das Netzwerk nicht "
            "koordinieren: Sie sollen nicht erfahren, wer Mitglied ist."
        ]
    }
    assert not NetworkCoordinator.objects.filter(user=person).exists()


def test_consent_page_states_the_rule_for_staff_managing_roles(login, team_member_a):
    html = login(team_member_a).get(reverse("network:join")).content.decode()
    assert "Personalverantwortliche und Geschäftsstelle" in html
    assert "sehen aber auch dann weder die Mitgliederliste noch Zahlen" in html


def test_member_may_not_post_announcements(login, call, muni_a):
    client = login(member(muni_a))
    assert client.get(reverse("network:announcement_create")).status_code == 403
    assert client.post(reverse("network:document_create"), {}).status_code == 403


def test_member_may_not_manage_national_workshops(login, call, muni_a):
    national = workshop(call)
    client = login(member(muni_a))
    assert client.get(reverse("network:national_workshops")).status_code == 403
    url = reverse("network:national_workshop_cancel", args=[national.pk])
    assert client.post(url).status_code == 403
