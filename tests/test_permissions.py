"""Every URL of the site against every role (and anonymous).

A view that declares no access rule fails this test, so no page can be added without
saying who may see it. A logged-in person for whom the view's rule (``view.rule``: its
roles and, where given, its app's named rule) is false gets 403. Every URL with a keyword
that its app declares as naming a municipality's object (``MUNICIPAL_KWARGS`` in the
app's ``rules.py``) is requested by a coordinator of municipality B with municipality A's
object, and must answer 404.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from accounts.models import Role
from core.permissions import PUBLIC
from core.rules import municipal_kwargs
from tests import factories
from tests.helpers import finish, login_verified, minimal_pdf

ROLES = [
    "anonymous",
    "office",
    "reviewer",
    "coordinator",
    "other_coordinator",
    "team_member",
    "advisory",
    "trainer",
    "hr",
]


def all_patterns(resolver=None, prefix="", namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            yield from all_patterns(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            yield (
                f"{namespace}:{entry.name}" if namespace else entry.name,
                prefix + str(entry.pattern),
                entry.callback,
            )


@pytest.fixture
def world(db):
    """Municipality A with an application (and a file answer), municipality B, a call."""
    from applications.services import answer_save, application_start
    from calls.models import Question
    from core.content import ensure_pages

    ensure_pages()
    call = factories.CallFactory(slug="offen")
    version = factories.VersionFactory(call=call)
    section = factories.SectionFactory(version=version)
    factories.QuestionFactory(section=section, key="motivation")
    file_question = factories.QuestionFactory(section=section, key="datei", type=Question.Type.FILE)
    owner = factories.CoordinatorFactory(email="a@kommune-a.de")
    other = factories.CoordinatorFactory(email="b@kommune-b.de")
    application = application_start(call=call, municipality=owner.municipality, actor=owner)
    from django.core.files.uploadedfile import SimpleUploadedFile

    answer = answer_save(
        application=application,
        question=file_question,
        upload=SimpleUploadedFile("a.pdf", minimal_pdf()),
        actor=owner,
    )
    users = {
        "office": factories.UserFactory(role=Role.OFFICE),
        "reviewer": factories.UserFactory(role=Role.REVIEWER),
        "coordinator": owner,
        "other_coordinator": other,
        "team_member": factories.UserFactory(
            role=Role.TEAM_MEMBER, municipality=owner.municipality
        ),
        "advisory": factories.UserFactory(role=Role.ADVISORY, municipality=owner.municipality),
        "trainer": factories.UserFactory(role=Role.TRAINER),
        "hr": factories.UserFactory(role=Role.HR, municipality=owner.municipality),
    }
    from django.utils import timezone

    for person in users.values():
        if person.role in (Role.TEAM_MEMBER, Role.ADVISORY, Role.HR):
            person.municipality_approved_at = timezone.now()
            person.save(update_fields=["municipality_approved_at"])
    from django.core.files.base import ContentFile

    from applications.models import Answer
    from core.feeds import feed_token_renew
    from core.models import FeedToken
    from reviews.models import Assignment, Criterion, Screening
    from selection.services import selection_run_create

    claim = _claim_world()
    # The assistant runs only after the application deadline; the call stays open for
    # the applicant's pages, so the runs are made as if on the day after it. Two runs,
    # so that the comparison of runs shows both.
    import datetime as dt

    import time_machine

    with time_machine.travel(call.deadline + dt.timedelta(days=1), tick=False):
        selection_run_create(call=call, actor=users["office"], candidates=[])
        run = selection_run_create(call=call, actor=users["office"], candidates=[])
    # The application's decision letter, so the office's download finds it.
    from selection.models import LetterDispatch

    LetterDispatch.objects.create(call=call, application=application, outcome="selected")
    reviewed = factories.ApplicationFactory(
        call=call, status="submitted", submitted_at=timezone.now()
    )
    Screening.objects.create(application=reviewed, status="eligible", decided_at=timezone.now())
    review_assignment = Assignment.objects.create(
        application=reviewed, reviewer=users["reviewer"], due_date=timezone.localdate()
    )
    reviewed_file = Answer(application=reviewed, question=file_question, file_name="a.pdf")
    reviewed_file.file.save("a.pdf", ContentFile(minimal_pdf()), save=True)
    criterion = Criterion.objects.create(call=call, key="motivation", label_de="Motivation")
    kwargs = {
        "run_pk": run.pk,
        "criterion_pk": criterion.pk,
        "outcome": "selected",
        "pk": application.pk,
        "answer_pk": answer.pk,
        "number": 1,
        "key": "motivation",
        "slug": call.slug,
        "user_id": other.pk,
        "token": "ungueltig",
        # The office's calendar feed: a real secret, so the walk reads the feed.
        "office_feed_token": feed_token_renew(
            user=users["office"], purpose=FeedToken.Purpose.OFFICE_DEADLINES
        ),
        "uidb64": "MQ",
        "section_pk": section.pk,
        "call_pk": call.pk,
        "question_pk": file_question.pk,
        "version_pk": version.pk,
        "entry_pk": 1,
        "municipality_pk": owner.municipality.pk,
        "user_pk": users["team_member"].pk,
        # The office's note page, on municipality A.
        "note_target": "municipalities.municipality",
        "note_target_pk": owner.municipality.pk,
        # Where "pk" names something other than the application.
        "per_url": {
            "accounts:user_edit": {"pk": users["team_member"].pk},
            "reviews:assignment": {"pk": review_assignment.pk},
            "reviews:assignment_conflict": {"pk": review_assignment.pk},
            "reviews:assignment_file": {
                "pk": review_assignment.pk,
                "answer_pk": reviewed_file.pk,
            },
            "reviews:assignment_remind": {"pk": review_assignment.pk},
            "reviews:assignment_remove": {"pk": review_assignment.pk},
            "municipalities_office:import_status": {"pk": factories.RegisterImportFactory().pk},
            "office:claim_detail": {"pk": claim.pk},
            "office:claim_letter": {"pk": claim.pk},
            "core:demo_mail_attachment": {"attachment_pk": 1},
        },
    }
    world = {"users": users, "kwargs": kwargs, "application": application}
    _programme_world(world, municipalities=[owner.municipality, other.municipality])
    return world


def _claim_world():
    """A pending claim, with a letter, on a municipality that has a draft but no
    approved coordinator."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from accounts.services.links import municipality_claim_submit
    from applications.services import coordinator_choose_municipality

    municipality = factories.MunicipalityFactory(name="Anspruchsstadt")
    factories.ApplicationFactory(municipality=municipality)
    claimant = factories.UserFactory(email="anspruch@example.org")
    coordinator_choose_municipality(user=claimant, municipality=municipality)
    return municipality_claim_submit(
        user=claimant,
        function="Amt",
        authority="OB",
        letter=SimpleUploadedFile("Vollmacht.pdf", minimal_pdf()),
    )


