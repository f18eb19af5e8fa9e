"""Forms of the account pages. Labels and messages are German msgids."""

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import LANGUAGE_CHOICES, MUNICIPAL_ROLES, Role, User
from accounts.services import (
    email_normalise,
    password_reset_mail_send,
    user_password_change,
    user_password_reset_complete,
)
from accounts.services.common import ROLES_WITH_MUNICIPALITY
from core.forms import KernFormMixin
from municipalities.pickers import municipality_picker

PASSWORD_HINT = _(
    "Mindestens 12 Zeichen. Nicht nur Ziffern, kein häufig benutztes Passwort und "
    "nicht ähnlich zu Ihrem Namen oder Ihrer E-Mail-Adresse."
)


def language_field(*, label=None, help_text="") -> forms.ChoiceField:
    field = forms.ChoiceField(
        label=label or _("Sprache der Oberfläche und der E-Mails"),
        help_text=help_text,
        choices=LANGUAGE_CHOICES,
        initial="de",
        widget=forms.RadioSelect,
    )
    # Each language is named in itself ("English"); the field include marks the
    # option's label with that language, so that screen readers pronounce it right.
    field.choices_in_own_language = True
    return field


def _privacy_hint() -> SafeString:
    text = gettext(
        'Wie wir mit Ihren Daten umgehen, steht in der <a class="kern-link" '
        'href="%(privacy_url)s">Datenschutzerklärung</a>.'
    )
    return mark_safe(text % {"privacy_url": reverse("core:page", args=["datenschutz"])})  # noqa: S308 -- our own text and URL


def privacy_field() -> forms.BooleanField:
    return forms.BooleanField(
        label=_("Ich habe die Datenschutzerklärung gelesen und bin einverstanden."),
        # Translated and linked when shown, in the language of the request.
        help_text=lazy(_privacy_hint, SafeString)(),
        error_messages={
            "required": _("Bitte stimmen Sie der Datenschutzerklärung zu, um fortzufahren.")
        },
    )


class NewPasswordMixin:
    """Two password fields; Django's validators report at the first, a mismatch at
    the second. ``password_user`` is the (possibly unsaved) account the password is
    for, so the similarity check can compare it with the name and address."""

    def password_user(self) -> User | None:
        return None

    def clean_passwords(self, cleaned_data: dict) -> None:
        password1 = cleaned_data.get("password1")
        password2 = cleaned_data.get("password2")
        if password1:
            try:
                password_validation.validate_password(password1, self.password_user())
            except ValidationError as error:
                self.add_error("password1", error)
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("Die beiden Passwörter stimmen nicht überein."))


def password_fields(label1=None, label2=None):
    return (
        forms.CharField(
            label=label1 or _("Passwort"),
            strip=False,
            help_text=PASSWORD_HINT,
            widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        ),
        forms.CharField(
            label=label2 or _("Passwort wiederholen"),
            strip=False,
            widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        ),
    )


