import datetime as dt
from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader

from accounts.models import Role
from events.pdf import attendee_list_context
from events.services import registration_cancel
from tests import factories
from tests.events.helpers import make_event, register
from tests.helpers import login_verified

pytestmark = pytest.mark.django_db

QUERIES_PDF = 8


@pytest.fixture
def office(client):
    login_verified(client, factories.UserFactory(role=Role.OFFICE))
    return client


@pytest.fixture
def event():
    return make_event(
        title="Netzwerktreffen Jena", days=[dt.date(2026, 4, 20), dt.date(2026, 4, 21)]
    )


def _pdf(office, event):
    return office.get(reverse("events:office_attendee_pdf", args=[event.pk]))


def _text(response) -> str:
    reader = PdfReader(BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_attendee_pdf_is_a_pdf(office, event):
    register(event, "Amira Hassan")
    response = _pdf(office, event)
    assert response["Content-Type"] == "application/pdf"
    assert response.content[:5] == b"%PDF-"


def test_attendee_pdf_lists_confirmed_names_only(office, event):
    register(event, "Amira Hassan")
    register(event, "Jonas Becker")
    registration_cancel(registration=register(event, "Leyla Yilmaz").registration)
    text = _text(_pdf(office, event))
    assert "Amira Hassan" in text
    assert "Jonas Becker" in text
    assert "Leyla Yilmaz" not in text


def test_attendee_pdf_has_a_signature_column_per_day(office, event):
    register(event, "Amira Hassan")
    text = _text(_pdf(office, event))
    assert "Unterschrift Mo, 20.04.2026" in text
    assert "Unterschrift Di, 21.04.2026" in text


def test_attendee_pdf_is_landscape_a4_with_title(office, event):
    register(event, "Amira Hassan")
    reader = PdfReader(BytesIO(_pdf(office, event).content))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)
    assert reader.metadata.title == "Teilnahmeliste: Netzwerktreffen Jena"


def test_attendee_pdf_is_tagged(office, event):
    register(event, "Amira Hassan")
    reader = PdfReader(BytesIO(_pdf(office, event).content))
    assert "/StructTreeRoot" in reader.trailer["/Root"]


def test_attendee_list_marks_days_a_person_did_not_choose(event):
    first, second = event.days.all()
    register(event, "Amira Hassan")
    from events.services import registration_create

    registration_create(
        event=event,
        name="Jonas Becker",
        email="j@example.org",
        answers={},
        days=[second],
        known_address="j@example.org",
    )
    rows = attendee_list_context(event=event)["rows"]
    assert [(r.registration.name, [c.comes for c in r.cells]) for r in rows] == [
        ("Amira Hassan", [True, True]),
        ("Jonas Becker", [False, True]),
    ]


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.TRAINER])
def test_attendee_pdf_refuses_other_roles(client, event, role):
    login_verified(client, factories.UserFactory(role=role))
    assert _pdf(client, event).status_code == 403


def test_attendee_pdf_of_unknown_event_is_404(office):
    assert office.get(reverse("events:office_attendee_pdf", args=[999999])).status_code == 404


def test_attendee_pdf_query_count_is_constant(office, event, django_assert_num_queries):
    register(event, "Amira Hassan")
    with django_assert_num_queries(QUERIES_PDF):
        _pdf(office, event)
    muni = factories.MunicipalityFactory()
    for n in range(6):
        register(event, f"Person{n} X", email=f"p{n}@example.org", municipality=muni)
    with django_assert_num_queries(QUERIES_PDF):
        _pdf(office, event)


def test_attendee_pdf_of_a_network_event_answers_404(office):
    """Attending a network event reveals a migration history: the office gets no list."""
    network_event = make_event(title="Netzwerktreffen", audience="network_members")
    response = office.get(reverse("events:office_attendee_pdf", args=[network_event.pk]))
    assert response.status_code == 404


def test_attendee_pdf_of_an_open_event_is_not_marked_confidential(office, event):
    assert "Vertraulich" not in _text(_pdf(office, event))