def _programme_world(world, *, municipalities):
    """A and B are model municipalities of a released cohort; each programme app adds
    objects of A and the URL kwargs that reach them."""
    from tests.advisory import permission_world as advisory_world
    from tests.evaluation import permission_world as evaluation_world
    from tests.events import permission_world as events_world
    from tests.funding import permission_world as funding_world
    from tests.network import permission_world as network_world
    from tests.programme import permission_world as programme_world
    from tests.programme_helpers import model_cohort
    from tests.recommendations import permission_world as recommendations_world
    from tests.trainings import permission_world as trainings_world

    world["call"] = model_cohort(municipalities)
    programme_world.extend(world)
    advisory_world.extend(world)
    trainings_world.extend(world)
    network_world.extend(world)
    events_world.extend(world)
    evaluation_world.extend(world)
    funding_world.extend(world)
    recommendations_world.extend(world)
    recommendations_world.extend_field_tests(world)


def build_path(route, kwargs, url_name=""):
    import re

    overrides = kwargs.get("per_url", {}).get(url_name, {})

    def replace(match):
        name = match.group(2)
        if name in overrides:
            return str(overrides[name])
        if name == "slug" and "seite/" in route:
            return "impressum"
        if name == "slug" and "seiten/" in route:
            return "impressum"
        return str(kwargs[name])

    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", replace, route)


