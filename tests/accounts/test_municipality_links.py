"""Who speaks for a municipality: a new link reaches no existing record until an
approved coordinator or the programme office approves it."""

import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accounts.models import MunicipalityClaim, Role, User
from accounts.services.links import (
    link_approve,
    link_make_lead,
    link_remove,
    link_suspend,
    municipality_claim_decide,
    municipality_claim_submit,
)
from applications.models import Answer, Application
from applications.services import (
    ApplicationError,
    coordinator_choose_municipality,
    coordinator_decide_join,
    coordinator_municipality_correct,
)
from core.models import AuditEntry
from tests import factories
from tests.helpers import minimal_pdf
from tests.programme_helpers import model_cohort

pytestmark = pytest.mark.django_db

REGISTER_DATA = {
    "full_name": "Klara Müller-Weiß",
    "email": "k.mueller-weiss@jena.example",
    "password1": "Gute-Verwaltung-2025",
    "password2": "Gute-Verwaltung-2025",
    "language": "de",
    "privacy": "on",
}


@pytest.fixture
def jena(db):
    return factories.MunicipalityFactory(name="Jena, Stadt")


@pytest.fixture
def jena_cohort(jena):
    """Jena is a model municipality: a submitted application, selected and released."""
    return model_cohort([jena])


def register_confirm_choose(client, django_capture_on_commit_callbacks, municipality):
    """A new person as the issue describes it: register, confirm, choose."""
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:register"), REGISTER_DATA)
    path = re.search(r"http://127\.0\.0\.1:8000(/konto/bestaetigen/\S+/)", mail.outbox[0].body)
    client.post(path.group(1))
    client.post(reverse("applications:choose_municipality"), {"municipality": municipality.pk})
    return User.objects.get(email="k.mueller-weiss@jena.example")


def record_urls(application):
    return {
        "detail": reverse("applications:detail", args=[application.pk]),
        "pdf": reverse("applications:answers_pdf", args=[application.pk]),
        "section": reverse("applications:section", args=[application.pk, 1]),
        "programme": reverse("programme_area"),
        "funding": reverse("funding:overview"),
        "board": reverse("advisory:board"),
        "board_edit": reverse("advisory:board_edit"),
        "trainings": reverse("trainings:session_list"),
        "network": reverse("network:index"),
        "local_workshops": reverse("network:local_workshops"),
        "surveys": reverse("evaluation:surveys"),
    }


def test_newcomer_choosing_municipality_with_submitted_application_sees_none_of_it(
    client, django_capture_on_commit_callbacks, jena, jena_cohort
):
    from tests.evaluation import helpers as evaluation

    application = Application.objects.get(municipality=jena)
    survey = evaluation.closed_survey(
        evaluation.instrument(code="jena"), municipality=jena, call=jena_cohort
    )

    person = register_confirm_choose(client, django_capture_on_commit_callbacks, jena)
    survey_page = client.get(reverse("evaluation:survey_results", args=[survey.pk]))
    responses = {name: client.get(url) for name, url in record_urls(application).items()}
    statuses = {name: r.status_code for name, r in responses.items()}

    assert (person.municipality_id, person.approved_municipality_id) == (jena.pk, None)
    assert statuses == {
        "detail": 404,
        "pdf": 404,
        "section": 404,
        "programme": 200,
        "funding": 200,
        "board": 404,
        "board_edit": 404,
        "trainings": 404,
        "network": 200,
        "local_workshops": 404,
        "surveys": 200,
    }
    assert survey_page.status_code == 404
    assert responses["surveys"].context["surveys"] == []
    assert (responses["network"].context["count"], responses["network"].context["may_join"]) == (
        None,
        False,
    )
    # The programme area and funding answer with the page for municipalities outside
    # any programme: nothing of Jena's programme or grants.
    for name in ("programme", "funding"):
        assert [t.name for t in responses[name].templates][0] == "programme/not_in_programme.html"
    assert client.get(reverse("applications:index"))["Location"] == reverse("applications:claim")


def test_newcomer_of_municipality_with_records_cannot_start_an_application(
    client, django_capture_on_commit_callbacks, jena
):
    factories.ApplicationFactory(municipality=jena)
    call = factories.CallFactory(slug="zweite-runde")
    register_confirm_choose(client, django_capture_on_commit_callbacks, jena)

    response = client.post(reverse("applications:start", args=[call.slug]))

    assert response.status_code == 404
    assert Application.objects.filter(call=call).count() == 0


