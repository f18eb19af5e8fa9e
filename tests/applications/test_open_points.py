"""What stands in the way of submitting: named and linked on the overview, marked at each
field of the sections from the stored answers, and a commitment answered "Nein" warned
about as soon as it is saved."""

import re

import pytest
from django.urls import reverse

from applications.models import Application
from applications.services import SubmissionIncomplete, application_submit
from calls.models import Question
from tests import factories
from tests.applications.conftest import answer

COMMITMENT = "verpflichtung_austausch"


@pytest.fixture
def commitment(call):
    return factories.QuestionFactory(
        section=call.versions.get().sections.get(position=2),
        key=COMMITMENT,
        type=Question.Type.YES_NO,
        label_de="Nimmt die Kommune am Austausch teil?",
        required=True,
        required_value="yes",
    )


@pytest.fixture
def incomplete(application, coordinator, commitment):
    """Three open points: a missing date (section 1), a missing text and a "Nein" to the
    commitment (section 2)."""
    answer(application, coordinator, "ratsbeschluss", "yes")
    answer(application, coordinator, COMMITMENT, "no")
    return application


def _summary_links(html: str) -> list[str]:
    summary = html[html.index('id="offene-angaben"') :]
    summary = summary[: summary.index("</ul>")]
    return re.findall(r'<a class="kern-link" href="([^"]+)">([^<]+)</a>', summary)


def test_refused_submit_names_and_links_each_open_point_and_counts_them(
    coordinator_client, incomplete
):
    response = coordinator_client.post(reverse("applications:submit", args=[incomplete.pk]))

    html = response.content.decode()
    assert response.status_code == 422
    first, second = (reverse("applications:section", args=[incomplete.pk, n]) for n in (1, 2))
    assert _summary_links(html) == [
        (
            f"{first}#id_ratsbeschluss_datum",
            "Stammdaten: Datum des Beschlusses – Bitte füllen Sie dieses Feld aus.",
        ),
        (f"{second}#id_motivation", "Motivation: Motivation – Bitte füllen Sie dieses Feld aus."),
        (
            f"{second}#id_{COMMITMENT}_0",
            "Motivation: Nimmt die Kommune am Austausch teil? – Für die Bewerbung ist die "
            "Antwort „Ja“ erforderlich. Mit dieser Antwort kann die Bewerbung nicht "
            "eingereicht werden.",
        ),
    ]
    assert "Die Bewerbung ist nicht eingereicht. Noch offen: 3 Pflichtangaben</h3>" in html
    assert 'role="alert" tabindex="-1" data-error-summary>' in html
    incomplete.refresh_from_db()
    assert incomplete.status == Application.Status.DRAFT


def test_each_summary_link_leads_to_an_input_of_that_id(coordinator_client, incomplete):
    html = coordinator_client.post(
        reverse("applications:submit", args=[incomplete.pk])
    ).content.decode()

    for href, _text in _summary_links(html):
        path, anchor = href.split("#")
        section = coordinator_client.get(path).content.decode()
        assert re.search(rf'<(input|textarea)[^>]* id="{anchor}"', section), href


def test_overview_lists_the_open_points_before_any_submit_without_focusing_them(
    coordinator_client, incomplete
):
    html = coordinator_client.get(
        reverse("applications:detail", args=[incomplete.pk])
    ).content.decode()

    assert len(_summary_links(html)) == 3
    assert '<h3 class="kern-title">Noch offen: 3 Pflichtangaben</h3>' in html
    assert "data-error-summary" not in html


def test_refused_submit_is_recorded_so_the_sections_can_show_it(incomplete, coordinator):
    with pytest.raises(SubmissionIncomplete):
        application_submit(application=incomplete, actor=coordinator)

    incomplete.refresh_from_db()
    assert incomplete.submit_refused_at is not None
    assert incomplete.status == Application.Status.DRAFT


