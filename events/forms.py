import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from core.forms import FilterForm, KernFormMixin
from core.languages import german_only, page_speaks_german
from events.invitations import Invitee
from events.models import (
    Audience,
    Event,
    EventDay,
    Invitation,
    QuestionKind,
    RegistrationQuestion,
)
from events.validators import NAME_MAX_LENGTH, validate_person_name

# The form field would take up to 320 characters; registrations and invitations hold 254.
EMAIL_MAX_LENGTH = Invitation._meta.get_field("email").max_length


class AnswersForm(KernFormMixin, forms.Form):
    """The event's own questions (and the days, if there is more than one)."""

    def __init__(self, *args, event: Event, initial_answers=None, initial_days=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.event_questions = list(event.questions.all())
        self.event_days = list(event.days.all())
        initial_answers = initial_answers or {}
        for question in self.event_questions:
            key = f"frage_{question.pk}"
            if question.kind == QuestionKind.CHOICE:
                # The options are as German as the question: the list says so itself.
                field = forms.ChoiceField(
                    label=german_only(question.label),
                    required=question.required,
                    choices=[("", "–")] + [(c, c) for c in question.choice_list()],
                    widget=forms.Select(attrs={} if page_speaks_german() else {"lang": "de"}),
                )
            else:
                field = forms.CharField(
                    label=german_only(question.label),
                    required=question.required,
                    max_length=1000,
                )
            field.initial = initial_answers.get(str(question.pk), "")
            self.fields[key] = field
        if len(self.event_days) > 1:
            self.fields["tage"] = forms.MultipleChoiceField(
                label=_("An welchen Tagen nehmen Sie teil?"),
                choices=[(str(day.pk), str(day)) for day in self.event_days],
                widget=forms.CheckboxSelectMultiple,
                initial=[str(pk) for pk in (initial_days or [])],
            )

    def answers(self) -> dict:
        return {str(q.pk): self.cleaned_data.get(f"frage_{q.pk}", "") for q in self.event_questions}

    def days(self) -> list[EventDay]:
        chosen = set(self.cleaned_data.get("tage") or [])
        return [day for day in self.event_days if str(day.pk) in chosen]


class RegistrationForm(AnswersForm):
    def __init__(self, *args, user=None, invitation=None, **kwargs):
        super().__init__(*args, **kwargs)
        # No max_length: the validator says in one message what is wrong with a name.
        name = forms.CharField(
            label=_("Name"),
            validators=[validate_person_name],
            widget=forms.TextInput(attrs={"maxlength": NAME_MAX_LENGTH, "autocomplete": "name"}),
        )
        email = forms.EmailField(
            label=_("E-Mail-Adresse"),
            max_length=EMAIL_MAX_LENGTH,
            widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        )
        if user is not None and user.is_authenticated:
            name.initial, email.initial = user.full_name, user.email
        if invitation is not None:
            name.initial = invitation.name or name.initial
            email.initial = invitation.email
        privacy = forms.BooleanField(
            label=_(
                "Ich bin einverstanden, dass meine Angaben für diese Veranstaltung gespeichert "
                "und nach der Aufbewahrungsfrist gelöscht werden."
            ),
            # The summary above the form names a checkbox by its message alone.
            error_messages={
                "required": _(
                    "Bitte stimmen Sie zu, dass Ihre Angaben für diese Veranstaltung "
                    "gespeichert werden."
                )
            },
        )
        fields = {"name": name, "email": email, **self.fields, "datenschutz": privacy}
        self.fields = fields


class EventForm(KernFormMixin, forms.ModelForm):
    join_link = forms.URLField(
        label=_("Zugangslink"),
        required=False,
        assume_scheme="https",
        help_text=_("Wird nur bestätigten Angemeldeten gezeigt."),
    )

    class Meta:
        model = Event
        fields = [
            "title",
            "description",
            "is_online",
            "join_link",
            "place",
            "address",
            "audience",
            "capacity",
            "registration_deadline",
            "needs_approval",
            "retention_months",
            "offer_hours",
        ]
        widgets = {
            "registration_deadline": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "description": forms.Textarea(attrs={"rows": 5}),
            "address": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self):
        data = super().clean()
        if data.get("is_online") and not data.get("join_link"):
            self.add_error("join_link", _("Bitte geben Sie den Zugangslink an."))
        if not data.get("is_online") and not data.get("place"):
            self.add_error("place", _("Bitte geben Sie den Ort an."))
        if data.get("capacity") == 0:
            self.add_error("capacity", _("Bitte geben Sie mindestens einen Platz an."))
        # Who registers for a members-only event would be known to whoever approves:
        # the office sees only counts of these events, so nobody could approve them.
        if data.get("audience") == Audience.NETWORK_MEMBERS and data.get("needs_approval"):
            self.add_error(
                "needs_approval",
                _(
                    "Veranstaltungen nur für Mitglieder des Netzwerks werden ohne Freigabe "
                    "angelegt: die Geschäftsstelle sieht dort keine Namen."
                ),
            )
        return data


class DayForm(KernFormMixin, forms.ModelForm):
    class Meta:
        model = EventDay
        fields = ["date", "start_time", "end_time"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "end_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def clean(self):
        data = super().clean()
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("Das Ende muss nach dem Beginn liegen."))
        return data


class QuestionForm(KernFormMixin, forms.ModelForm):
    class Meta:
        model = RegistrationQuestion
        fields = ["label", "kind", "choices", "required", "position"]
        widgets = {"choices": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        data = super().clean()
        if data.get("kind") == QuestionKind.CHOICE and not (data.get("choices") or "").strip():
            self.add_error("choices", _("Bitte geben Sie die Antwortmöglichkeiten an."))
        return data


DayFormSet = inlineformset_factory(
    Event, EventDay, form=DayForm, extra=2, min_num=1, validate_min=True, can_delete=True
)
QuestionFormSet = inlineformset_factory(
    Event, RegistrationQuestion, form=QuestionForm, extra=2, can_delete=True
)


class RemoveForm(KernFormMixin, forms.Form):
    """The registrations the office chose to remove; only the event's own count."""

    auswahl = forms.ModelMultipleChoiceField(
        queryset=None,
        label=_("Auswahl"),
        error_messages={
            "required": _("Bitte wählen Sie mindestens eine Anmeldung aus."),
            "invalid_choice": _("Diese Auswahl gehört nicht zu dieser Veranstaltung."),
            "invalid_pk_value": _("Diese Auswahl gehört nicht zu dieser Veranstaltung."),
        },
    )

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["auswahl"].queryset = event.registrations.all()


class StatusFilterForm(FilterForm):
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args, **kwargs):
        from events.models import Status

        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("Alle"))] + list(Status.choices)


