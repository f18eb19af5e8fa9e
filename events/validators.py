"""Checks on what people type into the public registration form."""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

NAME_MAX_LENGTH = 100

# Bidirectional overrides and isolates can make a name read differently from what it
# is; line and paragraph separators break lines like a newline. Joiners (U+200C/D) stay
# allowed: Persian and other scripts write names with them.
_BIDI_CONTROLS = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}


def validate_person_name(value: str) -> None:
    """A name is one line of text: no line breaks, no control characters, and at most
    ``NAME_MAX_LENGTH`` characters, so it can stand in a greeting and a list."""
    for char in value:
        if unicodedata.category(char) in ("Cc", "Zl", "Zp") or char in _BIDI_CONTROLS:
            raise ValidationError(
                _("Der Name darf keine Zeilenumbrüche oder Steuerzeichen enthalten."),
                code="control_character",
            )
    if len(value) > NAME_MAX_LENGTH:
        raise ValidationError(
            _("Der Name darf höchstens %(max)d Zeichen lang sein (er hat %(length)d)."),
            code="max_length",
            params={"max": NAME_MAX_LENGTH, "length": len(value)},
        )
