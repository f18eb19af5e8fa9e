"""Who sees names: members and network coordinators only. Everyone else gets a plain
403 that says nothing about the network's members."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from accounts.models import Role
from network.models import SharedDocument
from tests import factories
from tests.helpers import finish, minimal_pdf
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


def test_member_list_shows_name_municipality_department_and_email(login, call, muni_a, muni_b):
    member(muni_b, full_name="Berk Muster", email="berk@andersdorf.example")
    viewer = member(muni_a)
    viewer.network_membership.department = "Jugendamt"
    viewer.network_membership.save()
    response = login(viewer).get(reverse("network:members"))
    rows = [
        (m.full_name, m.municipality.name, m.department, m.email)
        for m in response.context["members"]
    ]
    assert ("Berk Muster", "Andersdorf", "", "berk@andersdorf.example") in rows
    assert (viewer.full_name, "Musterstadt", "Jugendamt", viewer.email) in rows
    assert "mailto:berk@andersdorf.example" in response.content.decode()


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
