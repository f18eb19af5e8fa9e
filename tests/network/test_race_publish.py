"""Two runs of the monthly publication at the same moment publish one snapshot. Runs on
PostgreSQL only (see conftest.py): SQLite locks the whole database."""

import threading

import pytest
from django.db import connection

from network.models import CountSnapshot
from network.services import counts_publish
from tests import factories
from tests.network.helpers import members
from tests.programme_helpers import model_cohort

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]


def test_two_publications_at_once_store_one_snapshot():
    municipality = factories.MunicipalityFactory()
    call = model_cohort([municipality])
    members(municipality, 6)
    start = threading.Barrier(2, timeout=5)
    results, errors = [], []

    def publish():
        try:
            start.wait()
            results.append(counts_publish(call=call).pk)
        except BaseException as exc:  # reported by the assert below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=publish) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert errors == []
    assert len(set(results)) == 1
    assert CountSnapshot.objects.filter(call=call).count() == 1
