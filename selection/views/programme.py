"""The programme area of a model municipality: where the next stages of the programme
(commitments, trainings, network, funding) will appear. For now it says which cohort the
municipality belongs to."""

from django.shortcuts import render

from accounts.models import MUNICIPAL_ROLES
from core.permissions import require_roles
from selection.selectors import cohort_calls_for_municipality


@require_roles(*MUNICIPAL_ROLES)
def programme_area(request):
    municipality_id = request.user.approved_municipality_id
    calls = (
        cohort_calls_for_municipality(municipality_id=municipality_id) if municipality_id else []
    )
    return render(request, "selection/programme_area.html", {"calls": calls})