MAX_INVITEES = 200
# "Name <address>" or "Name; address" / "Name, address" or the address alone.
_ANGLED = re.compile(r"^(?P<name>[^<>]*)<(?P<email>[^<>]+)>\s*$")


def _invitee(line: str) -> tuple[Invitee, bool]:
    """The person on ``line`` and whether the line holds more than one address (a list
    pasted with commas would otherwise invite its last address under the others' name)."""
    match = _ANGLED.match(line)
    if match:
        name, email = match["name"], match["email"]
        several = False
    else:
        name, _sep, email = line.replace(";", ",").rpartition(",")
        several = "@" in name
    return Invitee(email=email.strip().lower(), name=name.strip().strip('"').strip()), several


class InvitationForm(KernFormMixin, forms.Form):
    invitees = forms.CharField(
        label=_("Einzuladende Personen"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Eine Person je Zeile: die E-Mail-Adresse, gern mit Namen davor, "
            "z. B. „Alex Beispiel <alex@example.org>“ oder „Alex Beispiel; alex@example.org“."
        ),
    )

    def clean_invitees(self) -> list[Invitee]:
        lines = [line.strip() for line in self.cleaned_data["invitees"].splitlines()]
        lines = [line for line in lines if line]
        if len(lines) > MAX_INVITEES:
            raise ValidationError(
                _("Bitte höchstens %(max)d Personen auf einmal einladen."),
                params={"max": MAX_INVITEES},
            )
        invitees, errors = [], []
        for number, line in enumerate(lines, start=1):
            invitee, several = _invitee(line)
            if several:
                errors.append(
                    ValidationError(
                        _("Zeile %(number)d: Bitte nur eine Person je Zeile einladen."),
                        params={"number": number},
                    )
                )
                continue
            try:
                validate_email(invitee.email)
            except ValidationError:
                errors.append(
                    ValidationError(
                        _("Zeile %(number)d: „%(line)s“ enthält keine gültige E-Mail-Adresse."),
                        params={"number": number, "line": line},
                    )
                )
                continue
            # validate_email takes up to 320 characters, the column holds 254.
            if len(invitee.email) > EMAIL_MAX_LENGTH:
                errors.append(
                    ValidationError(
                        _("Zeile %(number)d: Die E-Mail-Adresse ist länger als %(max)d Zeichen."),
                        params={"number": number, "max": EMAIL_MAX_LENGTH},
                    )
                )
                continue
            if len(invitee.name) > 150:
                errors.append(
                    ValidationError(
                        _("Zeile %(number)d: Der Name ist länger als 150 Zeichen."),
                        params={"number": number},
                    )
                )
                continue
            invitees.append(invitee)
        if errors:
            raise ValidationError(errors)
        return invitees


class RegistrationCancelForm(KernFormMixin, forms.Form):
    """The office cancels a registration for the person; the reason goes to them."""

    reason = forms.CharField(
        label=_("Grund der Absage"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=_("Die Person erhält ihn mit der Absage per E-Mail."),
        error_messages={"required": _("Bitte geben Sie einen Grund an.")},
    )


OVER_CAPACITY_LABEL = _("Auch aufnehmen, wenn an einem der Tage kein Platz mehr frei ist")


class OfficeRegistrationForm(AnswersForm):
    """Someone who called by phone, registered by the office: name, address, the
    event's questions and days, and the consent to go over the places."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        name = forms.CharField(
            label=_("Name"),
            validators=[validate_person_name],
            widget=forms.TextInput(attrs={"maxlength": NAME_MAX_LENGTH, "autocomplete": "off"}),
        )
        email = forms.EmailField(
            label=_("E-Mail-Adresse"),
            max_length=EMAIL_MAX_LENGTH,
            widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        )
        over = forms.BooleanField(label=OVER_CAPACITY_LABEL, required=False)
        self.fields = {"name": name, "email": email, **self.fields, "over_capacity": over}


class PromoteForm(KernFormMixin, forms.Form):
    over_capacity = forms.BooleanField(label=OVER_CAPACITY_LABEL, required=False)


class EventCancelForm(KernFormMixin, forms.Form):
    message = forms.CharField(
        label=_("Nachricht an die Angemeldeten"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=3000,
        help_text=_(
            "Alle Angemeldeten, auch auf der Warteliste, erhalten sie mit der Absage per E-Mail."
        ),
        error_messages={"required": _("Bitte schreiben Sie eine Nachricht an die Angemeldeten.")},
    )
