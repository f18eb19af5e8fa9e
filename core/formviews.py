"""How a view binds a form to what was sent.

``request.POST or None`` leaves a form unbound when a POST arrives without a single field
(every box unticked, every field left empty): such a form is not valid, shows no errors
and the page simply comes back as if nothing had been sent. Binding on the method, not on
the content, makes an empty POST show its required-field errors like any other.
"""

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.http import HttpRequest

F = TypeVar("F")
T = TypeVar("T")


def form_data(request: HttpRequest) -> dict[str, Any]:
    """The keyword arguments that bind a form: data and files of a POST (also an empty
    one), nothing for any other method."""
    if request.method == "POST":
        return {"data": request.POST, "files": request.FILES}
    return {}


def bind(form_class: Callable[..., F], request: HttpRequest, *args, **kwargs) -> F:
    """``form_class(*args, **kwargs)``, bound to the request on a POST, unbound otherwise."""
    return form_class(*args, **form_data(request), **kwargs)


def attempt(form, action: Callable[[], T]) -> T | None:
    """Run a service; its ValidationErrors go onto the form and None comes back."""
    try:
        return action()
    except ValidationError as exc:
        form.add_service_errors(exc)
        return None
