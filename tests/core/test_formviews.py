from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.utils import translation

from core.forms import KernFormMixin
from core.formviews import attempt, bind, form_data

REQUIRED_DE = "Dieses Feld ist zwingend erforderlich."


class NameForm(KernFormMixin, forms.Form):
    name = forms.CharField()
    agree = forms.BooleanField()


class TitledForm(KernFormMixin, forms.Form):
    def __init__(self, title, *args, colour: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = title
        self.colour = colour

    note = forms.CharField()


class UploadForm(KernFormMixin, forms.Form):
    file = forms.FileField()


def test_bind_empty_post_is_bound_with_required_errors():
    request = RequestFactory().post("/", {})

    with translation.override("de"):
        form = bind(NameForm, request)
        valid = form.is_valid()

    assert form.is_bound is True
    assert valid is False
    assert form.errors == {"name": [REQUIRED_DE], "agree": [REQUIRED_DE]}


def test_bind_get_is_unbound():
    request = RequestFactory().get("/", {"name": "Ada"})

    form = bind(NameForm, request)

    assert form.is_bound is False
    assert form.errors == {}


def test_bind_post_with_data_is_valid():
    request = RequestFactory().post("/", {"name": "Ada", "agree": "on"})

    form = bind(NameForm, request)

    assert form.is_valid() is True
    assert form.cleaned_data == {"name": "Ada", "agree": True}


def test_bind_passes_positional_and_keyword_arguments_through():
    request = RequestFactory().post("/", {"note": "x"})

    form = bind(TitledForm, request, "Titel", colour="blau", initial={"note": "y"})

    assert (form.title, form.colour, form.initial) == ("Titel", "blau", {"note": "y"})
    assert form.is_valid() is True


def test_bind_post_carries_the_uploaded_files():
    upload = SimpleUploadedFile("a.txt", b"hello")
    request = RequestFactory().post("/", {"file": upload})

    form = bind(UploadForm, request)

    assert form.is_valid() is True
    assert form.cleaned_data["file"].read() == b"hello"


def test_form_data_is_empty_for_get_and_head():
    factory = RequestFactory()

    assert form_data(factory.get("/")) == {}
    assert form_data(factory.head("/")) == {}


def test_attempt_returns_the_service_result():
    form = NameForm(data={"name": "Ada", "agree": "on"})
    form.is_valid()

    assert attempt(form, lambda: 42) == 42
    assert form.errors == {}


def test_attempt_puts_the_service_error_on_its_field_and_returns_none():
    form = NameForm(data={"name": "Ada", "agree": "on"})
    form.is_valid()

    def refuse():
        raise ValidationError({"name": "Name schon vergeben."})

    assert attempt(form, refuse) is None
    assert form.errors == {"name": ["Name schon vergeben."]}