def refused(callback, user) -> bool:
    """The view's declared rule says no to ``user`` (who is logged in)."""
    return not callback.rule(user)


def route_kwargs(route: str) -> set[str]:
    import re

    return set(re.findall(r"<(?:\w+:)?(\w+)>", route))


def names_municipal_object(callback, route: str) -> bool:
    """The URL names an object of one municipality (the world's are all A's), so B's
    coordinator must not find it."""
    return bool(route_kwargs(route) & municipal_kwargs(callback))


def expected_statuses(callback, role, path, world, url_name="", route=""):
    """The answers a person in ``role`` may get for a GET of ``path``."""
    access = callback.access
    if access == PUBLIC and path.startswith("/modellkommunen/"):
        return {404}  # the cohort of a call is public only once the office publishes it
    if access == PUBLIC and path.startswith("/demo-postfach/"):
        return {404}  # the demo mailbox exists only with DEBUG, which the tests run without
    if access == PUBLIC:
        # 410: a one-time link with an unknown token is answered as "gone";
        # 301: /favicon.ico points for good to the static icon.
        return {200, 301, 302, 405, 410}
    if role == "anonymous":
        return {302}
    if refused(callback, world["users"][role]):
        return {403}
    if role == "other_coordinator" and names_municipal_object(callback, route):
        # 405: POST-only views refuse a GET before looking anything up; that reveals nothing.
        return {404, 405}
    return {200, 302, 405}


def test_every_view_declares_who_may_use_it():
    undeclared = [
        name
        for name, _route, callback in all_patterns()
        if not hasattr(callback, "access")
        or (callback.access != PUBLIC and getattr(callback, "rule", None) is None)
    ]
    assert undeclared == []


def test_every_municipal_kwarg_is_a_keyword_of_its_apps_urls():
    """A misspelt or stale declaration would silently cover nothing."""
    used, declared = {}, {}
    for _name, route, callback in all_patterns():
        app = callback.__module__.split(".")[0]
        used.setdefault(app, set()).update(route_kwargs(route))
        declared[app] = municipal_kwargs(callback)
    assert {app: names - used[app] for app, names in declared.items() if names - used[app]} == {}


@pytest.mark.parametrize("role", ROLES)
def test_every_url_answers_each_role_as_declared(client, world, role):
    if role != "anonymous":
        login_verified(client, world["users"][role])
    wrong = []
    for name, route, callback in all_patterns():
        path = build_path(route, world["kwargs"], name)
        response = client.get(path)
        finish(response)
        allowed = expected_statuses(callback, role, path, world, name, route)
        if response.status_code not in allowed:
            wrong.append((name, path, response.status_code, sorted(allowed)))
        if role == "anonymous" and allowed == {302}:
            assert response["Location"].startswith("/konto/anmelden/"), (name, response["Location"])
    assert wrong == []


@pytest.mark.parametrize("role", ["anonymous", "trainer", "other_coordinator"])
def test_every_write_is_refused_to_those_who_may_not_make_it(client, world, role):
    """POSTs as well as GETs: a refused person changes nothing anywhere."""
    if role != "anonymous":
        login_verified(client, world["users"][role])
    wrong = []
    for name, route, callback in all_patterns():
        if callback.access == PUBLIC:
            continue
        path = build_path(route, world["kwargs"], name)
        expected = expected_statuses(callback, role, path, world, name, route) - {200, 302, 405}
        if role == "anonymous":
            expected = {302}
        if not expected:
            continue  # a write this role may make; covered by the feature tests
        response = client.post(path, {})
        finish(response)
        if response.status_code not in expected:
            wrong.append((name, path, response.status_code, sorted(expected)))
    assert wrong == []
