"""The title the office writes in German and English (``core.models.BilingualTitle``)."""

import pytest
from django.utils import translation

from calls.models import Call, Section
from core.models import Page

MODELS = [Page, Call, Section]


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_the_english_title_is_shown_in_english(model):
    obj = model(title_de="Ausschreibung", title_en="Call")

    with translation.override("en"):
        assert obj.title == "Call"


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_the_german_title_stands_in_for_a_missing_english_one(model):
    obj = model(title_de="Ausschreibung", title_en="")

    with translation.override("en"):
        assert obj.title == "Ausschreibung"


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_the_german_title_is_shown_in_german_and_names_the_object(model):
    obj = model(title_de="Ausschreibung", title_en="Call")

    with translation.override("de"):
        assert obj.title == "Ausschreibung"
    assert str(obj) == "Ausschreibung"
