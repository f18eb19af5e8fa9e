import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from accounts.models import Role
from core.choices import ActivityStatus
from network.models import Workshop, WorkshopSignup
from network.services import signup_add
from tests.network.helpers import member, network_coordinator, staff, workshop

FORM = {
    "title": "Stark im Amt",
    "format": "empowerment",
    "description": "",
    "starts_at": "2026-03-29T10:00",
    "location": "Rathaus",
    "capacity": "12",
}


# --- the municipality's coordination: local workshops ---------------------------------


def test_coordinator_creates_a_local_workshop_in_berlin_time(login, call, coordinator_a, muni_a):
    response = login(coordinator_a).post(reverse("network:local_workshop_create"), FORM)
    assert response.status_code == 302
    created = Workshop.objects.get()
    assert (created.call, created.municipality, created.created_by) == (
        call,
        muni_a,
        coordinator_a,
    )
    # 29 March 2026 is the first day of summer time: 10:00 in Berlin is 08:00 UTC.
    assert created.starts_at == dt.datetime(2026, 3, 29, 8, 0, tzinfo=dt.UTC)
    assert created.status == ActivityStatus.PLANNED


def test_workshop_needs_a_place_unless_online(login, coordinator_a):
    client = login(coordinator_a)
    response = client.post(reverse("network:local_workshop_create"), FORM | {"location": ""})
    assert response.context["form"].errors == {
        "location": ["Bitte geben Sie einen Ort an oder wählen Sie „online“."]
    }
    response = client.post(
        reverse("network:local_workshop_create"), FORM | {"location": "", "online": "on"}
    )
    assert response.status_code == 302


