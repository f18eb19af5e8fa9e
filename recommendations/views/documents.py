"""The office's pages of the recommendations document: documents, versions, freezing,
the changelog and the comparison of two versions."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Role
from core.formviews import attempt, bind
from core.permissions import require_roles
from recommendations import diff, selectors, services
from recommendations.forms import ChangelogForm, CompareForm, DocumentForm, FreezeForm


@require_roles(Role.OFFICE)
def document_list(request):
    documents = list(selectors.documents_office())
    return render(request, "recommendations/document_list.html", {"documents": documents})


@require_roles(Role.OFFICE)
def document_create(request):
    form = bind(DocumentForm, request)
    if request.method == "POST" and form.is_valid():
        document = attempt(
            form, lambda: services.document_create(actor=request.user, **form.cleaned_data)
        )
        if document is not None:
            messages.success(
                request, _("Das Dokument ist angelegt, mit einem leeren ersten Entwurf.")
            )
            return redirect("recommendations_office:document_detail", document_pk=document.pk)
    return render(request, "recommendations/document_form.html", {"form": form})


@require_roles(Role.OFFICE)
def document_detail(request, document_pk: int):
    document = selectors.document_get_office(document_pk=document_pk)
    versions = selectors.document_versions(document=document)
    context = {
        "document": document,
        "versions": versions,
        "has_draft": any(v.is_draft for v in versions),
    }
    return render(request, "recommendations/document_detail.html", context)


@require_roles(Role.OFFICE)
@require_POST
def draft_create(request, document_pk: int):
    document = selectors.document_get_office(document_pk=document_pk)
    draft = services.version_draft_create(document=document, actor=request.user)
    messages.success(
        request,
        _("%(label)s ist angelegt. Er beginnt als Kopie der letzten Fassung.")
        % {"label": draft.label},
    )
    return redirect("recommendations_office:version_detail", version_pk=draft.pk)


@require_roles(Role.OFFICE)
def version_detail(request, version_pk: int):
    version = selectors.version_get_office(version_pk=version_pk)
    context = {"version": version, "chapters": selectors.version_outline(version=version)}
    return render(request, "recommendations/version_detail.html", context)


@require_roles(Role.OFFICE)
def changelog_edit(request, version_pk: int):
    version = selectors.version_get_office(version_pk=version_pk)
    form = bind(ChangelogForm, request, initial={"changelog": version.changelog})
    if request.method == "POST" and form.is_valid():
        saved = attempt(
            form,
            lambda: services.version_changelog_edit(
                version=version, changelog=form.cleaned_data["changelog"], actor=request.user
            ),
        )
        if saved is not None:
            messages.success(request, _("Die Änderungsübersicht ist gespeichert."))
            return redirect("recommendations_office:version_detail", version_pk=version.pk)
    return render(
        request, "recommendations/changelog_form.html", {"version": version, "form": form}
    )


@require_roles(Role.OFFICE)
def version_freeze(request, version_pk: int):
    version = selectors.version_get_office(version_pk=version_pk)
    if not version.is_draft:
        messages.info(request, _("Diese Fassung ist bereits eingefroren."))
        return redirect("recommendations_office:version_detail", version_pk=version.pk)
    form = bind(FreezeForm, request, initial={"label": version.label})
    if request.method == "POST" and form.is_valid():
        frozen = attempt(
            form,
            lambda: services.version_freeze(
                version=version, label=form.cleaned_data["label"], actor=request.user
            ),
        )
        if frozen is not None:
            messages.success(
                request,
                _("%(label)s ist eingefroren; ihr Text ändert sich nicht mehr.")
                % {"label": frozen.label},
            )
            return redirect("recommendations_office:version_detail", version_pk=version.pk)
    return render(request, "recommendations/freeze_form.html", {"version": version, "form": form})


@require_roles(Role.OFFICE)
def compare(request, document_pk: int):
    """Two versions side by side as one text with the words that changed marked. With
    no choice yet, the newest version against the one before it."""
    document = selectors.document_get_office(document_pk=document_pk)
    versions = selectors.document_versions(document=document)
    initial = {}
    if len(versions) >= 2:
        initial = {"old": versions[1].pk, "new": versions[0].pk}
    data = request.GET if "old" in request.GET else (initial or None)
    form = CompareForm(data, versions=versions)
    context = {"document": document, "form": form, "versions": versions, "changes": None}
    if form.is_bound and form.is_valid():
        by_pk = {v.pk: v for v in versions}
        old, new = by_pk[form.cleaned_data["old"]], by_pk[form.cleaned_data["new"]]
        changes = diff.compare_documents(
            selectors.version_snapshot(version=old), selectors.version_snapshot(version=new)
        )
        context.update(
            old=old,
            new=new,
            changes=changes,
            changed_count=sum(1 for change in changes if change.status != diff.UNCHANGED),
        )
    return render(request, "recommendations/compare.html", context)
