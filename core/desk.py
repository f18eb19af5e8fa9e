"""The office's desk: what is due (to-do counters) and the programme's coming dates.

The office's start page and its deadline calendar live low in the layers, but what is
due belongs to the apps above them. Each app names its part in a ``desk.py`` module with
``register_counter(Counter(...))`` and ``register_dates(DateSource(...))``; ``counters()``
and ``date_sources()`` import those modules of all installed apps once, so core (and the
office) never import the apps above them.

A counter asks its app in one query what is open and answers with one ``Todo`` per
list that shows those items (say, per cohort); no ``Todo`` means nothing is open, which
the start page says instead of hiding the counter. A date source answers the dates in a
window, each with a stable ``uid`` for the calendar feed.
"""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class Todo:
    """``count`` open items, said in ``label``, all shown by the list at ``url``."""

    label: str
    count: int
    url: str


@dataclass(frozen=True)
class Counter:
    """One kind of open work. ``title`` names it on the start page (German, lazy);
    ``url`` is the work area to open when nothing is open; ``collect(today)`` returns
    the open items as ``Todo`` rows, in a fixed number of queries. The start page
    lists the counters by ``position``."""

    name: str
    title: str
    url: Callable[[], str]
    collect: Callable[[dt.date], list[Todo]]
    position: int = 100


@dataclass(frozen=True)
class Deadline:
    """One date of the programme (a whole day). ``uid`` stays the same for the same
    item, so that a calendar updates its entry instead of adding another;
    ``title_german`` says the title was entered in German only (marked on English
    pages)."""

    day: dt.date
    kind: str
    title: str
    url: str
    uid: str
    title_german: bool = False


@dataclass(frozen=True)
class DateSource:
    """``collect(first, last)`` returns the dates from ``first`` to ``last``
    (inclusive), in a fixed number of queries."""

    name: str
    collect: Callable[[dt.date, dt.date], Iterable[Deadline]]


_counters: dict[str, Counter] = {}
_sources: dict[str, DateSource] = {}
_discovered = False


def _register(registry: dict, item):
    known = registry.get(item.name)
    if known is not None and known != item:
        raise ImproperlyConfigured(f"{item.name!r} is already registered on the desk.")
    registry[item.name] = item
    return item


def register_counter(counter: Counter) -> Counter:
    """Add ``counter`` to the start page; the same name twice is a mistake."""
    return _register(_counters, counter)


def register_dates(source: DateSource) -> DateSource:
    """Add ``source`` to the deadline calendar; the same name twice is a mistake."""
    return _register(_sources, source)


def _discover() -> None:
    global _discovered
    if not _discovered:
        autodiscover_modules("desk")
        _discovered = True


def counters() -> list[Counter]:
    """Every registered counter, by position."""
    _discover()
    return sorted(_counters.values(), key=lambda counter: (counter.position, counter.name))


def date_sources() -> list[DateSource]:
    _discover()
    return list(_sources.values())


@dataclass(frozen=True)
class TodoGroup:
    counter: Counter
    todos: list[Todo]

    @property
    def open(self) -> int:
        return sum(todo.count for todo in self.todos)

    @property
    def area_url(self) -> str:
        return self.counter.url()


def todo_groups(*, today: dt.date) -> list[TodoGroup]:
    """What is due today, per counter; a counter without open items has no rows."""
    return [
        TodoGroup(counter=c, todos=[t for t in c.collect(today) if t.count]) for c in counters()
    ]


def deadlines(*, first: dt.date, last: dt.date) -> list[Deadline]:
    """The dates of every source from ``first`` to ``last``, by day, then kind and title."""
    found = [
        deadline
        for source in date_sources()
        for deadline in source.collect(first, last)
        if first <= deadline.day <= last
    ]
    return sorted(found, key=lambda d: (d.day, str(d.kind), d.title, d.uid))
