"""A participant compares the version they commented on with what the office made of it."""

from django.shortcuts import render

from core.permissions import require_roles
from recommendations import diff, selectors
from recommendations.forms import LaterVersionForm
from recommendations.round_comparison import later_versions, round_get_for_comparison


@require_roles()
def round_compare(request, round_pk: int):
    round = round_get_for_comparison(user=request.user, round_pk=round_pk)
    versions = later_versions(user=request.user, round=round)
    context = {"round": round, "old": round.version, "versions": versions, "changes": None}
    if versions:
        data = request.GET if "new" in request.GET else {"new": versions[0].pk}
        form = LaterVersionForm(data, versions=versions)
        context["form"] = form
        if form.is_valid():
            new = next(v for v in versions if v.pk == form.cleaned_data["new"])
            changes = diff.compare_documents(
                selectors.version_snapshot(version=round.version),
                selectors.version_snapshot(version=new),
            )
            context.update(
                new=new,
                changes=changes,
                changed_count=sum(1 for change in changes if change.status != diff.UNCHANGED),
            )
    return render(request, "recommendations/round_compare.html", context)
