"""Forms of screening and review. They parse and present; the rules live in the
services, whose ``ValidationError``s the views put back onto these fields."""

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from applications.forms import ApplicationFilterForm
from core.forms import KernFormMixin
from reviews.conflicts import conflict_label, conflict_of
from reviews.models import Assignment, Criterion, Screening
from reviews.review import COMMENT_MAX, ReviewInput, comment_field, score_field
from reviews.services import MAX_REVIEWERS_PER_APPLICATION

SCORE_CHOICES = [
    (0, _("0 – nicht erkennbar")),
    (1, _("1 – sehr schwach")),
    (2, _("2 – schwach")),
    (3, _("3 – mittel")),
    (4, _("4 – gut")),
    (5, _("5 – sehr gut")),
]


def default_due_date() -> dt.date:
    """Two weeks from today (Europe/Berlin), the usual time for a review."""
    return timezone.localdate() + dt.timedelta(days=14)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def due_date_field() -> forms.DateField:
    """The deadline of a review, on the form for one assignment and on the bulk form."""
    return forms.DateField(
        label=_("Frist"),
        widget=DateInput(),
        error_messages={
            "required": _("Bitte geben Sie eine Frist an."),
            "invalid": _("Bitte geben Sie ein gültiges Datum an."),
        },
    )


class ScreeningFilterForm(ApplicationFilterForm):
    status = forms.ChoiceField(
        label=_("Ergebnis der Prüfung"),
        choices=[("", _("Alle"))] + Screening.Status.choices,
        required=False,
    )
    field_order = ["status", "land", "q"]


# Database ids are positive 64-bit integers; a larger number in a forged request
# would overflow the database driver instead of simply matching nothing.
ID_MAX = 2**63 - 1
ID_INVALID = _("Die Auswahl konnte nicht gelesen werden. Bitte laden Sie die Seite neu.")


def id_parse(value) -> int | None:
    """``value`` as a database id, or None if it cannot be one."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if 1 <= number <= ID_MAX else None


class IdListField(forms.Field):
    """The values of several checkboxes of the same name, as a list of ids."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {
        "required": _("Bitte wählen Sie mindestens eine Bewerbung aus."),
        "invalid": ID_INVALID,
    }

    def to_python(self, value):
        if not value:
            return []
        if not isinstance(value, list | tuple):
            value = [value]
        ids = [id_parse(v) for v in value]
        if None in ids:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return sorted(set(ids))


class IdChoiceMixin:
    """Refuses values that cannot be an id before the database sees them."""

    def _ids_valid(self, value) -> bool:
        values = value if isinstance(value, list | tuple) else [value]
        return all(id_parse(v) is not None for v in values if v not in self.empty_values)


class ReviewerChoiceField(IdChoiceMixin, forms.ModelChoiceField):
    def to_python(self, value):
        if not self._ids_valid(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class ReviewerMultipleChoiceField(IdChoiceMixin, forms.ModelMultipleChoiceField):
    def clean(self, value):
        if value and not self._ids_valid(value):
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": ""}
            )
        return super().clean(value)


