import datetime as dt
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from applications.models import Answer, Application
from calls.models import Question
from tests import factories
from tests.applications.conftest import PDF_BYTES


def test_section_post_saves_answers_and_moves_on(coordinator_client, application):
    url = reverse("applications:section", args=[application.pk, 1])
    response = coordinator_client.post(url, {"ratsbeschluss": "no", "next": "1"})
    assert response.status_code == 302
    assert response["Location"] == reverse("applications:section", args=[application.pk, 2])
    assert Answer.objects.get(application=application, question__key="ratsbeschluss").value == "no"


def test_section_post_shows_error_at_the_field(coordinator_client, application):
    url = reverse("applications:section", args=[application.pk, 2])
    response = coordinator_client.post(url, {"motivation": "x" * 3001})
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="id_motivation_error"' in html
    assert "höchstens 3000 Zeichen" in html
    assert 'aria-invalid="true"' in html


def test_section_post_error_summary_links_to_the_field(coordinator_client, application):
    url = reverse("applications:section", args=[application.pk, 2])

    response = coordinator_client.post(url, {"motivation": "x" * 3001})

    assert '<li><a class="kern-link" href="#id_motivation">' in response.content.decode()


def test_save_answer_autosaves_one_field(coordinator_client, application):
    url = reverse("applications:save_answer", args=[application.pk, "motivation"])
    response = coordinator_client.post(url, {"motivation": "Entwurf"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Gespeichert um" in response.content.decode()
    assert (
        Answer.objects.get(application=application, question__key="motivation").value == "Entwurf"
    )


def test_save_answer_with_invalid_value_returns_message_for_the_field(
    coordinator_client, application
):
    url = reverse("applications:save_answer", args=[application.pk, "ratsbeschluss_datum"])
    response = coordinator_client.post(url, {"ratsbeschluss_datum": "31.02.2025"})
    html = response.content.decode()
    assert 'id="id_ratsbeschluss_datum_error" hx-swap-oob="true"' in html
    assert "Bitte ein gültiges Datum eingeben." in html


def test_conditional_question_is_hidden_until_matching_answer(coordinator_client, application):
    url = reverse("applications:section", args=[application.pk, 1])
    hidden = 'data-condition-key="ratsbeschluss" data-condition-value="yes" hidden'
    assert hidden in coordinator_client.get(url).content.decode()
    coordinator_client.post(url, {"ratsbeschluss": "yes"})
    html = coordinator_client.get(url).content.decode()
    assert 'data-condition-key="ratsbeschluss" data-condition-value="yes">' in html


def test_uploaded_file_is_served_only_to_its_municipality(client, application, coordinator):
    client.force_login(coordinator)
    url = reverse("applications:save_answer", args=[application.pk, "absichtserklaerung"])
    client.post(url, {"absichtserklaerung": SimpleUploadedFile("e.pdf", PDF_BYTES)})
    answer = Answer.objects.get(application=application, question__key="absichtserklaerung")
    file_url = reverse("applications:file", args=[application.pk, answer.pk])
    assert b"".join(client.get(file_url).streaming_content) == PDF_BYTES

    stranger = factories.CoordinatorFactory()
    client.force_login(stranger)
    assert client.get(file_url).status_code == 404


def test_other_municipality_gets_404_for_every_application_url(client, application):
    stranger = factories.CoordinatorFactory()
    client.force_login(stranger)
    for name, args in [
        ("applications:detail", [application.pk]),
        ("applications:section", [application.pk, 1]),
        ("applications:answers_pdf", [application.pk]),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 404
    for name in ["applications:submit", "applications:withdraw"]:
        assert client.post(reverse(name, args=[application.pk])).status_code == 404
    response = client.post(
        reverse("applications:save_answer", args=[application.pk, "motivation"]),
        {"motivation": "x"},
    )
    assert response.status_code == 404


def test_detail_after_deadline_says_draft_cannot_be_submitted(coordinator_client, application):
    Application.objects.filter(pk=application.pk).update()
    application.call.deadline = timezone.now() - dt.timedelta(hours=1)
    application.call.opens_at = timezone.now() - dt.timedelta(days=30)
    application.call.save()
    response = coordinator_client.get(reverse("applications:detail", args=[application.pk]))
    html = response.content.decode()
    assert "Dieser Entwurf kann nicht mehr eingereicht werden." in html
    assert reverse("applications:submit", args=[application.pk]) not in html
    response = coordinator_client.post(
        reverse("applications:submit", args=[application.pk]), follow=True
    )
    assert "Dieser Entwurf kann nicht mehr eingereicht werden." in response.content.decode()
    application.refresh_from_db()
    assert application.status == Application.Status.DRAFT


def test_index_sends_coordinator_without_municipality_to_choose_one(client, db):
    person = factories.UserFactory()
    client.force_login(person)
    response = client.get(reverse("applications:index"))
    assert response["Location"] == reverse("applications:choose_municipality")


def test_index_lists_open_calls_to_start(coordinator_client, call):
    html = coordinator_client.get(reverse("applications:index")).content.decode()
    assert reverse("applications:start", args=[call.slug]) in html


def test_uploaded_file_is_always_served_as_pdf_download(client, application, coordinator):
    client.force_login(coordinator)
    url = reverse("applications:save_answer", args=[application.pk, "absichtserklaerung"])
    client.post(url, {"absichtserklaerung": SimpleUploadedFile("brief.html", PDF_BYTES)})
    answer = Answer.objects.get(application=application, question__key="absichtserklaerung")
    response = client.get(reverse("applications:file", args=[application.pk, answer.pk]))
    b"".join(response.streaming_content)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="brief.pdf"'


def test_file_missing_from_storage_answers_404(client, application, coordinator):
    client.force_login(coordinator)
    url = reverse("applications:save_answer", args=[application.pk, "absichtserklaerung"])
    client.post(url, {"absichtserklaerung": SimpleUploadedFile("a.pdf", PDF_BYTES)})
    answer = Answer.objects.get(application=application, question__key="absichtserklaerung")
    answer.file.storage.delete(answer.file.name)
    response = client.get(reverse("applications:file", args=[application.pk, answer.pk]))
    assert response.status_code == 404


def test_choose_municipality_with_malformed_id_shows_message(client, db):
    person = factories.UserFactory()
    client.force_login(person)
    for bad in ["abc", "", "1.5", "999999", "9" * 30]:
        response = client.post(reverse("applications:choose_municipality"), {"municipality": bad})
        assert response.status_code == 302
        follow = client.get(response["Location"])
        assert "Bitte wählen Sie eine Kommune aus der Trefferliste." in follow.content.decode()


def test_municipality_search_with_nul_byte_answers_normally(client, db):
    client.force_login(factories.UserFactory())
    response = client.get(reverse("applications:choose_municipality"), {"q": "Muster\x00stadt"})
    assert response.status_code == 200


def test_withdraw_twice_withdraws_once_mails_once_and_says_whether_to_apply_again(
    coordinator_client, application, django_capture_on_commit_callbacks, mailoutbox
):
    url = reverse("applications:withdraw", args=[application.pk])

    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(url)
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(url, follow=True)

    html = response.content.decode()
    application.refresh_from_db()
    assert application.status == Application.Status.WITHDRAWN
    assert len(mailoutbox) == 1
    assert (
        "Eine zurückgezogene Bewerbung lässt sich nicht wieder aufnehmen, und Ihre Kommune "
        "kann sich auf diese Ausschreibung nicht erneut bewerben. Auf spätere "
        "Ausschreibungen kann sie sich wieder bewerben."
    ) in html
    assert reverse("applications:withdraw", args=[application.pk]) not in html


def test_withdraw_confirmation_names_the_mail(coordinator_client, application):
    url = reverse("applications:withdraw", args=[application.pk])

    response = coordinator_client.post(url, follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "Ihre Bewerbung ist zurückgezogen. Sie erhalten eine Bestätigung per E-Mail."
    ]


def rendered_input(html: str, name: str) -> str:
    return re.search(rf'<input[^>]*name="{name}"[^>]*>', html).group(0)


def test_contact_questions_let_the_browser_fill_in_the_persons_details(
    coordinator_client, application
):
    section = application.version.sections.get(position=1)
    for position, key, kind in [
        (10, "kontakt_name", Question.Type.SHORT_TEXT),
        (11, "kontakt_telefon", Question.Type.SHORT_TEXT),
        (12, "kontakt_email", Question.Type.EMAIL),
    ]:
        factories.QuestionFactory(section=section, position=position, key=key, type=kind)
    url = reverse("applications:section", args=[application.pk, 1])

    html = coordinator_client.get(url).content.decode()

    name = rendered_input(html, "kontakt_name")
    phone = rendered_input(html, "kontakt_telefon")
    email = rendered_input(html, "kontakt_email")
    assert 'type="text"' in name
    assert 'autocomplete="name"' in name
    assert 'type="tel"' in phone
    assert 'autocomplete="tel"' in phone
    assert 'type="email"' in email
    assert 'autocomplete="email"' in email


def test_questions_about_the_municipality_offer_no_personal_autofill(
    coordinator_client, application
):
    url = reverse("applications:section", args=[application.pk, 1])

    html = coordinator_client.get(url).content.decode()

    assert "autocomplete" not in rendered_input(html, "kommune_name")


def _submitted(application):
    Application.objects.filter(pk=application.pk).update(
        status=Application.Status.SUBMITTED,
        submitted_at=dt.datetime(2025, 10, 20, 10, 0, tzinfo=dt.UTC),
    )


def test_section_of_submitted_application_shows_answers_as_text(
    coordinator_client, application, coordinator
):
    from tests.applications.conftest import answer

    answer(application, coordinator, "motivation", "Weil es uns wichtig ist.")
    _submitted(application)
    url = reverse("applications:section", args=[application.pk, 2])
    html = coordinator_client.get(url).content.decode()
    assert "<input" not in html.split('id="inhalt"')[-1]
    assert "<textarea" not in html
    assert "hx-post" not in html
    assert "Weil es uns wichtig ist." in html
    assert "Eingereicht am 20.10.2025 – die Bewerbung kann nicht mehr geändert werden." in html


def test_section_of_withdrawn_application_says_when_it_was_withdrawn(
    coordinator_client, application
):
    Application.objects.filter(pk=application.pk).update(
        status=Application.Status.WITHDRAWN,
        withdrawn_at=dt.datetime(2025, 10, 21, 10, 0, tzinfo=dt.UTC),
    )
    url = reverse("applications:section", args=[application.pk, 1])
    html = coordinator_client.get(url).content.decode()
    assert "<textarea" not in html
    assert "Zurückgezogen am 21.10.2025 – die Bewerbung kann nicht mehr geändert werden." in html


def test_section_post_of_submitted_application_is_refused(
    coordinator_client, application, coordinator
):
    _submitted(application)
    url = reverse("applications:section", args=[application.pk, 2])
    response = coordinator_client.post(url, {"motivation": "Später geändert"}, follow=True)
    assert "Diese Bewerbung kann nicht mehr geändert werden." in response.content.decode()
    assert not Answer.objects.filter(application=application, question__key="motivation").exists()
