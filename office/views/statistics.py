from django.shortcuts import render

from accounts.models import Role
from core.permissions import require_roles
from office.forms import StatisticsFilterForm
from office.selectors import application_statistics


@require_roles(Role.OFFICE)
def statistics(request):
    form = StatisticsFilterForm(request.GET or None)
    stats = application_statistics(**form.filters())
    return render(request, "office/statistics.html", {"form": form, "stats": stats})
