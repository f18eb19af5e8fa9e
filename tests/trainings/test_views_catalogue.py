import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from accounts.models import Role
from tests import factories
from tests.helpers import finish, login_verified, minimal_pdf
from tests.trainings.conftest import make_version
from trainings.models import ModuleMaterial

pytestmark = pytest.mark.django_db


def material_of(version, name="handout.pdf", content=None):
    material = ModuleMaterial(version=version, title="Handout", file_name=name)
    material.file.save("material.pdf", ContentFile(content or minimal_pdf()), save=True)
    return material


def test_catalogue_shows_the_latest_published_version_of_each_module(
    client, call, coordinator, version
):
    make_version(code=version.module.code, title="Grundlagen, überarbeitet", number=2)
    make_version(code=version.module.code, title="Grundlagen, Entwurf", number=3, published=False)
    login_verified(client, coordinator)
    response = client.get(reverse("trainings:catalogue"))
    assert response.status_code == 200
    assert [v.title for v in response.context["versions"]] == ["Grundlagen, überarbeitet"]


def test_catalogue_answers_404_outside_a_model_municipality(client, version):
    outsider = factories.CoordinatorFactory()
    login_verified(client, outsider)
    assert client.get(reverse("trainings:catalogue")).status_code == 404


def test_catalogue_refuses_a_reviewer(client, version):
    login_verified(client, factories.UserFactory(role=Role.REVIEWER))
    assert client.get(reverse("trainings:catalogue")).status_code == 403


def test_catalogue_is_open_to_trainers(client, trainer, version):
    login_verified(client, trainer)
    assert client.get(reverse("trainings:catalogue")).status_code == 200


@pytest.mark.parametrize("modules", [1, 6])
def test_catalogue_query_count_is_constant(
    client, call, coordinator, django_assert_num_queries, modules
):
    for n in range(modules):
        material_of(make_version(code=f"modul-{n}", title=f"Modul {n}"))
    login_verified(client, coordinator)
    # session, user, programme call, versions, main menu
    with django_assert_num_queries(5):
        response = client.get(reverse("trainings:catalogue"))
    assert len(response.context["versions"]) == modules


def test_catalogue_detail_of_a_draft_answers_404(client, call, coordinator):
    draft = make_version(published=False)
    login_verified(client, coordinator)
    response = client.get(reverse("trainings:catalogue_detail", args=[draft.pk]))
    assert response.status_code == 404


def test_catalogue_detail_lists_materials(client, call, coordinator, version):
    material = material_of(version, name="Handout Grundlagen.pdf")
    login_verified(client, coordinator)
    response = client.get(reverse("trainings:catalogue_detail", args=[version.pk]))
    assert response.status_code == 200
    assert reverse("trainings:material_download", args=[material.pk]) in response.text


def test_material_download_gives_the_file_as_attachment(client, call, coordinator, version):
    material = material_of(version, name="Handout Grundlagen.pdf")
    login_verified(client, coordinator)
    response = client.get(reverse("trainings:material_download", args=[material.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert finish(response) == minimal_pdf()


def test_material_download_of_a_draft_answers_404_to_a_municipality(client, call, coordinator):
    material = material_of(make_version(published=False))
    login_verified(client, coordinator)
    response = client.get(reverse("trainings:material_download", args=[material.pk]))
    assert response.status_code == 404


def test_material_download_of_a_draft_is_open_to_the_office(office_client):
    material = material_of(make_version(published=False))
    response = office_client.get(reverse("trainings:material_download", args=[material.pk]))
    finish(response)
    assert response.status_code == 200


def test_material_download_refuses_a_reviewer(client, version):
    material = material_of(version)
    login_verified(client, factories.UserFactory(role=Role.REVIEWER))
    response = client.get(reverse("trainings:material_download", args=[material.pk]))
    assert response.status_code == 403


def test_material_download_answers_404_outside_a_model_municipality(client, version):
    material = material_of(version)
    login_verified(client, factories.CoordinatorFactory())
    response = client.get(reverse("trainings:material_download", args=[material.pk]))
    assert response.status_code == 404
