"""The form of a circular, in two steps: write, then see whom it reaches and confirm
("An 37 Personen senden"). Each app's view says whom (``Composition``) and hands the
request to ``circular_compose``; the sending and the record are ``core.circulars``.

The recipients are worked out again when the office confirms: if the count has changed
since the preview (someone registered meanwhile), the preview comes back with the new
count instead of sending to people the office did not see counted.
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.circulars import Audience, Recipient, circular_send, recipients_unique
from core.forms import KernFormMixin
from core.formviews import attempt, bind
from core.numbers import number

TEMPLATE = "core/circular_compose.html"


class CircularForm(KernFormMixin, forms.Form):
    """Subject and text of a circular; an app adds the fields that choose its audience."""

    subject = forms.CharField(label=_("Betreff"), max_length=200)
    body = forms.CharField(
        label=_("Text"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "Nur Text, ohne Formatierung. Anrede und Absender fügt die Plattform in der "
            "Sprache jeder Person hinzu."
        ),
    )

    def clean_subject(self) -> str:
        # A line break in a subject would start a header of its own.
        return " ".join(self.cleaned_data["subject"].split())

    def clean_body(self) -> str:
        # Browsers send line breaks as CRLF; the mail and the record write them as "\n".
        return "\n".join(self.cleaned_data["body"].splitlines())


@dataclass(frozen=True)
class Composition:
    """Whom a circular reaches: its audience, the people, and for the preview the lines
    each group's mail adds (in the page's language), by group name."""

    audience: Audience
    recipients: list[Recipient]
    group_details: dict[str, list[str]] = field(default_factory=dict)

    def people(self) -> list[Recipient]:
        return recipients_unique(self.recipients)

    def groups(self) -> list[dict]:
        """Each group with its number of people and its lines, then the groups without
        anyone ("kein Empfänger")."""
        counts = Counter(person.group for person in self.people() if person.group)
        rows = [
            {"name": name, "count": count, "details": self.group_details.get(name, [])}
            for name, count in counts.items()
        ]
        rows += [
            {"name": name, "count": 0, "details": self.group_details.get(name, [])}
            for name in self.audience.unreached
        ]
        return rows


def circular_compose(
    request,
    *,
    compose: Callable[[dict], Composition],
    done_url: str,
    context: dict,
    form_class: type[CircularForm] = CircularForm,
    form_kwargs: dict | None = None,
    initial: dict | None = None,
):
    """Write (GET, or "Text ändern"), preview (a valid POST), send (the preview's
    confirmation with an unchanged count). ``compose`` gets the form's cleaned data;
    ``context`` adds the page's heading, back link and the circulars already sent."""
    form = bind(form_class, request, initial=initial or {}, **(form_kwargs or {}))
    step, composition, changed = "write", None, False
    if request.method == "POST" and form.is_valid():
        composition = compose(form.cleaned_data)
        count = len(composition.people())
        confirmed = "senden" in request.POST
        if confirmed and request.POST.get("anzahl") == str(count):
            circular = attempt(
                form,
                lambda: circular_send(
                    sender=request.user,
                    audience=composition.audience,
                    recipients=composition.recipients,
                    subject=form.cleaned_data["subject"],
                    body=form.cleaned_data["body"],
                ),
            )
            if circular is not None:
                messages.success(
                    request,
                    ngettext(
                        "Das Rundschreiben geht an %(count)s Person.",
                        "Das Rundschreiben geht an %(count)s Personen.",
                        circular.recipient_count,
                    )
                    % {"count": number(circular.recipient_count)},
                )
                return redirect(done_url)
        elif "aendern" not in request.POST:
            step, changed = "preview", confirmed
    if composition is not None and step == "preview":
        count = len(composition.people())
        context = {
            **context,
            "audience": composition.audience,
            "groups": composition.groups(),
            "count": count,
            "send_label": ngettext(
                "An %(count)s Person senden", "An %(count)s Personen senden", count
            )
            % {"count": number(count)},
            "count_changed": changed,
        }
    return render(
        request,
        TEMPLATE,
        {**context, "form": form, "step": step},
    )
