"""Forms of consultation rounds and comments. They parse and present; the rules live in
``recommendations.consultation``. Date and time are entered in Europe/Berlin (the site's
time zone)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import KernFormMixin
from recommendations.consultation import AUDIENCE_FLAGS
from recommendations.models import CommentKind, CommentVisibility, ConsultationRound

GERMAN = {"lang": "de"}


def _moment(label):
    return forms.DateTimeField(
        label=label,
        help_text=_("Datum und Uhrzeit (deutsche Zeit)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={
            "required": _("Bitte geben Sie Datum und Uhrzeit an."),
            "invalid": _("Bitte geben Sie Datum und Uhrzeit an, z. B. 01.03.2027 09:00."),
        },
    )


class RoundForm(KernFormMixin, forms.Form):
    title = forms.CharField(label=_("Titel der Runde"), max_length=200)
    starts_at = _moment(_("Beginn"))
    ends_at = _moment(_("Ende"))
    audience = forms.MultipleChoiceField(
        label=_("Wer nimmt teil?"),
        choices=[
            (flag, ConsultationRound._meta.get_field(flag).verbose_name) for flag in AUDIENCE_FLAGS
        ],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    question_guide = forms.CharField(
        label=_("Leitfragen"),
        max_length=8000,
        required=False,
        help_text=_("Die Fragen, zu denen Sie Rückmeldung wünschen; Markdown ist möglich."),
        widget=forms.Textarea(attrs={"rows": 6, **GERMAN}),
    )

    def __init__(self, *args, freeze_label: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if freeze_label is not None:
            self.fields["label"] = forms.CharField(
                label=_("Bezeichnung der Fassung"),
                max_length=40,
                initial=freeze_label,
                help_text=_(
                    "Die Fassung ist noch ein Entwurf: Mit der Runde wird sie unter dieser "
                    "Bezeichnung eingefroren (z. B. „1.0“) und ändert sich nicht mehr."
                ),
            )

    @staticmethod
    def initial_of(round: ConsultationRound) -> dict:
        return {
            "title": round.title,
            "starts_at": round.starts_at,
            "ends_at": round.ends_at,
            "question_guide": round.question_guide,
            "audience": [flag for flag in AUDIENCE_FLAGS if getattr(round, flag)],
        }

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        chosen = set(data.pop("audience"))
        return {**data, **{flag: flag in chosen for flag in AUDIENCE_FLAGS}}


class CommentForm(KernFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Art des Kommentars"),
        choices=CommentKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Bitte wählen Sie die Art Ihres Kommentars.")},
    )
    quote = forms.CharField(
        label=_("Markierte Stelle (optional)"),
        max_length=8000,
        required=False,
        help_text=_(
            "Wenn Sie sich auf einige Wörter des Absatzes beziehen: Tippen oder kopieren Sie "
            "sie hierher. Ohne Angabe gilt Ihr Kommentar dem ganzen Absatz."
        ),
        widget=forms.TextInput(attrs=GERMAN),
    )
    text = forms.CharField(
        label=_("Kommentar"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Bitte schreiben Sie Ihren Kommentar.")},
    )
    suggested_wording = forms.CharField(
        label=_("Vorgeschlagene Formulierung"),
        max_length=8000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, **GERMAN}),
    )
    visibility = forms.ChoiceField(
        label=_("Wer darf den Kommentar sehen?"),
        choices=CommentVisibility.choices,
        widget=forms.RadioSelect,
        initial=CommentVisibility.PARTICIPANTS,
        error_messages={"required": _("Bitte wählen Sie, wer Ihren Kommentar sehen darf.")},
    )
    required_when = {"suggested_wording": _("Pflicht bei „Vorschlag mit Formulierung“")}

    def __init__(self, *args, municipality=None, **kwargs):
        super().__init__(*args, **kwargs)
        if municipality is not None:
            self.fields["on_behalf"] = forms.TypedChoiceField(
                label=_("Sie schreiben …"),
                choices=[
                    ("1", _("im Namen meiner Kommune (%(name)s)") % {"name": municipality.name}),
                    ("", _("persönlich")),
                ],
                coerce=bool,
                empty_value=False,
                required=False,
                initial="1",
                widget=forms.RadioSelect,
            )

    def required_now(self) -> set[str]:
        kind = self.data.get("kind") if self.is_bound else self.initial.get("kind")
        return {"suggested_wording"} if kind == CommentKind.PROPOSAL else set()

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        data.setdefault("on_behalf", False)
        return data


class ReplyForm(KernFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Ihre Antwort"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Bitte schreiben Sie Ihre Antwort.")},
    )
