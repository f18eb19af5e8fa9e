"""Forms of the evaluation: the answer form built from an instrument version, the
office's builder forms, and the result filters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from calls.forms import BerlinDateTimeField
from core.forms import FilterForm, KernFormMixin, LanguageSelect
from core.languages import german_only
from evaluation import subjects
from evaluation.models import (
    MINIMUM_THRESHOLD,
    Item,
    ItemType,
    Phase,
    Survey,
    SurveyInvitation,
    TargetKind,
)
from municipalities.pickers import municipality_picker
from network.models import Workshop
from programme.cohort import model_municipalities
from trainings.models import TrainingModule, TrainingSession

# --- answering ---------------------------------------------------------------------------


def item_field_name(item: Item) -> str:
    return f"item_{item.pk}"


class AnswerForm(KernFormMixin, forms.Form):
    """One field per item; the nonce makes a second submission of the same page harmless."""

    nonce = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, items: list[Item], paired: bool, **kwargs):
        super_fields = {}
        for item in items:
            super_fields[item_field_name(item)] = self._field(item)
        if paired:
            super_fields["code"] = forms.CharField(
                label=_("Ihr persönlicher Code"),
                max_length=40,
                required=False,
                help_text=_(
                    "Denken Sie sich einen Code aus, den Sie sich merken können, und geben Sie "
                    "ihn vorher und nachher gleich ein. Er verbindet nur Ihre beiden Antworten "
                    "und wird nur verschlüsselt gespeichert. Nennen Sie darin nicht Ihren Namen."
                ),
            )
        self.base_fields = {**self.base_fields, **super_fields}
        super().__init__(*args, **kwargs)
        self.items = items

    @staticmethod
    def _field(item: Item) -> forms.Field:
        common = {"label": german_only(item.text), "required": item.required}
        choices = [
            (str(code), german_only(label)) for code, label in enumerate(item.options, start=1)
        ]
        if item.type == ItemType.LIKERT or item.type == ItemType.SINGLE:
            return forms.TypedChoiceField(
                choices=choices, coerce=int, widget=forms.RadioSelect, empty_value=None, **common
            )
        if item.type == ItemType.MULTIPLE:
            return forms.TypedMultipleChoiceField(
                choices=choices, coerce=int, widget=forms.CheckboxSelectMultiple, **common
            )
        if item.type == ItemType.NUMBER:
            return forms.IntegerField(min_value=0, max_value=100000, **common)
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=2000, **common)

    def values(self) -> dict[int, object]:
        return {item.pk: self.cleaned_data.get(item_field_name(item)) for item in self.items}

    def sections(self, sections) -> list[tuple]:
        """The bound fields grouped by section, for the template."""
        return [
            (section, [self[item_field_name(item)] for item in section.items.all()])
            for section in sections
        ]


# --- office: builder ---------------------------------------------------------------------


class InstrumentForm(KernFormMixin, forms.Form):
    code = forms.SlugField(
        label=_("Kurzzeichen"), max_length=40, help_text=_("z. B. feedback-modul")
    )
    title = forms.CharField(label=_("Titel"), max_length=200)
    description = forms.CharField(
        label=_("Beschreibung"), max_length=4000, required=False, widget=forms.Textarea
    )


class SectionForm(KernFormMixin, forms.Form):
    title = forms.CharField(label=_("Überschrift des Abschnitts"), max_length=200)
    intro = forms.CharField(
        label=_("Einleitung"), max_length=2000, required=False, widget=forms.Textarea
    )


class ItemForm(KernFormMixin, forms.Form):
    text = forms.CharField(label=_("Frage"), max_length=500)
    key = forms.SlugField(
        label=_("Kennung"),
        max_length=40,
        help_text=_("Kurzer Name für Auswertung und Export, z. B. zufriedenheit."),
    )
    type = forms.ChoiceField(label=_("Art"), choices=ItemType.choices, widget=forms.RadioSelect)
    required = forms.BooleanField(label=_("Pflichtfrage"), required=False)
    options = forms.CharField(
        label=_("Skalenpunkte oder Antwortmöglichkeiten"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Eine pro Zeile, in der Reihenfolge der Codes 1, 2, 3 …; bei einer Skala z. B. "
            "„1 – trifft gar nicht zu“ bis „5 – trifft voll zu“."
        ),
    )

    def clean_options(self) -> list[str]:
        lines = self.cleaned_data["options"].splitlines()
        return [line.strip() for line in lines if line.strip()]


class SurveyForm(KernFormMixin, forms.Form):
    """What a survey asks about: the municipality first (the model municipalities offered,
    any other found by search), then one of its training sessions or workshops, or an
    event, each named by date and place."""

    # The fields that follow the chosen municipality; the picker refreshes them.
    SUBJECT_REGION = "befragung-termine"

    title = forms.CharField(label=_("Titel der Befragung"), max_length=200)
    phase = forms.ChoiceField(label=_("Art der Befragung"), choices=Phase.choices)
    pair_with = forms.ModelChoiceField(
        label=_("Zugehörige Vorher-Befragung"),
        queryset=Survey.objects.none(),
        required=False,
        help_text=_("Nur bei einer Nachher-Befragung."),
        widget=LanguageSelect,
    )
    target_kind = forms.ChoiceField(label=_("Befragt zu"), choices=TargetKind.choices)
    municipality = municipality_picker(
        required=False,
        help_text=_(
            "Wählen Sie zuerst die Kommune; ihre Schulungstermine und Workshops stehen dann "
            "darunter. Bei einem Schulungstermin oder Workshop gilt dessen Kommune."
        ),
    )
    session = forms.ModelChoiceField(
        label=_("Schulungstermin"),
        queryset=TrainingSession.objects.none(),
        required=False,
        widget=LanguageSelect,
        error_messages={
            "invalid_choice": _(
                "Diesen Schulungstermin gibt es in der gewählten Kommune nicht. Bitte wählen "
                "Sie einen aus der Liste."
            )
        },
    )
    workshop = forms.ModelChoiceField(
        label=_("Empowerment-Workshop"),
        queryset=Workshop.objects.none(),
        required=False,
        widget=LanguageSelect,
        help_text=_("Die Workshops der gewählten Kommune und die bundesweiten."),
        error_messages={
            "invalid_choice": _(
                "Diesen Workshop gibt es in der gewählten Kommune nicht. Bitte wählen Sie "
                "einen aus der Liste."
            )
        },
    )
    event_id = forms.TypedChoiceField(
        label=_("Veranstaltung"),
        required=False,
        coerce=int,
        empty_value=None,
        widget=LanguageSelect,
        error_messages={
            "invalid_choice": _(
                "Diese Veranstaltung lässt sich nicht wählen. Bitte wählen Sie eine aus der Liste."
            )
        },
    )
    opens_at = BerlinDateTimeField(label=_("Beginn"))
    closes_at = BerlinDateTimeField(label=_("Ende"))

    def __init__(self, *args, version, refresh_url: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pair_with"].queryset = (
            Survey.objects.filter(
                version__instrument_id=version.instrument_id,
                phase=Phase.PRE,
                post_survey__isnull=True,
            )
            .select_related("municipality")
            .order_by("-opens_at", "pk")
        )
        self.fields["pair_with"].label_from_instance = subjects.survey_label
        picker = self.fields["municipality"]
        picker.offer(model_municipalities(), title=_("Modellkommunen"))
        picker.refresh_on_change(region_id=self.SUBJECT_REGION, url=refresh_url)
        municipality_id = self._chosen_municipality_id()
        self.fields["session"].queryset = subjects.sessions_of(municipality_id=municipality_id)
        self.fields["session"].label_from_instance = subjects.session_label
        self.fields["workshop"].queryset = subjects.workshops_of(municipality_id=municipality_id)
        self.fields["workshop"].label_from_instance = subjects.workshop_label
        self.fields["event_id"].choices = [("", "---------"), *subjects.event_choices()]

    def _chosen_municipality_id(self) -> int | None:
        value = self.data.get("municipality") if self.is_bound else self.initial.get("municipality")
        value = getattr(value, "pk", value)
        try:
            return int(value)
        except (TypeError, ValueError):
            return None

    def clean(self):
        data = super().clean()
        kind = data.get("target_kind")
        needed = {
            TargetKind.SESSION: "session",
            TargetKind.WORKSHOP: "workshop",
            TargetKind.EVENT: "event_id",
            TargetKind.MUNICIPALITY: "municipality",
        }.get(kind)
        if needed and not data.get(needed) and needed not in self.errors:
            if needed == "session" and not data.get("municipality"):
                # The sessions are listed once the municipality is chosen.
                if "municipality" not in self.errors:
                    self.add_error(
                        "municipality",
                        _("Wählen Sie zuerst die Kommune, in der der Schulungstermin stattfand."),
                    )
            else:
                self.add_error(needed, _("Bitte wählen Sie aus, wozu befragt wird."))
        return data

    def target(self) -> dict:
        """The survey's target and the attributes results are filtered by."""
        data = self.cleaned_data
        kind = data["target_kind"]
        if kind == TargetKind.SESSION:
            session = data["session"]
            return {
                "target_id": session.pk,
                "call": session.call,
                "municipality": session.municipality,
                "module": session.module_version.module,
            }
        if kind == TargetKind.WORKSHOP:
            workshop = data["workshop"]
            return {
                "target_id": workshop.pk,
                "call": workshop.call,
                "municipality": workshop.municipality,
            }
        if kind == TargetKind.PROGRAMME:
            return {"target_id": None, "municipality": None}
        if kind == TargetKind.EVENT:
            return {"target_id": data["event_id"], "municipality": data.get("municipality")}
        return {"target_id": data["municipality"].pk, "municipality": data["municipality"]}


