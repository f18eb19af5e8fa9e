from django.shortcuts import render

from accounts.models import Role
from core.permissions import require_roles
from office.selectors import call_status_counts


@require_roles(Role.OFFICE)
def index(request):
    return render(request, "office/index.html", {"calls": call_status_counts()})
