"""The office's table of review scores per application of a call."""

from django.shortcuts import render

from accounts.models import Role
from calls.selectors import call_get_office
from core.permissions import require_roles
from reviews.selectors import criteria_of_call, score_rows, score_sort_normalize

SORTABLE = ("name", "overall", "spread")


def _header(key: str, current: str) -> dict:
    active_key, descending = current.lstrip("-"), current.startswith("-")
    active = key == active_key
    # Scores start high to low, names A to Z; a click on the active column flips it.
    first = "name" if key == "name" else f"-{key}"
    flipped = key if descending else f"-{key}"
    return {
        "next": flipped if active else first,
        "aria_sort": ("descending" if descending else "ascending") if active else "",
    }


@require_roles(Role.OFFICE)
def scores(request, call_pk: int):
    call = call_get_office(call_pk=call_pk)
    sort = score_sort_normalize(request.GET.get("sort"))
    criteria = criteria_of_call(call=call)
    rows = score_rows(call=call, sort=sort)
    context = {
        "call": call,
        "criteria": criteria,
        "rows": [
            {"row": row, "values": [row.score.per_criterion.get(c.key) for c in criteria]}
            for row in rows
        ],
        "sort": sort,
        "headers": {key: _header(key, sort) for key in SORTABLE},
    }
    return render(request, "reviews/office/scores.html", context)
