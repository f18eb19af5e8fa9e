import pytest
from django.urls import reverse

from accounts.models import Role
from selection import services
from tests import factories
from tests.helpers import login_verified


def office_urls(world, run) -> list[str]:
    call = world.call.pk
    pk = world.apps["Altstadt"].pk
    return [
        reverse("selection:index"),
        reverse("selection:call", args=[call]),
        reverse("selection:rules", args=[call]),
        reverse("selection:run_detail", args=[call, run.pk]),
        reverse("selection:decision", args=[call]),
        reverse("selection:outcome_change", args=[call, pk]),
        reverse("selection:letters", args=[call]),
        reverse("selection:letter_edit", args=[call, "selected"]),
        reverse("selection:letter_preview", args=[call, "selected"]),
    ]


def post_urls(world, run) -> list[str]:
    call = world.call.pk
    pk = world.apps["Altstadt"].pk
    return [
        reverse("selection:override_add", args=[call]),
        reverse("selection:override_remove", args=[call, pk]),
        reverse("selection:run_create", args=[call]),
        reverse("selection:decision_adopt", args=[call, run.pk]),
        reverse("selection:decision_release", args=[call]),
        reverse("selection:cohort_publish", args=[call]),
    ]


def test_office_pages_send_anonymous_people_to_log_in(client, world):
    run = services.selection_run_create(call=world.call, actor=world.office)
    for url in office_urls(world, run) + post_urls(world, run):
        response = client.get(url) if url in office_urls(world, run) else client.post(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/konto/anmelden/"), url


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.REVIEWER])
def test_office_pages_refuse_other_roles(client, world, role):
    run = services.selection_run_create(call=world.call, actor=world.office)
    person = (
        world.coordinators["Altstadt"][0]
        if role == Role.COORDINATOR
        else factories.UserFactory(role=Role.REVIEWER)
    )
    login_verified(client, person)
    for url in office_urls(world, run):
        assert client.get(url).status_code == 403, url
    for url in post_urls(world, run):
        assert client.post(url).status_code == 403, url


def test_office_pages_answer_the_office(office_client, world):
    run = services.selection_run_create(call=world.call, actor=world.office)
    for url in office_urls(world, run):
        response = office_client.get(url)
        assert response.status_code in {200, 302}, url


def test_run_of_another_call_is_not_found(office_client, world):
    other = factories.CallFactory(deadline=world.call.deadline, opens_at=world.call.opens_at)
    run = services.selection_run_create(call=other, actor=world.office)
    url = reverse("selection:run_detail", args=[world.call.pk, run.pk])
    assert office_client.get(url).status_code == 404
