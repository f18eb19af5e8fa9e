"""The office publishes a frozen version for everyone."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.models import Role
from core.formviews import attempt, bind
from core.permissions import require_roles
from recommendations import selectors, services
from recommendations.forms import PublishForm
from recommendations.models import Licence, VersionState


@require_roles(Role.OFFICE)
def version_publish(request, version_pk: int):
    version = selectors.version_get_office(version_pk=version_pk)
    if version.state == VersionState.PUBLISHED:
        messages.info(request, _("Diese Fassung ist bereits veröffentlicht."))
        return redirect("recommendations_office:version_detail", version_pk=version.pk)
    if version.is_draft:
        messages.error(
            request,
            _("Ein Entwurf kann nicht veröffentlicht werden. Frieren Sie die Fassung zuerst ein."),
        )
        return redirect("recommendations_office:version_detail", version_pk=version.pk)
    form = bind(PublishForm, request, initial={"licence": Licence.CC_BY})
    if request.method == "POST" and form.is_valid():
        published = attempt(
            form,
            lambda: services.version_publish(
                version=version, licence=form.cleaned_data["licence"], actor=request.user
            ),
        )
        if published is not None:
            messages.success(
                request,
                _("%(label)s ist veröffentlicht und für alle lesbar.") % {"label": published.label},
            )
            return redirect("recommendations_office:version_detail", version_pk=version.pk)
    return render(request, "recommendations/publish_form.html", {"version": version, "form": form})