class ScreeningBulkForm(KernFormMixin, forms.Form):
    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not_eligible"

    application = IdListField()
    action = forms.ChoiceField(
        label=_("Aktion für die ausgewählten Bewerbungen"),
        choices=[
            (ELIGIBLE, _("Als formal geeignet markieren")),
            (NOT_ELIGIBLE, _("Als formal nicht geeignet markieren (mit Begründung)")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Bitte wählen Sie eine Aktion.")},
    )
    reason = forms.CharField(
        label=_("Begründung"),
        help_text=_("Nur für „nicht geeignet“: gilt für alle ausgewählten Bewerbungen."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )
    required_when = {"reason": _("Pflicht bei „nicht geeignet“")}

    def required_now(self) -> set[str]:
        if self.is_bound and self.data.get("action") == self.NOT_ELIGIBLE:
            return {"reason"}
        return set()

    def clean(self):
        data = super().clean()
        if data.get("action") == self.NOT_ELIGIBLE and not (data.get("reason") or "").strip():
            self.add_error(
                "reason",
                _("Bitte geben Sie eine Begründung an, warum die Bewerbungen nicht geeignet sind."),
            )
        return data


class ScreeningDecisionForm(KernFormMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Ergebnis der Prüfung"),
        choices=[
            (Screening.Status.ELIGIBLE, _("formal geeignet")),
            (Screening.Status.NOT_ELIGIBLE, _("formal nicht geeignet")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Bitte wählen Sie ein Ergebnis der Prüfung.")},
    )
    reason = forms.CharField(
        label=_("Begründung"),
        help_text=_(
            "Pflicht, wenn die Bewerbung nicht geeignet ist oder ein Prüfpunkt nicht erfüllt ist."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        required=False,
    )
    backing_confirmed = forms.BooleanField(
        label=_(
            "Politischer Rückhalt liegt vor oder ist geplant (von der Geschäftsstelle geprüft)"
        ),
        help_text=_("Der Fragenkatalog fragt nicht nach einem Ratsbeschluss."),
        required=False,
    )

    required_when = {"reason": _("Pflicht bei „formal nicht geeignet“")}

    def __init__(self, *args, backing_manual: bool, checks_passed: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.checks_passed = checks_passed
        if not backing_manual:
            del self.fields["backing_confirmed"]

    def required_now(self) -> set[str]:
        """The reason is required for "formal nicht geeignet", and for any outcome while
        a check does not hold (``screening_decide`` holds the rule)."""
        if not self.checks_passed:
            return {"reason"}
        if self.is_bound and self.data.get("status") == Screening.Status.NOT_ELIGIBLE:
            return {"reason"}
        return set()


def _reviewer_label(reviewer: User, applicant) -> str:
    label = reviewer.full_name
    if reviewer.municipality_id:
        label = f"{label} ({reviewer.municipality.name})"
    code = conflict_of(home=reviewer.municipality, applicant=applicant) if applicant else None
    if code:
        label = _("%(label)s – Interessenkonflikt: %(conflict)s") % {
            "label": label,
            "conflict": conflict_label(code),
        }
    return label


class AssignForm(KernFormMixin, forms.Form):
    reviewer = ReviewerChoiceField(
        label=_("Gutachter*in"),
        queryset=User.objects.none(),
        empty_label=_("Bitte wählen"),
        error_messages={
            "required": _("Bitte wählen Sie eine Gutachterin oder einen Gutachter."),
            "invalid_choice": _("Diese Person steht nicht zur Auswahl."),
        },
    )
    due_date = due_date_field()

    def __init__(self, *args, reviewers: list[User], applicant=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["reviewer"]
        field.queryset = User.objects.filter(pk__in=[r.pk for r in reviewers])
        labels = {r.pk: _reviewer_label(r, applicant) for r in reviewers}
        field.choices = [("", field.empty_label)] + [(r.pk, labels[r.pk]) for r in reviewers]
        if not self.is_bound:
            self.initial.setdefault("due_date", default_due_date())


class BulkAssignForm(KernFormMixin, forms.Form):
    per_application = forms.IntegerField(
        label=_("Gutachtende je Bewerbung"),
        min_value=1,
        max_value=MAX_REVIEWERS_PER_APPLICATION,
        initial=3,
        error_messages={
            "required": _("Bitte geben Sie eine Zahl an."),
            "invalid": _("Bitte geben Sie eine ganze Zahl an."),
            "min_value": _("Bitte geben Sie mindestens 1 an."),
            "max_value": _("Bitte geben Sie höchstens %(limit_value)s an."),
        },
    )
    due_date = due_date_field()
    reviewers = ReviewerMultipleChoiceField(
        label=_("Gutachtende"),
        help_text=_("Nur die ausgewählten Personen erhalten neue Zuweisungen."),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Bitte wählen Sie mindestens eine Person aus."),
            "invalid_choice": _("Diese Person steht nicht zur Auswahl."),
            "invalid_pk_value": _("Diese Person steht nicht zur Auswahl."),
        },
    )

    def __init__(self, *args, reviewers: list[User], **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["reviewers"]
        field.queryset = User.objects.filter(pk__in=[r.pk for r in reviewers])
        field.choices = [(r.pk, r.full_name) for r in reviewers]
        if not self.is_bound:
            self.initial.setdefault("reviewers", [r.pk for r in reviewers])
            self.initial.setdefault("due_date", timezone.localdate() + dt.timedelta(days=14))


class CriterionForm(KernFormMixin, forms.ModelForm):
    key = forms.CharField(
        label=_("Schlüssel"),
        help_text=_(
            "Kleinbuchstaben, Ziffern, Unter- und Bindestriche; leer lassen, um ihn aus der "
            "Bezeichnung zu bilden. Später nicht mehr änderbar."
        ),
        max_length=60,
        required=False,
        validators=[validate_slug],
    )

    class Meta:
        model = Criterion
        fields = ["label_de", "label_en", "help_de", "help_en"]
        widgets = {
            "help_de": forms.Textarea(attrs={"rows": 3}),
            "help_en": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "label_de": {"required": _("Bitte geben Sie eine Bezeichnung an.")},
        }

    field_order = ["label_de", "label_en", "help_de", "help_en", "key"]

    def __init__(self, *args, creating: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not creating:
            del self.fields["key"]


class ReviewForm(KernFormMixin, forms.Form):
    """One score (0–5, radio buttons) and comment per criterion, and a recommendation.

    Nothing is required here: a draft may be incomplete; submission checks it.
    """

    recommendation = forms.ChoiceField(
        label=_("Empfehlung: Soll die Kommune Modellkommune werden?"),
        choices=Assignment.Recommendation.choices,
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": _("Bitte wählen Sie Ja, Vielleicht oder Nein.")},
    )

    def __init__(self, *args, criteria: list[Criterion], **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        recommendation = self.fields.pop("recommendation")
        for criterion in criteria:
            self.fields[score_field(criterion)] = forms.TypedChoiceField(
                label=criterion.label,
                help_text=criterion.help,
                choices=SCORE_CHOICES,
                coerce=int,
                empty_value=None,
                widget=forms.RadioSelect,
                required=False,
                error_messages={
                    "invalid_choice": _("Bitte wählen Sie eine Punktzahl von 0 bis 5.")
                },
            )
            self.fields[comment_field(criterion)] = forms.CharField(
                label=_("Kommentar zu „%(label)s“") % {"label": criterion.label},
                widget=forms.Textarea(attrs={"rows": 3}),
                max_length=COMMENT_MAX,
                required=False,
                error_messages={
                    "max_length": _(
                        "Der Kommentar darf höchstens %(limit_value)s Zeichen lang sein."
                    )
                },
            )
        self.fields["recommendation"] = recommendation

    @staticmethod
    def initial_for(*, criteria: list[Criterion], scores: dict, recommendation: str) -> dict:
        initial = {"recommendation": recommendation}
        for criterion in criteria:
            score = scores.get(criterion.pk)
            if score is not None:
                initial[score_field(criterion)] = score.score
                initial[comment_field(criterion)] = score.comment
        return initial

    def fields_by_criterion(self) -> list[tuple[Criterion, forms.BoundField, forms.BoundField]]:
        return [(c, self[score_field(c)], self[comment_field(c)]) for c in self.criteria]

    def review_input(self) -> ReviewInput:
        data = self.cleaned_data
        return ReviewInput(
            scores={c.pk: data.get(score_field(c)) for c in self.criteria},
            comments={c.pk: data.get(comment_field(c)) or "" for c in self.criteria},
            recommendation=data.get("recommendation") or "",
        )


class ConflictForm(KernFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Worin besteht der Interessenkonflikt?"),
        help_text=_("Zum Beispiel: frühere Tätigkeit in der Verwaltung, persönliche Beziehungen."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={
            "required": _("Bitte beschreiben Sie kurz, worin der Interessenkonflikt besteht.")
        },
    )
