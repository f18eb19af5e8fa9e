from django.shortcuts import render

from accounts.models import Role
from core.permissions import require_roles
from core.selectors import scheduled_jobs_overview, scheduler_checked_at


@require_roles(Role.OFFICE)
def scheduled_jobs(request):
    return render(
        request,
        "office/scheduled_jobs.html",
        {"states": scheduled_jobs_overview(), "checked_at": scheduler_checked_at()},
    )
