import pytest
from django.core.exceptions import ValidationError

from accounts.models import Role
from accounts.services.common import municipality_for_role


def test_municipality_for_role_a_municipal_role_needs_one():
    with pytest.raises(ValidationError) as error:
        municipality_for_role(role=Role.COORDINATOR, municipality=None)

    assert list(error.value.error_dict) == ["municipality"]


def test_municipality_for_role_drops_it_for_a_role_without_one(municipality):
    assert municipality_for_role(role=Role.TRAINER, municipality=municipality) is None


def test_municipality_for_role_keeps_a_reviewers_home(municipality):
    kept = municipality_for_role(role=Role.REVIEWER, municipality=municipality)

    assert kept == municipality
