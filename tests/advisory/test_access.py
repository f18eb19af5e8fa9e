"""Who reads what: the board page per role, the office's overview, query counts."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from advisory import services
from advisory.models import Assessment, Board, BoardMember
from tests import factories
from tests.advisory.conftest import meeting_at, municipal_user, periods_around_today
from tests.helpers import login_verified
from tests.programme_helpers import model_cohort

pytestmark = pytest.mark.django_db


def minuted(board, days_ago=2):
    return meeting_at(
        board,
        timezone.now() - dt.timedelta(days=days_ago),
        status="held",
        minutes="Protokoll",
        minutes_at=timezone.now(),
    )


def test_board_page_shows_members_to_the_board(client, cohort, board):
    BoardMember.objects.create(board=board, full_name="Aylin Demir", organisation="Integrationsrat")
    login_verified(client, cohort.advisory)
    page = client.get(reverse("advisory:board")).content.decode()
    assert "Aylin Demir" in page
    assert "Runder Tisch gegen Rassismus Aachen" in page


@pytest.mark.parametrize("role", ["team_member", "hr"])
def test_board_page_for_staff_and_hr_shows_the_board_without_members(client, cohort, board, role):
    BoardMember.objects.create(board=board, full_name="Aylin Demir", organisation="Integrationsrat")
    login_verified(client, getattr(cohort, role))
    response = client.get(reverse("advisory:board"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Fachbeirat Vielfalt Aachen" in page
    assert "Aylin Demir" not in page


def test_board_page_before_set_up_offers_the_coordinator_to_set_it_up(client, cohort):
    login_verified(client, cohort.coordinator)
    page = client.get(reverse("advisory:board")).content.decode()
    assert reverse("advisory:board_edit") in page


def test_board_page_outside_the_cohort_answers_404(client, db):
    outsider = municipal_user(Role.ADVISORY, factories.MunicipalityFactory())
    login_verified(client, outsider)
    assert client.get(reverse("advisory:board")).status_code == 404


def test_board_page_for_the_office_answers_403(client, cohort, board):
    login_verified(client, cohort.office)
    assert client.get(reverse("advisory:board")).status_code == 403


def test_board_page_counts_minuted_meetings_of_the_year(client, cohort, board):
    minuted(board)
    meeting_at(board, timezone.now() - dt.timedelta(days=3))  # held, no minutes yet
    login_verified(client, cohort.advisory)
    years = client.get(reverse("advisory:board")).context["years"]
    assert [row.minuted for row in years] == [1, 0, 0]


def test_office_list_shows_every_model_municipality_with_board_state(client, cohort, board):
    minuted(board)
    services.assessment_submit(
        board=board, year=cohort.years[0], actor=cohort.advisory, text="Einschätzung"
    )
    login_verified(client, cohort.office)
    rows = client.get(reverse("advisory:office_boards")).context["rows"]
    assert [(r.municipality.name, r.board is not None) for r in rows] == [
        ("Aachen", True),
        ("Bonn", False),
    ]
    first_year = rows[0].years[0]
    assert (first_year.minuted, first_year.assessment.submitted_at is not None) == (1, True)


def test_office_reads_a_submitted_assessment_but_not_a_draft(client, cohort, board):
    draft = services.assessment_save_draft(
        board=board, year=cohort.years[0], actor=cohort.advisory, text="Entwurf"
    )
    login_verified(client, cohort.office)
    url = reverse("advisory:office_assessment", args=[draft.pk])
    assert client.get(url).status_code == 404
    services.assessment_submit(
        board=board, year=cohort.years[0], actor=cohort.advisory, text="Endfassung"
    )
    assert "Endfassung" in client.get(url).content.decode()


def test_office_reads_minutes_of_a_meeting(client, cohort, board):
    meeting = minuted(board)
    login_verified(client, cohort.office)
    response = client.get(reverse("advisory:office_meeting", args=[meeting.pk]))
    assert "Protokoll" in response.content.decode()
    assert response.context["meeting"] == meeting


def test_office_pages_answer_403_to_a_coordinator(client, cohort, board):
    login_verified(client, cohort.coordinator)
    assert client.get(reverse("advisory:office_boards")).status_code == 403
    assert client.get(reverse("advisory:office_board", args=[board.pk])).status_code == 403


def _cohort_of(size):
    municipalities = [factories.MunicipalityFactory() for _ in range(size)]
    call = model_cohort(municipalities, periods=periods_around_today())
    years = list(call.programme_years.order_by("number"))
    for municipality in municipalities:
        board = Board.objects.create(call=call, municipality=municipality, name="Beirat")
        minuted(board)
        minuted(board, days_ago=5)
        Assessment.objects.create(board=board, year=years[0], text="T", submitted_at=timezone.now())
    return call


@pytest.mark.parametrize("size", [1, 12])
def test_office_list_query_count_is_constant(client, django_assert_num_queries, size):
    _cohort_of(size)
    login_verified(client, factories.UserFactory(role=Role.OFFICE))
    url = reverse("advisory:office_boards")
    client.get(url)  # the session and the second factor are loaded once
    with django_assert_num_queries(10):
        response = client.get(url)
    assert len(response.context["rows"]) == size


@pytest.mark.parametrize("size", [1, 15])
def test_meetings_list_query_count_is_constant(
    client, cohort, board, django_assert_num_queries, size
):
    for days in range(size):
        minuted(board, days_ago=days + 1)
    board.meetings.update(minutes_by=cohort.advisory)
    login_verified(client, cohort.advisory)
    url = reverse("advisory:meetings")
    with django_assert_num_queries(6):
        response = client.get(url)
    assert len(response.context["past"]) == size