class ItemEditForm(KernFormMixin, forms.Form):
    """Text, answer options and required flag of an item; key and type stay as they are."""

    text = ItemForm.base_fields["text"]
    required = ItemForm.base_fields["required"]
    options = ItemForm.base_fields["options"]

    clean_options = ItemForm.clean_options

    def __init__(self, *args, item: Item, **kwargs):
        kwargs.setdefault(
            "initial",
            {"text": item.text, "required": item.required, "options": "\n".join(item.options)},
        )
        super().__init__(*args, **kwargs)
        if not item.has_options:
            del self.fields["options"]


class SurveyPeriodForm(KernFormMixin, forms.Form):
    closes_at = BerlinDateTimeField(
        label=_("Neues Ende"),
        help_text=_("Später, um die Befragung zu verlängern; früher, um sie zu verkürzen."),
        error_messages={"required": _("Geben Sie das neue Ende an.")},
    )


MAX_INVITATIONS = 500


class InvitationForm(KernFormMixin, forms.Form):
    emails = forms.CharField(
        label=_("E-Mail-Adressen"),
        max_length=60000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Geben Sie mindestens eine E-Mail-Adresse an.")},
        help_text=_(
            "Eine Adresse pro Zeile. Alle erhalten denselben Link; die Adressen werden "
            "nicht mit Antworten verbunden und nach dem Ende der Befragung gelöscht."
        ),
    )

    def clean_emails(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["emails"].splitlines()]
        emails = [line for line in lines if line]
        if not emails:
            raise forms.ValidationError(_("Geben Sie mindestens eine E-Mail-Adresse an."))
        if len(emails) > MAX_INVITATIONS:
            raise forms.ValidationError(
                _("Höchstens %(n)s Adressen auf einmal.") % {"n": MAX_INVITATIONS}
            )
        # The form field would take up to 320 characters, the column holds the usual 254.
        field = forms.EmailField(max_length=SurveyInvitation._meta.get_field("email").max_length)
        wrong = []
        for email in emails:
            try:
                field.clean(email)
            except forms.ValidationError:
                wrong.append(email)
        if wrong:
            raise forms.ValidationError(
                _("Keine gültigen E-Mail-Adressen: %(wrong)s") % {"wrong": ", ".join(wrong)}
            )
        return emails