class RegisterForm(NewPasswordMixin, KernFormMixin, forms.Form):
    full_name = forms.CharField(
        label=_("Ihr Name"), max_length=150, widget=forms.TextInput({"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("E-Mail-Adresse"),
        help_text=_("Ihre dienstliche Adresse; an sie schicken wir den Bestätigungslink."),
        widget=forms.EmailInput({"autocomplete": "email"}),
    )
    password1, password2 = password_fields()
    language = language_field()
    privacy = privacy_field()

    def clean_email(self):
        return email_normalise(self.cleaned_data["email"])

    def password_user(self):
        return User(
            email=self.cleaned_data.get("email", ""),
            full_name=self.cleaned_data.get("full_name", ""),
        )

    def clean(self):
        cleaned_data = super().clean()
        self.clean_passwords(cleaned_data)
        return cleaned_data


class LoginForm(KernFormMixin, forms.Form):
    email = forms.EmailField(
        label=_("E-Mail-Adresse"), widget=forms.EmailInput({"autocomplete": "username"})
    )
    password = forms.CharField(
        label=_("Passwort"),
        strip=False,
        widget=forms.PasswordInput({"autocomplete": "current-password"}),
    )

    def clean_email(self):
        return email_normalise(self.cleaned_data["email"])


class CodeForm(KernFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_(
            "Der 6-stellige Code aus Ihrer Authenticator-App oder einer Ihrer "
            "Wiederherstellungscodes."
        ),
        widget=forms.TextInput({"autocomplete": "one-time-code", "spellcheck": "false"}),
    )


class SetupCodeForm(KernFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Code aus der App"),
        max_length=10,
        help_text=_("Die 6 Ziffern, die Ihre App jetzt für „Kommunen für alle“ anzeigt."),
        widget=forms.TextInput({"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class PasswordResetRequestForm(KernFormMixin, PasswordResetForm):
    """Django's reset form, with German labels and its mail sent in the background.

    ``client_ip`` is the address of the client asking, for the mail throttle.
    """

    email = forms.EmailField(
        label=_("E-Mail-Adresse"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def __init__(self, *args, client_ip: str, **kwargs):
        self.client_ip = client_ip
        super().__init__(*args, **kwargs)

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        password_reset_mail_send(
            user=context["user"], uid=context["uid"], token=context["token"], ip=self.client_ip
        )


class PasswordResetSetForm(NewPasswordMixin, KernFormMixin, forms.Form):
    """Takes ``user`` first, as Django's PasswordResetConfirmView expects."""

    password1, password2 = password_fields(_("Neues Passwort"), _("Neues Passwort wiederholen"))

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def password_user(self):
        return self.user

    def clean(self):
        cleaned_data = super().clean()
        self.clean_passwords(cleaned_data)
        return cleaned_data

    def save(self, commit=True):
        return user_password_reset_complete(user=self.user, password=self.cleaned_data["password1"])


class PasswordChangeForm(PasswordResetSetForm):
    old_password = forms.CharField(
        label=_("Bisheriges Passwort"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    field_order = ["old_password", "password1", "password2"]

    def clean_old_password(self):
        old_password = self.cleaned_data["old_password"]
        if not self.user.check_password(old_password):
            raise ValidationError(_("Das bisherige Passwort stimmt nicht."), code="incorrect")
        return old_password

    def save(self, commit=True):
        return user_password_change(user=self.user, password=self.cleaned_data["password1"])


class ProfileForm(KernFormMixin, forms.Form):
    full_name = forms.CharField(
        label=_("Name"), max_length=150, widget=forms.TextInput({"autocomplete": "name"})
    )
    language = language_field()


class MunicipalityChoiceMixin:
    """The municipality is found by search (a select of 11,000 entries helps nobody).
    Needed for the municipal roles, optional for reviewers (their home municipality,
    which keeps applications from there and its Kreis away from them)."""

    def clean_municipality_for_role(self, cleaned_data: dict) -> None:
        role = cleaned_data.get("role")
        if role not in ROLES_WITH_MUNICIPALITY:
            # A role without a municipality ignores whatever was chosen, valid or not.
            self.errors.pop("municipality", None)
            cleaned_data["municipality"] = None
            return
        if "municipality" in self.errors:
            return
        if cleaned_data.get("municipality") is None and role in MUNICIPAL_ROLES:
            self.add_error(
                "municipality",
                _("Für diese Rolle ist eine Kommune nötig. Bitte suchen und wählen Sie sie."),
            )


def municipality_choice_field():
    return municipality_picker(
        whole_register=True,
        required=False,
        help_text=_(
            "Für Rollen einer Kommune. Für Gutachtende: die Kommune, in der sie arbeiten "
            "oder wohnen – Bewerbungen aus dieser Kommune und ihrem Kreis werden ihnen "
            "nicht zugewiesen."
        ),
    )


class InvitationForm(MunicipalityChoiceMixin, KernFormMixin, forms.Form):
    email = forms.EmailField(label=_("E-Mail-Adresse"))
    full_name = forms.CharField(
        label=_("Name"),
        max_length=150,
        required=False,
        help_text=_("Für die Anrede in der E-Mail; die Person kann ihn beim Annehmen ändern."),
    )
    role = forms.ChoiceField(label=_("Rolle"), choices=Role.choices)
    municipality = municipality_choice_field()
    language = language_field(
        label=_("Sprache der Einladung"),
        help_text=_(
            "In dieser Sprache erhält die Person die Einladung. Sie ist auch für das neue "
            "Konto voreingestellt und lässt sich jederzeit im Profil ändern."
        ),
    )

    def clean_email(self):
        # An address with an account is invited too: the invitation attaches to the
        # account once its owner logs in (whoever registered the address first must
        # not block it).
        return email_normalise(self.cleaned_data["email"])

    def clean(self):
        cleaned_data = super().clean()
        self.clean_municipality_for_role(cleaned_data)
        return cleaned_data


class RoleChangeForm(MunicipalityChoiceMixin, KernFormMixin, forms.Form):
    role = forms.ChoiceField(label=_("Rolle"), choices=Role.choices)
    municipality = municipality_choice_field()

    def clean(self):
        cleaned_data = super().clean()
        self.clean_municipality_for_role(cleaned_data)
        return cleaned_data


class InvitationAcceptForm(NewPasswordMixin, KernFormMixin, forms.Form):
    full_name = forms.CharField(
        label=_("Ihr Name"), max_length=150, widget=forms.TextInput({"autocomplete": "name"})
    )
    password1, password2 = password_fields()
    language = language_field()
    privacy = privacy_field()

    def __init__(self, *args, email: str, **kwargs):
        self.email = email
        super().__init__(*args, **kwargs)

    def password_user(self):
        return User(email=self.email, full_name=self.cleaned_data.get("full_name", ""))

    def clean(self):
        cleaned_data = super().clean()
        self.clean_passwords(cleaned_data)
        return cleaned_data


class ClaimForm(KernFormMixin, forms.Form):
    """What a person tells the programme office to be confirmed for a municipality."""

    function = forms.CharField(
        label=_("Ihre Funktion in der Verwaltung"),
        help_text=_("Zum Beispiel: Leitung des Integrationsbüros, Amt für Chancengleichheit."),
        max_length=200,
        required=False,
    )
    authority = forms.CharField(
        label=_("Worauf beruht Ihre Befugnis?"),
        help_text=_(
            "Wer hat Sie beauftragt, für die Kommune zu handeln (etwa die Bürgermeisterin "
            "oder der Landrat), und wie erreicht die Geschäftsstelle diese Stelle?"
        ),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    letter = forms.FileField(
        label=_("Vollmacht oder Beauftragungsschreiben (PDF)"),
        help_text=_("Höchstens 10 MB."),
        required=False,
    )


class ClaimDecisionForm(KernFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Entscheidung"),
        choices=[("approve", _("Bestätigen")), ("refuse", _("Ablehnen"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Bitte wählen Sie eine Entscheidung.")},
    )
    reason = forms.CharField(
        label=_("Begründung"),
        help_text=_("Die Person erhält sie per E-Mail."),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
