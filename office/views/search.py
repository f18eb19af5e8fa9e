"""The office's one search box: municipalities, applications, people, events and
expenses, grouped by kind (each app answers for its own, ``core.office_search``)."""

from django.shortcuts import render

from accounts.models import Role
from core.office_search import (
    GROUP_LIMIT,
    MAX_QUERY_LENGTH,
    MIN_QUERY_LENGTH,
    query_is_searchable,
    search_all,
)
from core.permissions import require_roles


@require_roles(Role.OFFICE)
def search(request):
    # NUL is refused by PostgreSQL in any parameter; it never belongs in a search.
    query = request.GET.get("q", "").replace("\x00", "").strip()[:MAX_QUERY_LENGTH]
    searchable = query_is_searchable(query)
    context = {
        "search_query": query,
        "too_short": bool(query) and not searchable,
        "groups": search_all(query=query) if searchable else [],
        "min_length": MIN_QUERY_LENGTH,
        "group_limit": GROUP_LIMIT,
    }
    return render(request, "office/search.html", context)
