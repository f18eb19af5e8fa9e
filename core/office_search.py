"""The office's one search box: each app says what it can find.

An app registers a ``SearchProvider`` in its ``office_search.py``; ``providers()`` imports
those modules of all installed apps once (like ``core.scheduling`` does with ``jobs.py``),
so the kit names no app and an app reaches nothing above it. A provider answers a query
with at most ``limit`` hits and the number of all matches, in one database query
(``found`` counts with a window function beside the rows it returns).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Count, QuerySet, Window
from django.utils.module_loading import autodiscover_modules

# Shorter queries match too much to be useful (and "a" would scan every name).
MIN_QUERY_LENGTH = 2
MAX_QUERY_LENGTH = 100
# Hits shown per kind; the link to the full list leads to the rest.
GROUP_LIMIT = 5


@dataclass(frozen=True)
class Hit:
    title: str
    subtitle: str
    url: str
    # The language of a title people entered in one language only ("de"), so that pages
    # in another language mark it; "" for a title in the page's language.
    lang: str = ""


@dataclass(frozen=True)
class Found:
    hits: list[Hit]
    total: int


@dataclass(frozen=True)
class SearchProvider:
    """What one kind of record answers to a query.

    ``search(query, limit)`` returns ``Found`` with one query; ``more_url(query)`` the
    address of the full filtered list, or "" where there is none.
    """

    key: str
    label: object
    order: int
    search: Callable[[str, int], Found]
    more_url: Callable[[str], str] = lambda query: ""


@dataclass(frozen=True)
class Group:
    provider: SearchProvider
    hits: list[Hit]
    total: int
    more_url: str

    @property
    def label(self):
        return self.provider.label

    @property
    def key(self) -> str:
        return self.provider.key


_providers: dict[str, SearchProvider] = {}
_discovered = False


def register(provider: SearchProvider) -> SearchProvider:
    known = _providers.get(provider.key)
    if known is not None and known != provider:
        raise ImproperlyConfigured(f"A search provider {provider.key!r} is already registered.")
    _providers[provider.key] = provider
    return provider


def providers() -> list[SearchProvider]:
    """Every registered provider, in its order on the results page."""
    global _discovered
    if not _discovered:
        autodiscover_modules("office_search")
        _discovered = True
    return sorted(_providers.values(), key=lambda provider: (provider.order, provider.key))


def found(queryset: QuerySet, *, limit: int, hit: Callable[[object], Hit]) -> Found:
    """The first ``limit`` rows of ``queryset`` as hits, and how many match in all – in
    one query: the count is a window over the whole filtered set, computed before the
    limit applies."""
    rows = list(queryset.annotate(search_total=Window(Count("pk")))[:limit])
    return Found(hits=[hit(row) for row in rows], total=rows[0].search_total if rows else 0)


def query_is_searchable(query: str) -> bool:
    return len(query.strip()) >= MIN_QUERY_LENGTH


def search_all(*, query: str, limit: int = GROUP_LIMIT) -> list[Group]:
    """The hits of every provider for ``query`` (one query each); kinds without hits
    are left out."""
    query = query.strip()[:MAX_QUERY_LENGTH]
    if not query_is_searchable(query):
        return []
    groups = []
    for provider in providers():
        result = provider.search(query, limit)
        if result.total:
            groups.append(
                Group(
                    provider=provider,
                    hits=result.hits,
                    total=result.total,
                    more_url=provider.more_url(query),
                )
            )
    return groups