def test_first_coordinator_of_municipality_without_records_is_approved_at_once(jena):
    person = factories.UserFactory()

    approved = coordinator_choose_municipality(user=person, municipality=jena)

    person.refresh_from_db()
    assert (approved, person.approved_municipality_id) == (True, jena.pk)


@pytest.mark.parametrize(
    "make_record",
    [
        lambda m: factories.ApplicationFactory(municipality=m, status=Application.Status.DRAFT),
        lambda m: factories.ApplicationFactory(municipality=m, status=Application.Status.WITHDRAWN),
        lambda m: factories.UserFactory(
            role=Role.TEAM_MEMBER, municipality=m, municipality_approved_at=timezone.now()
        ),
    ],
    ids=["draft", "withdrawn", "approved_team_member"],
)
def test_choosing_municipality_with_records_but_no_coordinator_waits(jena, make_record):
    make_record(jena)
    person = factories.UserFactory()

    approved = coordinator_choose_municipality(user=person, municipality=jena)

    person.refresh_from_db()
    assert (approved, person.municipality_id, person.approved_municipality_id) == (
        False,
        jena.pk,
        None,
    )


def test_squatter_without_approval_does_not_block_office_approval_of_real_staff(
    jena, jena_cohort, office_user
):
    squatter = factories.UserFactory(email="first@example.org")
    staff = factories.UserFactory(email="staff@jena.example")
    coordinator_choose_municipality(user=squatter, municipality=jena)
    coordinator_choose_municipality(user=staff, municipality=jena)
    claim = municipality_claim_submit(
        user=staff, function="Integrationsbüro", authority="Auftrag des OB"
    )

    municipality_claim_decide(actor=office_user, claim_id=claim.pk, approve=True, reason="Ok")
    link_remove(actor=office_user, municipality_id=jena.pk, user_id=squatter.pk)

    staff.refresh_from_db()
    squatter.refresh_from_db()
    assert (staff.approved_municipality_id, squatter.municipality_id) == (jena.pk, None)


def test_claim_form_sends_claim_with_letter_to_the_office_queue(
    client, django_capture_on_commit_callbacks, jena, jena_cohort
):
    person = register_confirm_choose(client, django_capture_on_commit_callbacks, jena)
    letter = SimpleUploadedFile("Vollmacht.pdf", minimal_pdf(), content_type="application/pdf")

    response = client.post(
        reverse("applications:claim"),
        {"function": "Amt für Integration", "authority": "Beauftragt vom OB", "letter": letter},
    )
    waiting = client.get(reverse("applications:index"))

    claim = MunicipalityClaim.objects.get()
    assert response["Location"] == reverse("applications:index")
    assert (claim.user, claim.municipality, claim.status, claim.letter_name) == (
        person,
        jena,
        MunicipalityClaim.Status.PENDING,
        "Vollmacht.pdf",
    )
    assert "Ihr Anspruch wird geprüft" in waiting.content.decode()
    assert AuditEntry.objects.filter(action="account.claim_submitted").count() == 1


def test_claim_form_without_function_and_with_non_pdf_shows_messages_at_fields(
    client, django_capture_on_commit_callbacks, jena, jena_cohort
):
    register_confirm_choose(client, django_capture_on_commit_callbacks, jena)
    fake = SimpleUploadedFile("Vollmacht.pdf", b"kein pdf", content_type="application/pdf")

    response = client.post(
        reverse("applications:claim"), {"function": "", "authority": "x", "letter": fake}
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "function": ["Bitte nennen Sie Ihre Funktion in der Verwaltung."],
        "letter": ["Bitte laden Sie eine PDF-Datei hoch. Diese Datei ist kein PDF."],
    }
    assert MunicipalityClaim.objects.count() == 0


def test_claim_submitted_twice_is_stored_once(jena, jena_cohort):
    person = factories.UserFactory()
    coordinator_choose_municipality(user=person, municipality=jena)

    first = municipality_claim_submit(user=person, function="Amt", authority="OB")
    second = municipality_claim_submit(user=person, function="Amt", authority="OB")

    assert (first.pk, MunicipalityClaim.objects.count()) == (second.pk, 1)


