"""What every form of the site shares: KERN classes on the widgets and service errors
put back where they belong."""

from django import forms
from django.core.exceptions import ValidationError


class KernFormMixin:
    """KERN classes on every widget and links to the hint and error the field template
    always renders (``<name>-hint``, ``<name>-error``).

    No ``required`` attribute: the browser's own messages would come in the browser's
    language and before ours, so required fields are checked on the server.
    """

    use_required_attribute = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = field.widget
            widget.attrs.setdefault("class", kern_class(widget))
            html_name = self.add_prefix(name)
            widget.attrs["aria-describedby"] = f"{html_name}-hint {html_name}-error"

    def add_service_errors(self, exc: ValidationError, renames: dict | None = None) -> None:
        """Put a service's errors at the fields they are about (or above the form);
        ``renames`` maps a service's field name to the form's where they differ."""
        renames = renames or {}
        if not hasattr(exc, "error_dict"):
            self.add_error(None, exc)
            return
        for name, errors in exc.error_dict.items():
            target = renames.get(name, name)
            self.add_error(target if target in self.fields else None, errors)


def kern_class(widget: forms.Widget) -> str:
    if isinstance(widget, forms.CheckboxSelectMultiple | forms.CheckboxInput):
        return "kern-form-check__checkbox"
    if isinstance(widget, forms.RadioSelect):
        return "kern-form-check__radio"
    if isinstance(widget, forms.Select):
        return "kern-form-input__select"
    if isinstance(widget, forms.FileInput):
        return "kern-form-input__input kern-form-input__file"
    return "kern-form-input__input"
