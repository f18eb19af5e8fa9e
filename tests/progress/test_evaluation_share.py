"""The share of participants who answered, shown with the evaluation commitment."""

import pytest
from django.urls import reverse

from accounts.models import Role
from evaluation.models import Response
from programme.models import CommitmentKind
from progress.selectors import municipality_evidence
from progress.status import EVIDENCE_RULES
from tests import factories
from tests.evaluation import helpers
from tests.helpers import login_verified
from tests.programme_helpers import berlin, model_cohort, session

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(db):
    a, b = factories.MunicipalityFactory(name="Aachen"), factories.MunicipalityFactory(name="Bonn")
    call = model_cohort([a, b])
    return {"call": call, "a": a, "b": b, "version": helpers.instrument()}


def surveyed(version, training, responses, **fields):
    survey = helpers.survey(version, **{"closed": True, **fields})
    survey.target_kind, survey.target_id = "session", training.pk
    survey.save()
    helpers.answer(survey, responses)
    return survey


def share_of(cohort, municipality):
    from programme.models import ProgrammeYear

    year = ProgrammeYear.objects.get(call=cohort["call"], number=1)
    evidence = municipality_evidence(
        call=cohort["call"], municipality_id=municipality.pk, year=year
    )
    return evidence.response_share


def test_share_sums_held_surveyed_sessions_of_the_year(cohort):
    call, a, version = cohort["call"], cohort["a"], cohort["version"]
    surveyed(version, session(call, a, berlin(2026, 3, 2, 9, 0), participants=12), 9)
    surveyed(version, session(call, a, berlin(2026, 5, 4, 9, 0), participants=8), 1)
    session(call, a, berlin(2026, 6, 1, 9, 0), participants=30)  # no survey
    surveyed(version, session(call, a, berlin(2027, 2, 1, 9, 0), participants=10), 10)  # year 2
    share = share_of(cohort, a)
    assert (share.answered, share.participants, share.percent) == (10, 20, 50)


def test_share_leaves_out_planned_sessions_and_other_municipalities(cohort):
    call, a, b, version = cohort["call"], cohort["a"], cohort["b"], cohort["version"]
    surveyed(version, session(call, a, berlin(2026, 3, 2, 9, 0), participants=10), 4)
    surveyed(version, session(call, a, berlin(2026, 11, 2, 9, 0), status="planned"), 3)
    surveyed(version, session(call, b, berlin(2026, 3, 2, 9, 0), participants=6), 6)
    share = share_of(cohort, a)
    assert (share.answered, share.participants) == (4, 10)


def test_share_counts_a_pre_and_post_pair_once(cohort):
    call, a, version = cohort["call"], cohort["a"], cohort["version"]
    training = session(call, a, berlin(2026, 3, 2, 9, 0), participants=10)
    pre = surveyed(version, training, 7, phase="pre")
    surveyed(version, training, 6, phase="post", pair_with=pre)
    share = share_of(cohort, a)
    assert (share.answered, share.participants, share.percent) == (7, 10, 70)


def test_share_is_capped_at_all_participants(cohort):
    call, a, version = cohort["call"], cohort["a"], cohort["version"]
    surveyed(version, session(call, a, berlin(2026, 3, 2, 9, 0), participants=5), 8)
    share = share_of(cohort, a)
    assert (share.answered, share.participants, share.percent) == (5, 5, 100)


def test_share_is_absent_without_a_surveyed_session(cohort):
    session(cohort["call"], cohort["a"], berlin(2026, 3, 2, 9, 0))
    assert share_of(cohort, cohort["a"]) is None


def test_share_leaves_out_a_survey_still_open(cohort):
    call, a, version = cohort["call"], cohort["a"], cohort["version"]
    surveyed(version, session(call, a, berlin(2026, 3, 2, 9, 0), participants=10), 4)
    surveyed(version, session(call, a, berlin(2026, 4, 2, 9, 0), participants=6), 3, closed=False)
    share = share_of(cohort, a)
    assert (share.answered, share.participants) == (4, 10)


def test_share_counts_a_session_on_new_years_eve_in_berlin_to_its_year(cohort):
    call, a, version = cohort["call"], cohort["a"], cohort["version"]
    # 23:30 in Berlin is 22:30 UTC on the same day: still the first year.
    surveyed(version, session(call, a, berlin(2026, 12, 31, 23, 30), participants=4), 2)
    surveyed(version, session(call, a, berlin(2027, 1, 1, 0, 30), participants=9), 9)
    share = share_of(cohort, a)
    assert (share.answered, share.participants) == (2, 4)


