"""Objects of municipality A for the role × URL test: a published instrument, a survey of
A open now (its public link answers 200 to everyone) and a closed survey of A with five
answers, so its results and charts exist."""

from evaluation.models import Item
from tests.evaluation import helpers


def extend(world: dict) -> None:
    municipality_a = world["users"]["coordinator"].municipality
    version = helpers.instrument(code="welt")
    survey = helpers.closed_survey(version, municipality=municipality_a, call=world["call"])
    helpers.answer(survey, 5, klar=4)
    open_survey = helpers.survey(version, municipality=municipality_a, call=world["call"])
    item = Item.objects.get(version=version, key="klar")
    world["kwargs"].update(
        {
            "instrument_pk": version.instrument_id,
            "instrument_version_pk": version.pk,
            "evaluation_section_pk": item.section_id,
            "evaluation_item_pk": item.pk,
            "survey_pk": survey.pk,
            "survey_token": open_survey.token,
        }
    )
