from django.shortcuts import render

from accounts.models import Role
from core.permissions import require_roles
from reviews.selectors import call_review_overview


@require_roles(Role.OFFICE)
def office_index(request):
    return render(request, "reviews/office/index.html", {"calls": call_review_overview()})