def test_dashboard_shows_no_share_while_the_survey_is_open(client, cohort):
    call, a = cohort["call"], cohort["a"]
    training = session(call, a, berlin(2026, 3, 2, 9, 0), participants=12)
    surveyed(cohort["version"], training, 3, closed=False)
    login_verified(client, factories.CoordinatorFactory(municipality=a))
    page = client.get(reverse("programme_area") + "?jahr=1").content.decode()
    assert "Teilnehmenden haben geantwortet" not in page


def test_evidence_rule_of_the_evaluation_names_the_share():
    assert "Außerdem angezeigt" in str(EVIDENCE_RULES[CommitmentKind.EVALUATION])


SHARE_TEXT = "6 von 12 Teilnehmenden haben geantwortet (50 %)"


def test_dashboard_shows_the_share_with_the_evaluation_commitment(client, cohort):
    call, a = cohort["call"], cohort["a"]
    surveyed(cohort["version"], session(call, a, berlin(2026, 3, 2, 9, 0), participants=12), 6)
    login_verified(client, factories.CoordinatorFactory(municipality=a))
    page = client.get(reverse("programme_area") + "?jahr=1").content.decode()
    evaluation = page[page.index('id="zusage-evaluation"') :]
    assert SHARE_TEXT in evaluation[: evaluation.index("</li>")]


def test_dashboard_shows_fewer_than_five_answers_without_their_number(client, cohort):
    call, a = cohort["call"], cohort["a"]
    surveyed(cohort["version"], session(call, a, berlin(2026, 3, 2, 9, 0), participants=12), 3)
    login_verified(client, factories.CoordinatorFactory(municipality=a))
    page = client.get(reverse("programme_area") + "?jahr=1").content.decode()
    evaluation = page[page.index('id="zusage-evaluation"') :]
    shown = evaluation[: evaluation.index("</li>")]
    assert "weniger als 5 von 12 Teilnehmenden haben geantwortet" in shown
    assert "3 von 12" not in shown
    assert "25 %" not in shown


def test_office_municipality_view_shows_the_share(client, cohort):
    call, a = cohort["call"], cohort["a"]
    surveyed(cohort["version"], session(call, a, berlin(2026, 3, 2, 9, 0), participants=12), 6)
    login_verified(client, factories.UserFactory(role=Role.OFFICE))
    url = reverse("programme_office:municipality", args=[call.pk, a.pk])
    assert SHARE_TEXT in client.get(url + "?jahr=1").content.decode()


def test_dashboard_shows_no_answers_only_their_number(client, cohort):
    call, a = cohort["call"], cohort["a"]
    survey = surveyed(
        cohort["version"], session(call, a, berlin(2026, 3, 2, 9, 0), participants=12), 0
    )
    helpers.answer(survey, 5, text="Sehr hilfreicher Vormittag")
    login_verified(client, factories.CoordinatorFactory(municipality=a))
    page = client.get(reverse("programme_area") + "?jahr=1").content.decode()
    assert Response.objects.filter(survey=survey).count() == 5
    assert "5 von 12 Teilnehmenden" in page
    assert "Sehr hilfreicher Vormittag" not in page


def _surveyed_sessions(cohort, count):
    for n in range(count):
        training = session(
            cohort["call"], cohort["a"], berlin(2026, 3, 2 + n % 20, 9, 0), participants=10
        )
        surveyed(cohort["version"], training, 2)


@pytest.mark.parametrize("sessions", [3, 12])
def test_dashboard_share_query_count_does_not_grow_with_sessions(
    client, cohort, django_assert_num_queries, sessions
):
    _surveyed_sessions(cohort, sessions)
    login_verified(client, factories.CoordinatorFactory(municipality=cohort["a"]))
    url = reverse("programme_area") + "?jahr=1"
    client.get(url)
    with django_assert_num_queries(DASHBOARD_QUERIES):
        page = client.get(url).content.decode()
    assert f"{2 * sessions} von {10 * sessions} Teilnehmenden" in page


DASHBOARD_QUERIES = 25  # with the main menu


@pytest.mark.parametrize("sessions", [3, 12])
def test_office_share_query_count_does_not_grow_with_sessions(
    client, cohort, django_assert_num_queries, sessions
):
    _surveyed_sessions(cohort, sessions)
    login_verified(client, factories.UserFactory(role=Role.OFFICE))
    url = reverse("programme_office:municipality", args=[cohort["call"].pk, cohort["a"].pk])
    client.get(url + "?jahr=1")
    with django_assert_num_queries(OFFICE_QUERIES):
        page = client.get(url + "?jahr=1").content.decode()
    assert f"{2 * sessions} von {10 * sessions} Teilnehmenden" in page


OFFICE_QUERIES = 25
