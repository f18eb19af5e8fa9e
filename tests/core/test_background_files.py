"""Files made in the background on a visitor's request: the first request to miss one
claims it, later ones find the claim, and a claim left by a worker that died runs out."""

import datetime as dt
import uuid

import pytest
import time_machine
from django.core.files.storage import default_storage
from django.utils import timezone

from core import background_files

PATIENCE = dt.timedelta(minutes=10)


@pytest.fixture
def name():
    name = f"tests/background/{uuid.uuid4().hex}.pdf"
    yield name
    background_files.release(name)


def test_only_the_first_claim_counts(name):
    assert background_files.claim(name, PATIENCE) is True
    assert background_files.claim(name, PATIENCE) is False
    assert background_files.claim(name, PATIENCE) is False


def test_a_claim_older_than_the_patience_is_taken_again(name):
    assert background_files.claim(name, PATIENCE)

    with time_machine.travel(timezone.now() + dt.timedelta(minutes=9), tick=False):
        assert background_files.claim(name, PATIENCE) is False
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=11), tick=False):
        assert background_files.claim(name, PATIENCE) is True
        assert background_files.claim(name, PATIENCE) is False


def test_released_claims_can_be_made_again_and_leave_no_file(name):
    background_files.claim(name, PATIENCE)
    background_files.release(name)
    background_files.release(name)  # releasing twice does no harm

    directory, _ = name.rsplit("/", 1)
    assert default_storage.listdir(directory)[1] == []
    assert background_files.claim(name, PATIENCE) is True
