"""The survey page marks required and optional questions and leads from its error summary
to the question left out."""

import re

from tests.evaluation import helpers
from tests.evaluation.test_answering import klar_field, page, post


def _legend(html: str, text: str) -> str:
    return re.search(rf'<legend class="kern-label">{text}[^\n]*?</legend>', html).group(0)


def test_survey_marks_required_and_optional_questions_and_explains_the_star(client, version):
    html = page(client, helpers.survey(version)).content.decode()

    assert _legend(html, "Frage klar") == (
        '<legend class="kern-label">Frage klar '
        '<span class="required-mark" aria-hidden="true"></span></legend>'
    )
    assert _legend(html, "Frage themen") == (
        '<legend class="kern-label">Frage themen '
        '<span class="kern-label__optional">– optional</span></legend>'
    )
    assert html.count("Pflichtfelder sind mit * markiert.") == 1
    assert re.search(rf'<input type="radio" name="{klar_field(version)}"[^>]*aria-required', html)


def test_survey_sent_without_a_required_answer_links_the_summary_to_it(client, version):
    response = post(client, helpers.survey(version), {})

    html = response.content.decode()
    assert 'role="alert" tabindex="-1" data-error-summary>' in html
    assert f'<li><a class="kern-link" href="#id_{klar_field(version)}_0">Frage klar – ' in html
    assert f'id="id_{klar_field(version)}_0"' in html
