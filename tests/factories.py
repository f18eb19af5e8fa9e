"""Test data with no surprising defaults: each factory makes the plainest valid object."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import factory
from django.utils import timezone

from accounts.models import Role, User
from applications.models import Application
from calls.models import Call, Question, QuestionnaireVersion, Section
from municipalities.models import Land, Municipality
from municipalities.search import search_fold

BERLIN = ZoneInfo("Europe/Berlin")
PASSWORD = "Sicheres-Passwort-2025"


class LandFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Land
        django_get_or_create = ("code",)

    code = "05"
    name = "Nordrhein-Westfalen"


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    level = Municipality.Level.GEMEINDE
    key = factory.Sequence(lambda n: f"05{n:06d}")
    ars = factory.LazyAttribute(lambda m: f"{m.key[:5]}0000{m.key[5:]}")
    name = factory.Sequence(lambda n: f"Musterstadt {n}")
    kind = Municipality.Kind.STADT
    land = factory.SubFactory(LandFactory)
    population = 50_000
    size_class = "medium"
    postal_code = "50667"
    urbanisation = Municipality.Urbanisation.DENSE
    search_name = factory.LazyAttribute(lambda m: search_fold(m.name))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    role = Role.COORDINATOR
    email_confirmed_at = factory.LazyFunction(timezone.now)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_after_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class CoordinatorFactory(UserFactory):
    role = Role.COORDINATOR
    municipality = factory.SubFactory(MunicipalityFactory)
    municipality_approved_at = factory.LazyFunction(timezone.now)


class CallFactory(factory.django.DjangoModelFactory):
    """An open call: opened a week ago, deadline in three weeks."""

    class Meta:
        model = Call

    slug = factory.Sequence(lambda n: f"ausschreibung-{n}")
    title_de = factory.Sequence(lambda n: f"Ausschreibung {n}")
    title_en = factory.Sequence(lambda n: f"Call {n}")
    opens_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=7))
    deadline = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=21))
    decision_date = factory.LazyFunction(lambda: (timezone.now() + dt.timedelta(days=30)).date())
    programme_start = dt.date(2027, 1, 1)
    programme_end = dt.date(2029, 12, 31)
    places = 10
    funding_cap_per_year = Decimal("10000.00")
    is_published = True


class VersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuestionnaireVersion

    call = factory.SubFactory(CallFactory)
    number = 1


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    version = factory.SubFactory(VersionFactory)
    position = factory.Sequence(int)
    title_de = factory.Sequence(lambda n: f"Abschnitt {n}")


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    section = factory.SubFactory(SectionFactory)
    version = factory.LazyAttribute(lambda q: q.section.version)
    position = factory.Sequence(int)
    key = factory.Sequence(lambda n: f"frage-{n}")
    type = Question.Type.SHORT_TEXT
    label_de = factory.Sequence(lambda n: f"Frage {n}")
    required = False


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    call = factory.SubFactory(CallFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    version = factory.LazyAttribute(
        lambda a: a.call.versions.order_by("-number").first() or VersionFactory(call=a.call)
    )
    reference = factory.Sequence(lambda n: f"KFA-T-{n:05d}")
    status = Application.Status.DRAFT


# --- municipalities: imports of the register ---------------------------------------


class RegisterImportFactory(factory.django.DjangoModelFactory):
    """A queued upload without a stored file; set ``status`` and progress as needed."""

    class Meta:
        model = "municipalities.RegisterImport"

    source_name = "gemeindeverzeichnis.csv"
    file_format = "csv"
