"""A participant of a round compares the version they commented on with the later ones."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from recommendations import services
from recommendations.models import ConsultationRound
from tests import factories
from tests.helpers import login_verified
from tests.programme_helpers import model_cohort
from tests.recommendations.helpers import document_with_draft, office_user

pytestmark = pytest.mark.django_db


def _round(version, **audience):
    now = timezone.now()
    return ConsultationRound.objects.create(
        version=version,
        title="Erste Runde",
        starts_at=now - dt.timedelta(days=20),
        ends_at=now - dt.timedelta(days=5),
        **audience,
    )


@pytest.fixture
def world():
    office = office_user()
    first = document_with_draft(actor=office, recommendations=2)
    services.version_freeze(version=first, label="0.9", actor=office)
    round = _round(first, for_municipal_teams=True)
    second = services.version_draft_create(document=first.document, actor=office)
    paragraph = second.recommendations.get(position=1).paragraphs.get(position=1)
    services.paragraph_edit(paragraph=paragraph, text="Absatz 1, klarer gefasst.", actor=office)
    municipality = factories.MunicipalityFactory()
    model_cohort([municipality])
    coordinator = factories.CoordinatorFactory(municipality=municipality)
    return {
        "office": office,
        "first": first,
        "second": second,
        "round": round,
        "coordinator": coordinator,
    }


def _url(round):
    return reverse("round_comparison:round_compare", kwargs={"round_pk": round.pk})


def test_a_draft_stays_with_the_office(client, world):
    login_verified(client, world["coordinator"])
    response = client.get(_url(world["round"]))
    assert response.status_code == 200
    assert "Es gibt noch keine spätere Fassung" in response.text
    assert "klarer gefasst" not in response.text


def test_once_published_the_participant_sees_the_changed_words(client, world):
    office, second = world["office"], world["second"]
    services.version_freeze(version=second, label="1.0", actor=office)
    second.refresh_from_db()
    second.state = "published"
    second.published_at = timezone.now()
    second.save()
    login_verified(client, world["coordinator"])
    response = client.get(_url(world["round"]))
    assert response.status_code == 200
    assert "Von 0.9 zu 1.0" in response.text
    assert "<ins" in response.text and "klarer" in response.text


def test_a_frozen_version_shows_once_it_is_put_to_the_participant_in_a_round(client, world):
    office, second = world["office"], world["second"]
    services.version_freeze(version=second, label="1.0-Entwurf", actor=office)
    login_verified(client, world["coordinator"])
    assert "klarer" not in client.get(_url(world["round"])).text
    _round(second, for_municipal_teams=True)
    assert "klarer" in client.get(_url(world["round"])).text


def test_a_round_for_other_groups_answers_404(client, world):
    trainer_round = _round(world["first"], for_municipal_teams=False, for_trainers=True)
    login_verified(client, world["coordinator"])
    assert client.get(_url(trainer_round)).status_code == 404
    assert client.get(_url(world["round"])).status_code == 200


def test_a_coordinator_of_a_municipality_outside_the_cohort_gets_404(client, world):
    outsider = factories.CoordinatorFactory(role=Role.COORDINATOR)
    login_verified(client, outsider)
    assert client.get(_url(world["round"])).status_code == 404


def test_a_version_the_participant_may_not_read_cannot_be_asked_for(client, world):
    office, second = world["office"], world["second"]
    services.version_freeze(version=second, label="1.0-intern", actor=office)
    login_verified(client, world["coordinator"])
    response = client.get(_url(world["round"]), {"new": second.pk})
    assert response.status_code == 200
    assert "klarer" not in response.text


def _publish(version, *, office, label):
    services.version_freeze(version=version, label=label, actor=office)
    version.refresh_from_db()
    version.state = "published"
    version.published_at = timezone.now()
    version.save()


def test_queries_do_not_grow_with_the_document(client, django_assert_max_num_queries, world):
    office = world["office"]
    _publish(world["second"], office=office, label="1.0")
    big = document_with_draft(actor=office, recommendations=12, paragraphs=3, slug="gross")
    services.version_freeze(version=big, label="0.9", actor=office)
    round = _round(big, for_municipal_teams=True)
    later = services.version_draft_create(document=big.document, actor=office)
    _publish(later, office=office, label="1.0")
    login_verified(client, world["coordinator"])
    with django_assert_max_num_queries(30) as small:
        assert "Von 0.9 zu 1.0" in client.get(_url(world["round"])).text
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(_url(round))
