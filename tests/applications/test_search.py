import pytest

from applications.models import Application
from applications.selectors import application_search
from tests import factories


@pytest.fixture
def applications(db):
    call = factories.CallFactory()
    return {
        "muellheim": factories.ApplicationFactory(
            call=call,
            reference="KFA-A-00001",
            municipality=factories.MunicipalityFactory(name="Müllheim", key="08315074"),
        ),
        "koeln": factories.ApplicationFactory(
            call=call,
            reference="KFA-B-00002",
            municipality=factories.MunicipalityFactory(name="Köln", key="05315000"),
        ),
    }


def found(query: str) -> set[str]:
    matches = application_search(applications=Application.objects.all(), query=query)
    return {application.municipality.name for application in matches}


def test_application_search_folds_case_and_umlauts(applications):
    assert found("MUELL") == {"Müllheim"}


def test_application_search_by_start_of_official_key(applications):
    assert found("0531") == {"Köln"}


def test_application_search_by_key_does_not_match_the_middle(applications):
    assert found("315") == set()


def test_application_search_by_start_of_reference(applications):
    assert found("kfa-b") == {"Köln"}


def test_application_search_blank_query_keeps_every_application(applications):
    assert found("  ") == {"Müllheim", "Köln"}
