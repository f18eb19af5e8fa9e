"""Participants per municipality are listed in German alphabetical order."""

from events.selectors import counts_by_municipality
from tests import factories
from tests.events.helpers import make_event, register


def test_counts_by_municipality_order_names_in_german(db):
    event = make_event(capacity=10)
    for index, name in enumerate(["Bremerhaven", "Böblingen", "Bochum"]):
        municipality = factories.MunicipalityFactory(name=name)
        register(event, name=f"Person{index} Beispiel", municipality=municipality)

    names = [row.name for row in counts_by_municipality(event=event) if row.name]

    assert names == ["Böblingen", "Bochum", "Bremerhaven"]
