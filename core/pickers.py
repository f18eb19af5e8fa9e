"""A search instead of a select: one object out of a list too long to send to the page
(the municipality register holds 11,000 entries).

The field renders a search box, the current choice and a short list (the usual
candidates) as radio buttons, and after a search its matches. Without JavaScript the
"Suchen" button sends the whole form back: the view sees ``picker_searching`` and shows
the form again with the matches instead of saving it. With htmx, typing asks the app's
search endpoint (built with ``picker_results``) for the matches only.

The app that owns the objects supplies the search, the labels and the endpoint's URL
name; the field checks on the server that the chosen id is one of its queryset, so an
id sent by hand that does not exist or is not allowed gets the field's German error.
"""

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django import forms
from django.db import models
from django.forms.utils import ErrorDict
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.htmx import vary_on_htmx

# The submit button of a picker carries this name and the field's name as its value.
SEARCH_BUTTON = "picker_suche"
RESULT_LIMIT = 20
FIELD_NAME = re.compile(r"[a-z][a-z0-9_]{0,39}")
MAX_QUERY = 100

Search = Callable[[str, int], Sequence[models.Model]]
Label = Callable[[models.Model], str]


def query_name(name: str) -> str:
    """The name of the search box of the field ``name``."""
    return f"{name}_suche"


def picker_searching(request: HttpRequest, form: forms.BaseForm) -> bool:
    """Whether a POST only asked a picker for matches (its "Suchen" button, or Enter in
    its search box) or for the fields that follow a new choice. The form is then shown
    again as it was filled in, without error messages, and nothing is saved."""
    if request.method != "POST" or SEARCH_BUTTON not in request.POST:
        return False
    # Not validated yet: an empty error list keeps rendering from validating it.
    form._errors = ErrorDict()
    return True


@dataclass(frozen=True)
class Picked:
    """The current choice as the widget shows it; as a string it is the id, as the
    value of an ordinary input would be."""

    pk: str
    label: str

    def __str__(self) -> str:
        return self.pk


@dataclass(frozen=True)
class Option:
    pk: str
    label: str


def options(objects: Sequence[models.Model], label_of: Label) -> list[Option]:
    return [Option(pk=str(obj.pk), label=label_of(obj)) for obj in objects]


def matches(*, search: Search, label_of: Label, query: str) -> tuple[list[Option], bool]:
    """At most ``RESULT_LIMIT`` matches and whether there are more."""
    found = list(search(query, RESULT_LIMIT + 1)) if query.strip() else []
    return options(found[:RESULT_LIMIT], label_of), len(found) > RESULT_LIMIT


class SearchPicker(forms.Widget):
    template_name = "core/pickers/widget.html"
    # The field include renders the group itself (fieldset and legend).
    use_fieldset = True

    def __init__(self, *, search: Search, label_of: Label, search_url: str, hint: str, attrs=None):
        super().__init__(attrs)
        self.search = search
        self.label_of = label_of
        self.search_url = search_url
        self.hint = hint
        self.shortlist: list[Option] = []
        self.shortlist_title = ""
        self.refresh: dict = {}
        self.query = ""

    def value_from_datadict(self, data, files, name):
        # Kept for rendering: the matches of what was typed are listed again.
        self.query = (data.get(query_name(name)) or "")[:MAX_QUERY]
        return data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return name not in data

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        picked = value if isinstance(value, Picked) else None
        results, more = matches(search=self.search, label_of=self.label_of, query=self.query)
        shortlist = self.shortlist
        listed = {option.pk for option in (*shortlist, *results)}
        base_id = attrs.get("id") or f"id_{name}"
        context["picker"] = {
            "name": name,
            "id": base_id,
            "query_name": query_name(name),
            "query": self.query,
            "searched": bool(self.query.strip()),
            "picked": picked if picked and picked.pk not in listed else None,
            "picked_pk": picked.pk if picked else "",
            "shortlist": shortlist,
            "shortlist_title": self.shortlist_title,
            "results": results,
            "more": more,
            "url": f"{reverse(self.search_url)}?feld={name}",
            "button": SEARCH_BUTTON,
            "hint": self.hint,
            "refresh": self.refresh,
        }
        return context


class SearchPickerField(forms.ModelChoiceField):
    """One object of ``queryset``, found by ``search`` and named by ``label_of``.

    ``search(query, limit)`` returns the best matches, ``label_of(obj)`` names one (with
    what tells it apart from others of that name); ``search_url`` names the app's
    endpoint that answers htmx with them (see ``picker_results``).
    """

    default_error_messages = {
        "invalid_choice": _(
            "Diese Auswahl gibt es nicht oder sie ist hier nicht möglich. Bitte suchen Sie "
            "erneut und wählen Sie einen der Treffer."
        ),
    }

    def __init__(
        self,
        *,
        queryset,
        search: Search,
        label_of: Label,
        search_url: str,
        hint: str = "",
        **kwargs,
    ):
        widget = SearchPicker(search=search, label_of=label_of, search_url=search_url, hint=hint)
        super().__init__(queryset=queryset, widget=widget, empty_label=None, **kwargs)
        self.object_label = label_of

    def label_from_instance(self, obj) -> str:
        return self.object_label(obj)

    def offer(self, objects: Sequence[models.Model], *, title: str) -> None:
        """Offer ``objects`` as radio buttons before any search (the usual choices)."""
        self.widget.shortlist = options(objects, self.object_label)
        self.widget.shortlist_title = title

    def refresh_on_change(self, *, region_id: str, url: str) -> None:
        """With htmx, a new choice sends the form to ``url`` as a search (nothing is
        saved) and replaces the element ``region_id`` (the fields that depend on this
        choice) with the one of the answer."""
        self.widget.refresh = {"region": region_id, "url": url}

    def prepare_value(self, value):
        pk = super().prepare_value(value)
        if pk in (None, ""):
            return None
        if isinstance(value, models.Model):
            return Picked(pk=str(pk), label=self.object_label(value))
        try:
            obj = self.queryset.filter(pk=pk).first()
        except (ValueError, TypeError):
            obj = None
        # An id that is not (or no longer) allowed is not shown as chosen.
        return Picked(pk=str(obj.pk), label=self.object_label(obj)) if obj else None


def picker_results(request: HttpRequest, *, field: SearchPickerField) -> HttpResponse:
    """The matches of ``?<feld>_suche=`` as radio buttons named ``feld``: the answer of
    an app's search endpoint, for the picker's htmx search (a page of its own without
    htmx, so that the URL works when opened directly)."""
    name = request.GET.get("feld", "")
    name = name if FIELD_NAME.fullmatch(name) else "auswahl"
    query = (request.GET.get(query_name(name)) or request.GET.get("q") or "")[:MAX_QUERY]
    widget = field.widget
    results, more = matches(search=widget.search, label_of=widget.label_of, query=query)
    context = {
        "picker": {
            "name": name,
            "id": f"id_{name}",
            "query": query,
            "searched": bool(query.strip()),
            "results": results,
            "more": more,
        },
    }
    template = (
        "core/pickers/results.html"
        if request.headers.get("HX-Request") == "true"
        else "core/pickers/page.html"
    )
    return vary_on_htmx(render(request, template, context))
