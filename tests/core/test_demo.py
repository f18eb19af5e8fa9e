"""The demo data: loaded twice without duplicates, consistent with the call's rules."""

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.core.management.base import CommandError

from applications.models import Application
from applications.selectors import answer_values, answers_of_application, questions_of_version
from calls.fields import missing_answers, unmet_requirements
from municipalities.services import register_import


@pytest.fixture
def register(db):
    with open(django_settings.REGISTER_CSV, "rb") as source:
        register_import(source_name="demo", file=source)


def test_load_demo_twice_gives_the_same_data(register):
    call_command("load_demo")
    counts = (Application.objects.count(), Application.objects.filter(status="submitted").count())
    call_command("load_demo")
    assert (
        Application.objects.count(),
        Application.objects.filter(status="submitted").count(),
    ) == counts
    assert counts[0] >= 40


def test_submitted_demo_applications_meet_every_rule_of_the_call(demo_loaded, db):
    submitted = list(Application.objects.filter(status="submitted").select_related("version"))
    assert submitted, "the demo has no submitted application to check"
    for application in submitted:
        values = answer_values(answers_of_application(application=application))
        questions = questions_of_version(version=application.version)
        assert missing_answers(questions, values) == [], application.reference
        assert unmet_requirements(questions, values) == [], application.reference


def test_demo_data_refused_where_not_allowed(db, settings):
    settings.DEMO_DATA_ALLOWED = False
    with pytest.raises(CommandError):
        call_command("load_demo")
