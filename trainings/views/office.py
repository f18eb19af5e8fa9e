"""The programme office keeps the catalogue of training modules."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Role
from core.formviews import attempt, bind
from core.permissions import require_roles
from trainings import selectors, services
from trainings.forms import MaterialForm, ModuleCreateForm, PublishForm, TrainersForm, VersionForm


def _saved_to_version(request, form, save, *, version, message: str):
    """Run ``save`` (a service) and, when it took the change, confirm with ``message``
    and go back to the version's page. None when it refused: its errors are then on
    ``form``."""
    if attempt(form, save) is None:
        return None
    messages.success(request, message)
    return redirect("trainings_office:version_detail", module_version_pk=version.pk)


@require_roles(Role.OFFICE)
def catalogue(request):
    rows = list(selectors.module_catalogue_office())
    return render(request, "trainings/office/catalogue.html", {"rows": rows})


@require_roles(Role.OFFICE)
def module_create(request):
    form = bind(ModuleCreateForm, request)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.module_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(
                request,
                _(
                    "Das Modul ist angelegt. Ergänzen Sie Materialien und Trainer*innen und "
                    "veröffentlichen Sie die erste Version."
                ),
            )
            return redirect("trainings_office:version_detail", module_version_pk=version.pk)
    return render(request, "trainings/office/module_form.html", {"form": form})


@require_roles(Role.OFFICE)
def module_detail(request, module_pk: int):
    module = selectors.module_get_office(module_pk=module_pk)
    versions = list(selectors.module_versions(module=module))
    return render(
        request, "trainings/office/module_detail.html", {"module": module, "versions": versions}
    )


@require_roles(Role.OFFICE)
def version_detail(request, module_version_pk: int):
    version = selectors.version_get_office(module_version_pk=module_version_pk)
    context = {
        "version": version,
        "materials": selectors.version_materials(version=version),
        "trainers": selectors.version_trainers(version=version),
        "is_latest": not version.module.versions.filter(number__gt=version.number).exists(),
    }
    return render(request, "trainings/office/version_detail.html", context)


@require_roles(Role.OFFICE)
def version_edit(request, module_version_pk: int):
    version = selectors.version_get_office(module_version_pk=module_version_pk)
    if version.published_at is not None:
        messages.info(
            request,
            _("Diese Version ist veröffentlicht. Für Änderungen legen Sie eine neue Version an."),
        )
        return redirect("trainings_office:version_detail", module_version_pk=version.pk)
    form = bind(VersionForm.for_version, request, version)
    if request.method == "POST" and form.is_valid():
        response = _saved_to_version(
            request,
            form,
            lambda: services.version_update(
                version=version, actor=request.user, **form.cleaned_data
            ),
            version=version,
            message=_("Die Version ist gespeichert."),
        )
        if response:
            return response
    return render(request, "trainings/office/version_form.html", {"version": version, "form": form})


@require_roles(Role.OFFICE)
def version_trainers(request, module_version_pk: int):
    version = selectors.version_get_office(module_version_pk=module_version_pk)
    form = bind(TrainersForm, request, initial={"trainers": list(version.trainers.all())})
    if request.method == "POST" and form.is_valid():
        response = _saved_to_version(
            request,
            form,
            lambda: services.version_trainers_set(
                version=version, trainers=form.cleaned_data["trainers"], actor=request.user
            ),
            version=version,
            message=_("Die Trainer*innen sind gespeichert."),
        )
        if response:
            return response
    return render(
        request, "trainings/office/trainers_form.html", {"version": version, "form": form}
    )


@require_roles(Role.OFFICE)
def version_publish(request, module_version_pk: int):
    version = selectors.version_get_office(module_version_pk=module_version_pk)
    if version.published_at is not None:
        messages.info(request, _("Diese Version ist bereits veröffentlicht."))
        return redirect("trainings_office:version_detail", module_version_pk=version.pk)
    form = bind(PublishForm, request)
    if request.method == "POST" and form.is_valid():
        response = _saved_to_version(
            request,
            form,
            lambda: services.version_publish(
                version=version, status=form.cleaned_data["status"], actor=request.user
            ),
            version=version,
            message=_(
                "Version %(number)s ist veröffentlicht und steht den Modellkommunen zur Verfügung."
            )
            % {"number": version.number},
        )
        if response:
            return response
    return render(
        request, "trainings/office/version_publish.html", {"version": version, "form": form}
    )


@require_roles(Role.OFFICE)
@require_POST
def version_new(request, module_pk: int):
    module = selectors.module_get_office(module_pk=module_pk)
    draft = services.version_new_draft(module=module, actor=request.user)
    messages.success(
        request,
        _(
            "Version %(number)s ist als Entwurf angelegt. Bearbeiten Sie sie und "
            "veröffentlichen Sie sie dann."
        )
        % {"number": draft.number},
    )
    return redirect("trainings_office:version_edit", module_version_pk=draft.pk)


@require_roles(Role.OFFICE)
def material_add(request, module_version_pk: int):
    version = selectors.version_get_office(module_version_pk=module_version_pk)
    if version.published_at is not None:
        messages.info(
            request,
            _(
                "Diese Version ist veröffentlicht. Materialien können Sie nur einer neuen "
                "Version hinzufügen."
            ),
        )
        return redirect("trainings_office:version_detail", module_version_pk=version.pk)
    form = bind(MaterialForm, request)
    if request.method == "POST" and form.is_valid():
        response = _saved_to_version(
            request,
            form,
            lambda: services.material_add(
                version=version,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
                actor=request.user,
            ),
            version=version,
            message=_("Das Material ist hochgeladen."),
        )
        if response:
            return response
    return render(
        request, "trainings/office/material_form.html", {"version": version, "form": form}
    )


@require_roles(Role.OFFICE)
def version_feedback(request, module_version_pk: int):
    version = selectors.version_get_office(module_version_pk=module_version_pk)
    context = {
        "version": version,
        "feedback": list(selectors.version_feedback(version=version)),
        "summary": selectors.suitability_summary(version=version),
    }
    return render(request, "trainings/office/version_feedback.html", context)
