import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import Role
from events.models import Audience, Registration, Status
from tests import factories
from tests.events.helpers import make_event, register
from tests.network.helpers import member, staff
from tests.programme_helpers import model_cohort

pytestmark = pytest.mark.django_db


@pytest.fixture
def muni():
    municipality = factories.MunicipalityFactory()
    model_cohort([municipality])
    return municipality


def test_network_event_is_open_to_members(client, muni):
    event = make_event(audience=Audience.NETWORK_MEMBERS)
    client.force_login(member(muni))
    assert client.get(reverse("events:detail", args=[event.pk])).context["form"] is not None


def test_network_event_is_hidden_from_non_members(client, muni):
    event = make_event(audience=Audience.NETWORK_MEMBERS)
    client.force_login(staff(muni, role=Role.COORDINATOR))
    assert client.get(reverse("events:detail", args=[event.pk])).status_code == 404


def test_model_municipality_event_is_hidden_from_other_municipalities(client, muni):
    event = make_event(audience=Audience.MODEL_MUNICIPALITIES)
    client.force_login(factories.CoordinatorFactory())
    assert client.get(reverse("events:detail", args=[event.pk])).status_code == 404


def test_post_by_someone_outside_the_audience_books_nothing(client, muni):
    event = make_event(audience=Audience.NETWORK_MEMBERS)
    client.force_login(staff(muni, role=Role.COORDINATOR))
    data = {"name": "X", "email": "gast@example.org", "datenschutz": "on"}
    assert client.post(reverse("events:detail", args=[event.pk]), data).status_code == 404
    assert Registration.objects.count() == 0


def test_own_registrations_page_query_count_is_constant(client, django_assert_num_queries):
    user = factories.UserFactory(role=Role.TRAINER, email="t@example.org")
    client.force_login(user)
    register(make_event(title="Eins"), "T T", email="t@example.org", user=user)
    with django_assert_num_queries(5):
        client.get(reverse("events:feed"))
    for n in range(4):
        register(make_event(title=f"Mehr {n}"), "T T", email="t@example.org", user=user)
    with django_assert_num_queries(5):
        client.get(reverse("events:feed"))


def test_commands_run(capsys):
    event = make_event(capacity=1)
    register(event, "Alex A")
    call_command("events_expire_offers")
    call_command("events_anonymise")
    call_command("send_event_reminders")
    assert capsys.readouterr().out.splitlines() == [
        "events_expire_offers: 0",
        "events_anonymise: 0",
        "send_event_reminders: 0",
    ]
    assert event.registrations.get().status == Status.CONFIRMED