def test_workshop_form_refuses_a_broken_date_with_a_german_message(login, coordinator_a):
    response = login(coordinator_a).post(
        reverse("network:local_workshop_create"), FORM | {"starts_at": "morgen"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["starts_at"] == [
        "Bitte ein gültiges Datum und Uhrzeit eingeben."
    ]


def test_coordinator_edits_a_local_workshop(login, call, coordinator_a, muni_a):
    planned = workshop(call, muni_a)
    url = reverse("network:local_workshop_edit", args=[planned.pk])
    response = login(coordinator_a).post(url, FORM | {"title": "Neuer Titel"})
    assert response.status_code == 302
    planned.refresh_from_db()
    assert planned.title == "Neuer Titel"


def test_workshop_cannot_be_marked_held_before_it_starts(login, call, coordinator_a, muni_a):
    planned = workshop(call, muni_a, days=1)
    login(coordinator_a).post(reverse("network:local_workshop_held", args=[planned.pk]))
    planned.refresh_from_db()
    assert planned.status == ActivityStatus.PLANNED


def test_workshop_is_marked_held_after_it_started(login, call, coordinator_a, muni_a):
    past = workshop(call, muni_a, days=-1)
    client = login(coordinator_a)
    client.post(reverse("network:local_workshop_held", args=[past.pk]))
    client.post(reverse("network:local_workshop_held", args=[past.pk]))
    past.refresh_from_db()
    assert past.status == ActivityStatus.HELD


def test_held_workshop_cannot_move_into_the_future(login, call, coordinator_a, muni_a):
    past = workshop(call, muni_a, days=-1, status=ActivityStatus.HELD)
    url = reverse("network:local_workshop_edit", args=[past.pk])
    response = login(coordinator_a).post(url, FORM | {"starts_at": "2099-01-01T10:00"})
    assert response.status_code == 200
    assert response.context["form"].errors["starts_at"] == [
        "Der Workshop hat schon stattgefunden; sein Beginn kann nicht in der Zukunft liegen."
    ]


def test_coordinator_cancels_a_workshop(login, call, coordinator_a, muni_a):
    planned = workshop(call, muni_a)
    response = login(coordinator_a).post(
        reverse("network:local_workshop_cancel", args=[planned.pk])
    )
    assert response.status_code == 302
    planned.refresh_from_db()
    assert planned.status == ActivityStatus.CANCELLED


@pytest.mark.parametrize(
    "url_name", ["local_workshop_edit", "local_workshop_held", "local_workshop_cancel"]
)
def test_another_municipality_workshop_answers_404(login, call, coordinator_b, muni_a, url_name):
    planned = workshop(call, muni_a, days=-1)
    client = login(coordinator_b)
    url = reverse(f"network:{url_name}", args=[planned.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, FORM).status_code == 404
    planned.refresh_from_db()
    assert (planned.title, planned.status) == ("Empowerment am Arbeitsplatz", "planned")


def test_national_workshops_are_not_managed_as_local(login, call, coordinator_a):
    national = workshop(call, None)
    url = reverse("network:local_workshop_edit", args=[national.pk])
    assert login(coordinator_a).get(url).status_code == 404


@pytest.mark.parametrize("role", [Role.TEAM_MEMBER, Role.HR, Role.ADVISORY])
def test_only_the_coordination_manages_local_workshops(login, call, muni_a, role):
    client = login(staff(muni_a, role=role))
    assert client.get(reverse("network:local_workshops")).status_code == 403
    assert client.post(reverse("network:local_workshop_create"), FORM).status_code == 403
    assert Workshop.objects.count() == 0


def test_coordination_sees_its_workshops_but_not_who_or_how_many_signed_up(
    login, call, coordinator_a, muni_a
):
    planned = workshop(call, muni_a, title="Lokaler Workshop", capacity=10)
    signup_add(
        membership=member(muni_a, full_name="Aylin Beispiel").network_membership, workshop=planned
    )
    response = login(coordinator_a).get(reverse("network:local_workshops"))
    html = response.content.decode()
    assert [w.title for w in response.context["workshops"]] == ["Lokaler Workshop"]
    assert "Anmeldungen" not in html
    assert "Aylin" not in html
    assert not hasattr(response.context["workshops"][0], "signup_count")


# --- national workshops --------------------------------------------------------------


def test_network_coordinator_creates_a_national_workshop(login, call):
    response = login(network_coordinator()).post(
        reverse("network:national_workshop_create"), FORM | {"call": call.pk}
    )
    assert response.status_code == 302
    created = Workshop.objects.get()
    assert (created.municipality, created.call) == (None, call)


def test_office_creates_a_national_workshop(office_client, call):
    response = office_client.post(
        reverse("network_office:workshop_create"), FORM | {"call": call.pk}
    )
    assert response.status_code == 302
    assert Workshop.objects.get().municipality is None


def test_office_list_shows_no_signup_numbers(office_client, call, muni_a):
    national = workshop(call, None, title="Bundesweit")
    signup_add(membership=member(muni_a).network_membership, workshop=national)
    html = office_client.get(reverse("network_office:workshops")).content.decode()
    assert "Bundesweit" in html
    assert "Anmeldungen" not in html


def test_network_coordinator_sees_signup_numbers(login, call, muni_a):
    national = workshop(call, None, capacity=10)
    signup_add(membership=member(muni_a).network_membership, workshop=national)
    response = login(network_coordinator()).get(reverse("network:national_workshops"))
    assert [w.signup_count for w in response.context["workshops"]] == [1]


def test_local_workshop_is_not_managed_as_national(office_client, call, muni_a):
    local = workshop(call, muni_a)
    url = reverse("network_office:workshop_edit", args=[local.pk])
    assert office_client.get(url).status_code == 404


# --- members: sign-ups ----------------------------------------------------------------


def test_member_sees_upcoming_workshops_of_their_municipality_and_national_ones(
    login, call, muni_a, muni_b
):
    workshop(call, muni_a, title="Lokal A")
    workshop(call, muni_b, title="Lokal B")
    workshop(call, None, title="Bundesweit")
    workshop(call, muni_a, title="Vorbei", days=-2)
    response = login(member(muni_a)).get(reverse("network:workshops"))
    assert sorted(row["workshop"].title for row in response.context["rows"]) == [
        "Bundesweit",
        "Lokal A",
    ]


def test_member_signs_up_and_a_double_click_is_harmless(login, call, muni_a):
    national = workshop(call, None)
    user = member(muni_a)
    client = login(user)
    url = reverse("network:signup_add", args=[national.pk])
    client.post(url)
    response = client.post(url)
    assert response.status_code == 302
    assert list(WorkshopSignup.objects.values_list("membership__user", flat=True)) == [user.pk]


def test_member_cancels_the_signup(login, call, muni_a):
    national = workshop(call, None)
    user = member(muni_a)
    signup_add(membership=user.network_membership, workshop=national)
    client = login(user)
    client.post(reverse("network:signup_remove", args=[national.pk]))
    client.post(reverse("network:signup_remove", args=[national.pk]))
    assert WorkshopSignup.objects.count() == 0


def test_signup_respects_the_capacity(login, call, muni_a):
    national = workshop(call, None, capacity=1)
    signup_add(membership=member(muni_a).network_membership, workshop=national)
    late = member(muni_a)
    response = login(late).post(reverse("network:signup_add", args=[national.pk]), follow=True)
    assert WorkshopSignup.objects.filter(membership__user=late).count() == 0
    assert [str(m) for m in response.context["messages"]] == [
        "Dieser Workshop ist leider ausgebucht."
    ]


def test_signup_for_another_municipality_workshop_answers_404(login, call, muni_a, muni_b):
    other = workshop(call, muni_b)
    response = login(member(muni_a)).post(reverse("network:signup_add", args=[other.pk]))
    assert response.status_code == 404
    assert WorkshopSignup.objects.count() == 0


def test_signup_for_a_cancelled_workshop_is_refused(call, muni_a):
    cancelled = workshop(call, None, status=ActivityStatus.CANCELLED)
    with pytest.raises(
        ValidationError, match="Für diesen Workshop ist keine Anmeldung mehr möglich"
    ):
        signup_add(membership=member(muni_a).network_membership, workshop=cancelled)


def test_signup_needs_membership(login, call, team_member_a):
    national = workshop(call, None)
    response = login(team_member_a).post(reverse("network:signup_add", args=[national.pk]))
    assert response.status_code == 403


@pytest.mark.django_db(transaction=True)
def test_two_members_cannot_take_the_last_place_at_once(muni_a, muni_b):
    from tests.programme_helpers import model_cohort

    call = model_cohort([muni_a, muni_b])
    national = workshop(call, None, capacity=1)
    people = [member(muni_a).network_membership for _ in range(4)]
    barrier = threading.Barrier(len(people))
    outcomes = []

    def sign_up(membership):
        barrier.wait()
        try:
            signup_add(membership=membership, workshop=national)
            outcomes.append("ok")
        except ValidationError:
            outcomes.append("full")
        finally:
            connection.close()

    threads = [threading.Thread(target=sign_up, args=(m,)) for m in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["full", "full", "full", "ok"]
    assert WorkshopSignup.objects.filter(workshop=national).count() == 1


def test_past_workshops_no_longer_take_signups(call, muni_a):
    past = workshop(call, None, days=-1)
    with pytest.raises(
        ValidationError, match="Für diesen Workshop ist keine Anmeldung mehr möglich"
    ):
        signup_add(membership=member(muni_a).network_membership, workshop=past)
    assert WorkshopSignup.objects.count() == 0
