"""The expense form marks what must be filled in, and a refused one leads from its error
summary to the field."""

import re

import pytest

from tests.funding import test_views_municipal as municipal
from tests.helpers import login_verified

pytestmark = pytest.mark.django_db

CREATE = municipal.CREATE
money = municipal.money


@pytest.fixture
def coordinator_client(client, money):
    login_verified(client, money.coordinator)
    return client


def test_expense_form_stars_required_fields_and_explains_the_star(coordinator_client):
    html = coordinator_client.get(CREATE).content.decode()

    assert html.count("Pflichtfelder sind mit * markiert.") == 1
    assert re.search(
        r'<label class="kern-label" for="id_amount">[^<]*'
        r'<span class="required-mark" aria-hidden="true"></span></label>',
        html,
    )
    assert re.search(r'<input [^>]*aria-required="true"[^>]*id="id_amount"', html)


def test_refused_expense_puts_a_focus_target_summary_linking_to_the_field(coordinator_client):
    response = coordinator_client.post(CREATE, municipal.expense_data(amount="12,345"))

    html = response.content.decode()
    assert 'role="alert" tabindex="-1" data-error-summary>' in html
    assert re.search(r'<li><a class="kern-link" href="#id_amount">[^<]* – Bitte geben Sie', html)
    assert re.search(r'<input [^>]*aria-invalid="true"[^>]*id="id_amount"', html)