@pytest.fixture
def pending_claim(jena, jena_cohort):
    person = factories.UserFactory(email="k.mueller-weiss@jena.example", full_name="Klara M.")
    coordinator_choose_municipality(user=person, municipality=jena)
    return municipality_claim_submit(user=person, function="Amt", authority="OB")


def test_office_approves_claim_then_person_reads_the_records(
    client, office_client, office_user, pending_claim, jena, django_capture_on_commit_callbacks
):
    application = Application.objects.get(municipality=jena)
    url = reverse("office:claim_detail", args=[pending_claim.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = office_client.post(url, {"decision": "approve", "reason": "Telefonisch geprüft"})
    client.force_login(pending_claim.user)
    detail = client.get(reverse("applications:detail", args=[application.pk]))

    pending_claim.refresh_from_db()
    assert response["Location"] == reverse("office:claims")
    assert (pending_claim.status, pending_claim.decided_by) == ("approved", office_user)
    assert detail.status_code == 200
    assert mail.outbox[-1].to == ["k.mueller-weiss@jena.example"]
    assert mail.outbox[-1].subject == "Ihre Zuordnung zu Jena, Stadt ist bestätigt"
    assert "Telefonisch geprüft" in mail.outbox[-1].body
    assert (
        AuditEntry.objects.filter(
            action="account.claim_approved", object_id=str(pending_claim.user_id)
        ).count()
        == 1
    )


def test_office_refuses_claim_with_reason_unlinks_and_mails(
    office_client, pending_claim, django_capture_on_commit_callbacks
):
    url = reverse("office:claim_detail", args=[pending_claim.pk])

    with django_capture_on_commit_callbacks(execute=True):
        office_client.post(url, {"decision": "refuse", "reason": "Nicht bei der Stadt tätig"})

    pending_claim.refresh_from_db()
    person = User.objects.get(pk=pending_claim.user_id)
    assert (pending_claim.status, pending_claim.reason) == ("refused", "Nicht bei der Stadt tätig")
    assert (person.municipality_id, person.approved_municipality_id) == (None, None)
    assert mail.outbox[-1].subject == "Ihre Zuordnung zu Jena, Stadt ist abgelehnt"
    assert "Nicht bei der Stadt tätig" in mail.outbox[-1].body
    assert AuditEntry.objects.filter(action="account.claim_refused").count() == 1


def test_office_decision_without_reason_is_a_field_error(office_client, pending_claim):
    url = reverse("office:claim_detail", args=[pending_claim.pk])

    response = office_client.post(url, {"decision": "refuse", "reason": "  "})

    pending_claim.refresh_from_db()
    assert response.status_code == 200
    assert response.context["form"].errors == {"reason": ["Bitte begründen Sie die Entscheidung."]}
    assert pending_claim.status == "pending"


def test_office_decision_twice_decides_once(office_user, pending_claim):
    municipality_claim_decide(
        actor=office_user, claim_id=pending_claim.pk, approve=True, reason="a"
    )
    again = municipality_claim_decide(
        actor=office_user, claim_id=pending_claim.pk, approve=False, reason="b"
    )

    assert (again.status, again.reason) == ("approved", "a")
    assert AuditEntry.objects.filter(action__startswith="account.claim_").count() == 2


def test_claim_letter_is_served_as_pdf_to_the_office_only(client, office_client, jena, jena_cohort):
    person = factories.UserFactory()
    coordinator_choose_municipality(user=person, municipality=jena)
    letter = SimpleUploadedFile("Brief.pdf", minimal_pdf(), content_type="application/pdf")
    claim = municipality_claim_submit(user=person, function="Amt", authority="OB", letter=letter)
    url = reverse("office:claim_letter", args=[claim.pk])

    response = office_client.get(url)
    client.force_login(person)
    own = client.get(url)

    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert own.status_code == 403


def test_office_claim_page_shows_known_contacts_of_the_records(office_client, pending_claim, jena):
    from calls.models import Question

    application = Application.objects.get(municipality=jena)
    section = factories.SectionFactory(version=application.version, position=1)
    email = factories.QuestionFactory(
        version=application.version, section=section, key="kontakt_email", type=Question.Type.EMAIL
    )
    name = factories.QuestionFactory(
        version=application.version, section=section, key="kontakt_name"
    )
    Answer.objects.create(application=application, question=email, value="amt@jena.example")
    Answer.objects.create(application=application, question=name, value="Dr. Ada Roth")

    response = office_client.get(reverse("office:claim_detail", args=[pending_claim.pk]))

    values = [c["value"] for c in response.context["contacts"]]
    assert values == ["amt@jena.example", "Dr. Ada Roth"]


def test_removed_person_loses_access_on_the_next_request(client, office_user, jena):
    coordinator = factories.CoordinatorFactory(municipality=jena)
    application = factories.ApplicationFactory(municipality=jena)
    client.force_login(coordinator)
    url = reverse("applications:detail", args=[application.pk])
    before = client.get(url).status_code

    link_remove(actor=office_user, municipality_id=jena.pk, user_id=coordinator.pk)
    after = client.get(url).status_code

    assert (before, after) == (200, 404)
    assert AuditEntry.objects.filter(action="account.link_removed").count() == 1


def test_suspended_person_loses_access_and_colleague_cannot_readmit(client, office_user, jena):
    colleague = factories.CoordinatorFactory(municipality=jena)
    person = factories.CoordinatorFactory(municipality=jena)
    application = factories.ApplicationFactory(municipality=jena)
    client.force_login(person)
    url = reverse("applications:detail", args=[application.pk])

    link_suspend(actor=office_user, municipality_id=jena.pk, user_id=person.pk)
    after = client.get(url).status_code

    assert after == 404
    with pytest.raises(User.DoesNotExist):
        coordinator_decide_join(approver=colleague, requester_id=person.pk, approve=True)
    link_approve(actor=office_user, municipality_id=jena.pk, user_id=person.pk)
    assert client.get(url).status_code == 200


def test_office_people_page_actions_approve_suspend_remove_and_lead(office_client, jena):
    lead = factories.CoordinatorFactory(municipality=jena, municipality_lead=True)
    other = factories.CoordinatorFactory(municipality=jena)
    waiting = factories.UserFactory(municipality=jena)

    def act(person, action):
        url = reverse("office:municipality_person_action", args=[jena.pk, person.pk])
        return office_client.post(url, {"action": action})

    act(waiting, "approve")
    act(other, "lead")
    act(lead, "suspend")
    response = act(waiting, "remove")

    states = {
        p.pk: (p.municipality_id, bool(p.approved_municipality_id), p.municipality_lead)
        for p in User.objects.filter(pk__in=[lead.pk, other.pk, waiting.pk])
    }
    assert response["Location"] == reverse("office:municipality_people", args=[jena.pk])
    assert states == {
        lead.pk: (jena.pk, False, False),
        other.pk: (jena.pk, True, True),
        waiting.pk: (None, False, False),
    }
    assert list(
        AuditEntry.objects.filter(action__startswith="account.l")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == [
        "account.link_approved",
        "account.lead_changed",
        "account.link_suspended",
        "account.link_removed",
    ]


def test_office_action_on_a_person_of_another_municipality_is_404(office_client, jena):
    stranger = factories.CoordinatorFactory()

    response = office_client.post(
        reverse("office:municipality_person_action", args=[jena.pk, stranger.pk]),
        {"action": "remove"},
    )

    stranger.refresh_from_db()
    assert response.status_code == 404
    assert stranger.municipality_id is not None


def test_lead_requires_an_approved_coordinator(office_user, jena):
    waiting = factories.UserFactory(municipality=jena)

    with pytest.raises(Exception) as error:
        link_make_lead(actor=office_user, municipality_id=jena.pk, user_id=waiting.pk)

    assert error.value.messages == ["Federführend kann nur eine bestätigte Koordination sein."]


def test_coordinator_corrects_municipality_before_submission_and_own_draft_goes(jena):
    person = factories.UserFactory()
    coordinator_choose_municipality(user=person, municipality=jena)
    draft = factories.ApplicationFactory(municipality=jena, created_by=person)

    coordinator_municipality_correct(user=person)

    person.refresh_from_db()
    assert person.municipality_id is None
    assert Application.objects.filter(pk=draft.pk).exists() is False
    assert AuditEntry.objects.filter(action="account.municipality_corrected").count() == 1


def test_coordinator_correction_keeps_a_draft_a_colleague_worked_on(jena):
    person = factories.CoordinatorFactory(municipality=jena)
    colleague = factories.CoordinatorFactory(municipality=jena)
    draft = factories.ApplicationFactory(municipality=jena, created_by=person)
    question = factories.QuestionFactory(version=draft.version, key="motivation")
    Answer.objects.create(application=draft, question=question, value="x", updated_by=colleague)

    coordinator_municipality_correct(user=person)

    assert Application.objects.filter(pk=draft.pk).exists() is True


def test_coordinator_correction_after_submission_is_refused(client, jena):
    person = factories.CoordinatorFactory(municipality=jena)
    factories.ApplicationFactory(
        municipality=jena, status=Application.Status.SUBMITTED, submitted_at=timezone.now()
    )
    client.force_login(person)

    response = client.post(reverse("applications:correct_municipality"), follow=True)

    person.refresh_from_db()
    assert person.municipality_id == jena.pk
    assert [str(m) for m in response.context["messages"]] == [
        "Für Jena, Stadt ist bereits eine Bewerbung eingereicht. Bitte wenden Sie sich an die "
        "Geschäftsstelle, wenn Ihre Zuordnung falsch ist."
    ]


def test_coordinator_correction_by_view_leads_to_choosing_again(client, jena, jena_cohort):
    person = factories.UserFactory()
    coordinator_choose_municipality(user=person, municipality=jena)
    client.force_login(person)

    response = client.post(reverse("applications:correct_municipality"))

    person.refresh_from_db()
    assert response["Location"] == reverse("applications:choose_municipality")
    assert person.municipality_id is None


def test_correction_refused_raises_for_unlinked_person():
    person = factories.UserFactory()

    with pytest.raises(ApplicationError):
        coordinator_municipality_correct(user=person)


def test_role_change_by_the_office_moves_a_lead_without_breaking_the_other_lead(office_user, jena):
    from accounts.services import user_role_change

    factories.CoordinatorFactory(municipality=jena, municipality_lead=True)
    moving = factories.CoordinatorFactory(municipality_lead=True)

    user_role_change(actor=office_user, user=moving, role=Role.COORDINATOR, municipality=jena)

    moving.refresh_from_db()
    assert (moving.approved_municipality_id, moving.municipality_lead) == (jena.pk, False)


def test_newcomer_blocked_by_a_registered_coordinator_can_turn_to_the_office(client, jena):
    factories.CoordinatorFactory(municipality=jena, email="first@example.org")
    person = factories.UserFactory()
    coordinator_choose_municipality(user=person, municipality=jena)
    client.force_login(person)

    waiting = client.get(reverse("applications:index"))
    response = client.post(
        reverse("applications:claim"), {"function": "Personalamt", "authority": "Bürgermeisterin"}
    )

    assert reverse("applications:claim") in waiting.content.decode()
    assert response["Location"] == reverse("applications:index")
    assert MunicipalityClaim.objects.get().user == person


def test_office_remove_clicked_twice_removes_once_without_error(office_client, jena):
    person = factories.CoordinatorFactory(municipality=jena)
    url = reverse("office:municipality_person_action", args=[jena.pk, person.pk])

    first = office_client.post(url, {"action": "remove"})
    second = office_client.post(url, {"action": "remove"})

    people = reverse("office:municipality_people", args=[jena.pk])
    assert (first["Location"], second["Location"]) == (people, people)
    assert AuditEntry.objects.filter(action="account.link_removed").count() == 1


def test_suspended_person_cannot_file_a_claim_around_the_suspension(client, office_user, jena):
    person = factories.CoordinatorFactory(municipality=jena)
    link_suspend(actor=office_user, municipality_id=jena.pk, user_id=person.pk)
    person.refresh_from_db()
    client.force_login(person)

    response = client.post(reverse("applications:claim"), {"function": "A", "authority": "B"})

    assert response["Location"] == reverse("applications:index")
    assert MunicipalityClaim.objects.count() == 0
    with pytest.raises(Exception) as error:
        municipality_claim_submit(user=person, function="A", authority="B")
    assert error.value.messages == ["Die Geschäftsstelle hat Ihren Zugang ausgesetzt."]