def test_section_marks_missing_answers_at_their_fields_after_a_refused_submit_and_reload(
    coordinator_client, incomplete
):
    coordinator_client.post(reverse("applications:submit", args=[incomplete.pk]))
    url = reverse("applications:section", args=[incomplete.pk, 2])

    coordinator_client.get(url)
    html = coordinator_client.get(url).content.decode()

    assert re.search(
        r'<textarea [^>]*id="id_motivation" [^>]*aria-describedby="id_motivation_helptext '
        r'id_motivation_error" aria-required="true" aria-invalid="true"',
        html,
    )
    assert (
        '<div id="id_motivation_error"><p class="kern-error" role="alert">'
        '<span class="kern-icon kern-icon--danger kern-icon--default" aria-hidden="true"></span>'
        '<span class="kern-body">Bitte füllen Sie dieses Feld aus.</span></p></div>'
    ) in html
    assert f'id="id_{COMMITMENT}_0" checked aria-required="true" aria-invalid="true"' not in html
    assert f'id="id_{COMMITMENT}_1" checked aria-required="true" aria-invalid="true"' in html
    assert '<a class="kern-link" href="#id_motivation">Motivation – Bitte füllen' in html


def test_section_shows_no_missing_answer_errors_before_a_submit(coordinator_client, incomplete):
    html = coordinator_client.get(
        reverse("applications:section", args=[incomplete.pk, 1])
    ).content.decode()

    assert "Bitte füllen Sie dieses Feld aus." not in html
    assert "data-error-summary" not in html


def test_section_warns_at_a_commitment_answered_no_even_before_a_submit(
    coordinator_client, incomplete
):
    html = coordinator_client.get(
        reverse("applications:section", args=[incomplete.pk, 2])
    ).content.decode()

    assert (
        f'<a class="kern-link" href="#id_{COMMITMENT}_0">Nimmt die Kommune am Austausch teil? – '
        "Für die Bewerbung ist die Antwort „Ja“ erforderlich."
    ) in html
    assert "Bitte füllen Sie dieses Feld aus." not in html


def test_autosave_of_no_to_a_commitment_saves_and_warns_at_the_field(
    coordinator_client, application, commitment
):
    url = reverse("applications:save_answer", args=[application.pk, COMMITMENT])

    html = coordinator_client.post(url, {COMMITMENT: "no"}).content.decode()

    assert html.startswith("Gespeichert um ")
    assert "Bitte beachten Sie den Hinweis zu dieser Angabe." in html
    assert (
        f'<div id="id_{COMMITMENT}_error" hx-swap-oob="true"><p class="kern-error" role="alert">'
    ) in html
    assert "Für die Bewerbung ist die Antwort „Ja“ erforderlich." in html
    assert application.answers.get(question=commitment).value == "no"


def test_autosave_of_yes_to_a_commitment_clears_the_warning(
    coordinator_client, application, commitment
):
    url = reverse("applications:save_answer", args=[application.pk, COMMITMENT])
    coordinator_client.post(url, {COMMITMENT: "no"})

    html = coordinator_client.post(url, {COMMITMENT: "yes"}).content.decode()

    assert "Bitte beachten Sie" not in html
    assert f'<div id="id_{COMMITMENT}_error" hx-swap-oob="true"></div>' in html


def test_autosave_answers_only_the_text_of_the_fields_live_region(coordinator_client, application):
    section = coordinator_client.get(
        reverse("applications:section", args=[application.pk, 2])
    ).content.decode()
    url = reverse("applications:save_answer", args=[application.pk, "motivation"])

    html = coordinator_client.post(url, {"motivation": "Entwurf"}).content.decode()

    assert 'hx-target="#motivation-state" hx-swap="innerHTML"' in section
    assert (
        '<p class="save-state kern-body kern-body--small" id="motivation-state" role="status"></p>'
    ) in section
    assert re.match(r"Gespeichert um \d\d:\d\d Uhr\.\n", html)
    assert 'role="status"' not in html


def test_section_marks_required_questions_and_explains_the_star(coordinator_client, application):
    html = coordinator_client.get(
        reverse("applications:section", args=[application.pk, 2])
    ).content.decode()

    assert "Pflichtfelder sind mit * markiert." in html
    assert ('Motivation <span class="required-mark" aria-hidden="true"></span></label>') in html
    assert (
        'Absichtserklärung <span class="kern-label__optional">– optional</span></label>'
    ) in html
    assert re.search(r'<input [^>]*id="id_absichtserklaerung"', html)
    assert not re.search(r'<input [^>]*id="id_absichtserklaerung"[^>]*aria-required', html)
