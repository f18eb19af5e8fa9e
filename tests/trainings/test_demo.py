import pytest

from accounts.models import Role, User
from core.uploads import is_pdf
from trainings.demo import DEMO_TRAINER_EMAIL, ensure_demo_modules
from trainings.models import ModuleMaterial, ModuleVersion

pytestmark = pytest.mark.django_db


def test_ensure_demo_modules_publishes_each_module_once():
    first = ensure_demo_modules()
    second = ensure_demo_modules()
    assert [v.pk for v in first] == [v.pk for v in second]
    assert len(first) == 5
    assert ModuleVersion.objects.count() == 5
    assert ModuleMaterial.objects.count() == 5
    assert {v.status for v in first} == {"pilot", "standardised"}
    assert all(v.published_at is not None for v in first)


def test_ensure_demo_modules_names_the_demo_trainer():
    versions = ensure_demo_modules()
    trainer = User.objects.get(email=DEMO_TRAINER_EMAIL)
    assert trainer.role == Role.TRAINER
    assert all(list(v.trainers.all()) == [trainer] for v in versions)
    assert trainer.check_password("Demo-Passwort-2025!")


def test_ensure_demo_modules_handouts_are_real_pdfs():
    ensure_demo_modules()
    materials = list(ModuleMaterial.objects.all())
    assert all(is_pdf(m.file.open("rb")) for m in materials)
    for material in materials:
        material.file.close()
