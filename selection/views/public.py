from django.shortcuts import render

from core.attribution import REGISTER_ATTRIBUTION
from core.permissions import public
from selection.germany_map import germany_map, municipality_places
from selection.selectors import public_cohort_get


@public
def cohort_detail(request, slug: str):
    cohort = public_cohort_get(slug=slug)
    places = municipality_places(municipalities=[m.municipality for m in cohort.members])
    context = {
        "call": cohort.call,
        "publication": cohort.publication,
        "members": cohort.members,
        "map": germany_map(places=places),
        "attribution": REGISTER_ATTRIBUTION,
    }
    return render(request, "selection/public/cohort.html", context)
