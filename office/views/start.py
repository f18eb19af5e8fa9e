from django.shortcuts import render
from django.utils import timezone

from accounts.models import Role
from core.desk import todo_groups
from core.permissions import require_roles
from office.selectors import call_status_counts


@require_roles(Role.OFFICE)
def index(request):
    context = {
        "todos": todo_groups(today=timezone.localdate()),
        "calls": call_status_counts(),
    }
    return render(request, "office/index.html", context)
