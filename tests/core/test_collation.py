"""German alphabetical order of names, on SQLite and on PostgreSQL alike."""

from django.db import connection

from core.collation import German, german_key
from municipalities.models import Municipality
from tests import factories

NAMES = ["Zwickau", "Bremerhaven", "Ulm", "Böblingen", "Übach-Palenberg", "Bochum", "Aachen"]
GERMAN_ORDER = ["Aachen", "Böblingen", "Bochum", "Bremerhaven", "Übach-Palenberg", "Ulm", "Zwickau"]


def test_german_key_sorts_umlauts_with_their_base_letter():
    assert sorted(NAMES, key=german_key) == GERMAN_ORDER


def test_german_key_sorts_sharp_s_as_ss():
    names = ["Strassheim", "Straßberg", "Strasburg"]
    assert sorted(names, key=german_key) == ["Strasburg", "Straßberg", "Strassheim"]


def test_database_orders_names_in_german(db):
    for name in NAMES:
        factories.MunicipalityFactory(name=name)

    ordered = Municipality.objects.order_by(German("name"), "key").values_list("name", flat=True)

    assert list(ordered) == GERMAN_ORDER


def test_database_orders_names_in_german_descending(db):
    for name in NAMES:
        factories.MunicipalityFactory(name=name)

    ordered = Municipality.objects.order_by(German("name").desc()).values_list("name", flat=True)

    assert list(ordered) == list(reversed(GERMAN_ORDER))


def test_database_collation_is_the_one_of_its_vendor(db):
    sql = str(Municipality.objects.order_by(German("name")).query)
    expected = {"sqlite": '"kfa_german"', "postgresql": '"de-x-icu"'}[connection.vendor]
    assert f"COLLATE {expected}" in sql
