from django.urls import reverse

from accounts.demo import DEMO_PASSWORD
from accounts.models import User
from network.demo import NETWORK_COORDINATOR_EMAIL, ensure_demo_network
from network.models import (
    Announcement,
    Membership,
    NetworkCoordinator,
    SharedDocument,
    Workshop,
    WorkshopSignup,
)
from network.selectors import cohort_member_counts


def test_demo_network_is_idempotent(call, muni_a, muni_b):
    ensure_demo_network(call=call, municipalities=[muni_a, muni_b])
    ensure_demo_network(call=call, municipalities=[muni_a, muni_b])
    assert Membership.objects.filter(municipality=muni_a).count() == 6
    assert Membership.objects.filter(municipality=muni_b).count() == 3
    assert NetworkCoordinator.objects.get().user.email == NETWORK_COORDINATOR_EMAIL
    assert Announcement.objects.count() == 2
    assert SharedDocument.objects.count() == 1
    assert Workshop.objects.filter(municipality=None).count() == 1
    assert WorkshopSignup.objects.count() == 3


def test_demo_counts_show_one_municipality_and_hide_the_other(call, muni_a, muni_b):
    ensure_demo_network(call=call, municipalities=[muni_a, muni_b])
    counts = {row.municipality: row.count for row in cohort_member_counts(call=call).rows}
    assert counts == {muni_a: 5, muni_b: None}


def test_demo_accounts_log_in_with_the_demo_password(client, call, muni_a, muni_b):
    ensure_demo_network(call=call, municipalities=[muni_a, muni_b])
    coordinator = User.objects.get(email=NETWORK_COORDINATOR_EMAIL)
    assert coordinator.check_password(DEMO_PASSWORD)
    member = User.objects.get(email__startswith="demo-netzwerk-1@")
    assert member.check_password(DEMO_PASSWORD)
    client.force_login(member)
    document = SharedDocument.objects.get()
    response = client.get(reverse("network:document_download", args=[document.pk]))
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
