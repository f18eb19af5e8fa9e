"""The office's page of one municipality: each app contributes its section.

An app registers a ``Section`` in its ``municipality_page.py``; ``sections()`` imports
those modules of all installed apps once (like ``core.scheduling`` with ``jobs.py``), so
the page in ``office`` reaches the apps above it without importing them. A section's
``context(municipality)`` reads with a fixed number of queries, however much the
municipality has, and its template renders that context under the section's heading.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class Section:
    key: str
    title: object
    order: int
    template: str
    context: Callable[[object], dict]


@dataclass(frozen=True)
class FilledSection:
    section: Section
    context: dict

    @property
    def key(self) -> str:
        return self.section.key

    @property
    def title(self):
        return self.section.title

    @property
    def template(self) -> str:
        return self.section.template


_sections: dict[str, Section] = {}
_discovered = False


def register(section: Section) -> Section:
    known = _sections.get(section.key)
    if known is not None and known != section:
        raise ImproperlyConfigured(f"A municipality section {section.key!r} is already registered.")
    _sections[section.key] = section
    return section


def sections() -> list[Section]:
    """Every registered section, in its order on the page."""
    global _discovered
    if not _discovered:
        autodiscover_modules("municipality_page")
        _discovered = True
    return sorted(_sections.values(), key=lambda section: (section.order, section.key))


def municipality_sections(*, municipality) -> list[FilledSection]:
    """Each section with what it shows of ``municipality``."""
    return [
        FilledSection(section=section, context=section.context(municipality))
        for section in sections()
    ]
