"""The office's start page as a to-do list: each counter with its count and a link to
the list that shows exactly those items, "nichts offen" where nothing is, and a
constant number of queries however much is due."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import MunicipalityClaim, Role
from applications.models import Application
from core.desk import todo_groups
from evaluation.models import Survey, TargetKind
from funding import services as funding_services
from progress.reminders import reminders_check
from recommendations import answers
from reviews.models import Assignment, Screening
from selection.models import LetterDispatch
from tests import factories
from tests.evaluation.helpers import instrument
from tests.funding.helpers import approved, funded_cohort, grant_of, submitted
from tests.helpers import login_verified
from tests.programme_helpers import model_cohort
from tests.recommendations.answer_helpers import (
    comment,
    ended_round,
    paragraphs_of,
    round_with_comments,
    running_round,
)

pytestmark = pytest.mark.django_db

URL = reverse("office:index")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }


@pytest.fixture
def office(client):
    user = factories.UserFactory(role=Role.OFFICE)
    login_verified(client, user)
    return user


def _expenses(call, municipality, count):
    grant = grant_of(call, municipality, 2026)
    for index in range(count):
        submitted(grant, "10.00", payee=f"Honorar {index}")


def _payments(call, municipality, count):
    grant = grant_of(call, municipality, 2025)
    approved(grant, "100.00")
    for _index in range(count):
        funding_services.payment_request_create(
            grant=grant, amount=Decimal("10.00"), note="", actor=None
        )


def _overdue_reviews(count):
    reviewer = factories.UserFactory(role=Role.REVIEWER)
    call = factories.CallFactory()
    for _index in range(count):
        application = factories.ApplicationFactory(
            call=call, status=Application.Status.SUBMITTED, submitted_at=timezone.now()
        )
        Screening.objects.create(
            application=application, status="eligible", decided_at=timezone.now()
        )
        Assignment.objects.create(
            application=application,
            reviewer=reviewer,
            due_date=timezone.localdate() - dt.timedelta(days=2),
        )
    return call


def _surveys(count):
    version = instrument()
    now = timezone.now()
    for index in range(count):
        Survey.objects.create(
            version=version,
            title=f"Befragung {index}",
            phase="single",
            target_kind=TargetKind.MUNICIPALITY,
            opens_at=now - dt.timedelta(days=3),
            closes_at=now + dt.timedelta(days=2),
        )


def _claims(count):
    for _index in range(count):
        MunicipalityClaim.objects.create(
            user=factories.UserFactory(),
            municipality=factories.MunicipalityFactory(),
            function="Amt",
            authority="OB",
        )


def _letters(call, municipalities):
    for application in Application.objects.filter(call=call, municipality__in=municipalities):
        LetterDispatch.objects.create(call=call, application=application, outcome="selected")


def _at_risk(count):
    """A cohort of ``count`` municipalities whose year ends in three weeks with nothing
    done: every commitment is at risk once the daily check has looked."""
    today = timezone.localdate()
    municipalities = [factories.MunicipalityFactory() for _ in range(count)]
    call = model_cohort(
        municipalities,
        periods=[(today - dt.timedelta(days=300), today + dt.timedelta(days=20))],
    )
    reminders_check()
    return call


def _comments_waiting(count):
    """An ended round with ``count`` unanswered comments."""
    return round_with_comments(count=count, actor=factories.UserFactory(role=Role.OFFICE))[1]


def _everything(count):
    """``count`` of each thing the start page counts; returns the funded cohort."""
    municipalities = [factories.MunicipalityFactory() for _ in range(count)]
    call = funded_cohort(municipalities)
    _expenses(call, municipalities[0], count)
    _payments(call, municipalities[0], count)
    _letters(call, municipalities)
    _overdue_reviews(count)
    _surveys(count)
    _claims(count)
    _at_risk(count)
    _comments_waiting(count)
    return call


def _todos(response) -> dict[str, list]:
    return {
        group.counter.name: [(todo.count, todo.url) for todo in group.todos]
        for group in response.context["todos"]
    }


def test_desk_shows_nothing_open_for_every_counter_when_nothing_is_due(client, office):
    response = client.get(URL)

    html = response.content.decode()
    names = [group.counter.name for group in response.context["todos"]]
    assert names == [
        "funding.expenses",
        "funding.payments",
        "reviews.overdue",
        "progress.at_risk",
        "funding.proofs",
        "evaluation.closing",
        "office.claims",
        "recommendations.comments_waiting",
        "selection.letters_without_recipient",
    ]
    assert html.count("nichts offen") == 9


def test_desk_counts_submitted_expenses_as_the_queue_shows_them(client, office):
    aachen = factories.MunicipalityFactory(name="Aachen")
    call = funded_cohort([aachen])
    _expenses(call, aachen, 3)
    approved(grant_of(call, aachen, 2026), "5.00")

    todos = _todos(client.get(URL))["funding.expenses"]

    queue = reverse("funding_office:queue", args=[call.pk])
    assert todos == [(3, queue)]
    assert client.get(queue).context["page_obj"].paginator.count == 3


def test_desk_counts_open_payment_requests_as_their_list_shows_them(client, office):
    aachen = factories.MunicipalityFactory(name="Aachen")
    call = funded_cohort([aachen])
    _payments(call, aachen, 2)

    todos = _todos(client.get(URL))["funding.payments"]

    url = reverse("funding_office:payments_open", args=[call.pk])
    assert todos == [(2, url)]
    assert client.get(url).context["page_obj"].paginator.count == 2


def test_desk_counts_overdue_reviews_as_the_progress_page_shows_them(client, office):
    call = _overdue_reviews(3)
    on_time = Assignment.objects.filter(application__call=call).first()
    on_time.due_date = timezone.localdate()
    on_time.save()

    todos = _todos(client.get(URL))["reviews.overdue"]

    url = reverse("reviews:progress", args=[call.pk])
    assert todos == [(2, url)]
    assert client.get(url).context["totals"]["overdue"] == 2


def test_desk_counts_commitments_at_risk_as_the_matrix_shows_them(client, office):
    call = _at_risk(2)

    todos = _todos(client.get(URL))["progress.at_risk"]

    url = reverse("programme_office:matrix", args=[call.pk])
    at_risk = client.get(url).context["totals"]["at_risk"]
    assert at_risk > 0
    assert todos == [(at_risk, url)]


def test_desk_counts_overdue_proofs_as_the_list_of_reports_marks_them(client, office):
    call = funded_cohort(count=2)

    todos = _todos(client.get(URL))["funding.proofs"]

    url = reverse("funding_office_reports:reports", args=[call.pk])
    overview = client.get(url).context["overview"]
    overdue = sum(cell.overdue for _municipality, cells in overview.rows for cell in cells)
    assert overdue > 0
    assert todos[0] == (overdue, url)


def test_desk_proofs_overdue_and_due_soon_on_a_given_day():
    call = funded_cohort(count=2)
    url = reverse("funding_office_reports:reports", args=[call.pk])

    groups = {g.counter.name: g for g in todo_groups(today=dt.date(2027, 4, 10))}

    todos = groups["funding.proofs"].todos
    assert [(t.count, t.url) for t in todos] == [(2, url), (2, url)]
    assert todos[0].label.startswith("2 Nachweise überfällig")
    assert todos[1].label.startswith("2 Nachweise in den nächsten 30 Tagen fällig")


def test_desk_counts_surveys_about_to_close_as_the_filtered_list_shows_them(client, office):
    _surveys(2)
    version = instrument("andere")
    now = timezone.now()
    Survey.objects.create(
        version=version,
        title="Später",
        phase="single",
        target_kind=TargetKind.MUNICIPALITY,
        opens_at=now - dt.timedelta(days=1),
        closes_at=now + dt.timedelta(days=20),
    )

    todos = _todos(client.get(URL))["evaluation.closing"]

    url = reverse("evaluation:surveys") + "?bald=1"
    assert todos == [(2, url)]
    assert len(client.get(url).context["surveys"]) == 2
    assert len(client.get(reverse("evaluation:surveys")).context["surveys"]) == 3


def test_desk_counts_pending_claims_as_the_queue_shows_them(client, office):
    _claims(3)

    todos = _todos(client.get(URL))["office.claims"]

    assert todos == [(3, reverse("office:claims"))]
    assert client.get(reverse("office:claims")).context["page"].paginator.count == 3


def test_desk_counts_letters_without_recipient_as_the_decision_page_shows_them(client, office):
    reached = factories.MunicipalityFactory(name="Erreicht")
    municipalities = [reached, factories.MunicipalityFactory(name="Stumm")]
    call = funded_cohort(municipalities)
    factories.CoordinatorFactory(municipality=reached)
    _letters(call, municipalities)

    todos = _todos(client.get(URL))["selection.letters_without_recipient"]

    url = reverse("selection:decision", args=[call.pk])
    assert todos == [(1, url)]
    assert client.get(url).content.decode().count("nicht versandt: kein Empfänger") == 1


def test_desk_links_every_count_and_says_it_in_german(client, office):
    _everything(1)

    html = client.get(URL).content.decode()

    assert "1 eingereichte Ausgabe –" in html
    assert "1 Mittelabruf nicht ausgezahlt –" in html
    assert "1 Gutachten überfällig –" in html
    assert "1 Befragung endet in den nächsten 7 Tagen" in html
    assert "1 Anspruch auf eine Kommune wartet auf Entscheidung" in html
    assert "1 Brief ohne Empfänger –" in html
    assert "1 Kommentar wartet auf eine Antwort – Erste Runde" in html
    assert "nichts offen" not in html


@pytest.mark.parametrize("count", [1, 3])
def test_desk_query_count_does_not_grow(client, office, count, django_assert_num_queries):
    _everything(count)

    # Session, user, OTP device; applications per call; reviews 1, at risk 2, proofs 5,
    # surveys 1, claims 1, letters 2, expenses 1, payments 1, comments waiting 1.
    with django_assert_num_queries(19):
        response = client.get(URL)

    assert all(group.todos for group in response.context["todos"])


def test_desk_counts_comments_waiting_in_ended_rounds_as_the_round_page_shows_them(client, office):
    round = _comments_waiting(2)
    version = round.version
    comments = list(round.comments.all())
    answers.comment_answer(
        comment=comments[0], status="adopted", reason="Ja.", revision=0, actor=office
    )
    running = running_round(version=version)
    comment(round=running, paragraph=paragraphs_of(version)[0])
    evaluated = ended_round(version=version, title="Ausgewertet")
    answers.round_evaluate(round=evaluated, actor=office)

    todos = _todos(client.get(URL))["recommendations.comments_waiting"]

    url = reverse("recommendation_answers:round", args=[round.pk])
    assert todos == [(1, url)]
    assert "1 von 2 Kommentaren beantwortet" in client.get(url).content.decode()
