"""The published catalogue, for the model municipalities, trainers and the office."""

from django.http import FileResponse, Http404
from django.shortcuts import render

from accounts.models import MUNICIPAL_ROLES
from core.permissions import require_roles
from programme.cohort import programme_call_for_user
from trainings import selectors
from trainings.files import CONTENT_TYPES, kind_of_stored
from trainings.rules import CATALOGUE_ROLES


def check_catalogue_access(user) -> None:
    """People of a municipality see the catalogue once it is a model municipality."""
    if user.role in MUNICIPAL_ROLES:
        programme_call_for_user(user)


@require_roles(*CATALOGUE_ROLES)
def catalogue(request):
    check_catalogue_access(request.user)
    versions = list(selectors.published_versions())
    return render(request, "trainings/catalogue.html", {"versions": versions})


@require_roles(*CATALOGUE_ROLES)
def catalogue_detail(request, module_version_pk: int):
    check_catalogue_access(request.user)
    version = selectors.published_version_get(module_version_pk=module_version_pk)
    context = {
        "version": version,
        "materials": selectors.version_materials(version=version),
        "trainers": selectors.version_trainers(version=version),
    }
    return render(request, "trainings/catalogue_detail.html", context)


@require_roles(*CATALOGUE_ROLES)
def material_download(request, material_pk: int):
    check_catalogue_access(request.user)
    material = selectors.material_get_for_user(user=request.user, material_pk=material_pk)
    kind = kind_of_stored(material.file)
    try:
        handle = material.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    stem = material.file_name.rsplit(".", 1)[0] if "." in material.file_name else material.file_name
    # Type and suffix come from the checked content, never from the uploader's file name.
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"{stem or 'material'}.{kind}",
        content_type=CONTENT_TYPES[kind],
    )
