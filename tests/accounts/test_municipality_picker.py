"""The office names a person's municipality by searching the register, not by typing
its official key."""

import re

from django.core import mail
from django.urls import reverse

from accounts.models import Invitation, Role
from municipalities.models import Municipality
from tests import factories

CREATE = reverse("accounts:invitation_create")


def test_invitation_search_round_lists_matches_and_sends_nothing(office_client, municipality):
    response = office_client.post(
        CREATE,
        {
            "email": "team@example.org",
            "role": Role.TEAM_MEMBER,
            "language": "de",
            "municipality_suche": "muster",
            "picker_suche": "municipality",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert re.search(
        rf'value="{municipality.pk}" id="id_municipality_treffer_{municipality.pk}"', body
    )
    assert "Musterstadt (Stadt, Nordrhein-Westfalen)" in body
    assert 'class="kern-error"' not in body
    assert (Invitation.objects.count(), len(mail.outbox)) == (0, 0)


def test_role_change_shows_the_current_municipality_as_chosen(office_client):
    kreis = factories.MunicipalityFactory(
        name="Harburg",
        level=Municipality.Level.KREIS,
        kind=Municipality.Kind.LANDKREIS,
        key="03353",
    )
    neustadt = factories.MunicipalityFactory(name="Neustadt", kreis=kreis)
    person = factories.UserFactory(role=Role.COORDINATOR, municipality=neustadt)
    body = office_client.get(reverse("accounts:user_edit", args=[person.pk])).content.decode()
    assert re.search(
        rf'value="{neustadt.pk}" id="id_municipality_gewaehlt" checked>\s*'
        rf'<label class="kern-label" for="id_municipality_gewaehlt">'
        r"Neustadt \(Landkreis Harburg, Nordrhein-Westfalen\)</label>",
        body,
    )


def test_role_without_municipality_ignores_an_unknown_one(office_client):
    person = factories.UserFactory(role=Role.REVIEWER)
    response = office_client.post(
        reverse("accounts:user_edit", args=[person.pk]),
        {"role": Role.TRAINER, "municipality": "99999999"},
    )
    person.refresh_from_db()
    assert response.status_code == 302
    assert (person.role, person.municipality_id) == (Role.TRAINER, None)