class ThresholdForm(KernFormMixin, forms.Form):
    threshold = forms.IntegerField(
        label=_("Mindestzahl der Antworten"),
        min_value=MINIMUM_THRESHOLD,
        max_value=100,
        help_text=_("Gruppen mit weniger Antworten werden nicht ausgewiesen. Nie weniger als 5."),
    )


# --- results -----------------------------------------------------------------------------

BREAKDOWNS = [
    ("", _("keine")),
    ("municipality", _("nach Kommune")),
    ("module", _("nach Modul")),
    ("year", _("nach Jahr")),
]


class ResultsFilterForm(FilterForm):
    municipality = forms.TypedChoiceField(
        label=_("Kommune"), required=False, coerce=int, empty_value=None
    )
    module = forms.TypedChoiceField(label=_("Modul"), required=False, coerce=int, empty_value=None)
    year = forms.TypedChoiceField(label=_("Jahr"), required=False, coerce=int, empty_value=None)
    phase = forms.ChoiceField(
        label=_("Art der Befragung"), required=False, choices=[("", _("alle")), *Phase.choices]
    )
    breakdown = forms.ChoiceField(label=_("Aufschlüsseln"), required=False, choices=BREAKDOWNS)

    def __init__(self, *args, municipalities, modules, years, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("alle"))]
        self.fields["municipality"].choices = everything + [(m.pk, m.name) for m in municipalities]
        self.fields["module"].choices = everything + [(m.pk, m.code) for m in modules]
        self.fields["year"].choices = everything + [(y, str(y)) for y in years]

    def filters(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {}
        return {key: value for key, value in self.cleaned_data.items() if value}


def module_choices():
    return TrainingModule.objects.order_by("code")
