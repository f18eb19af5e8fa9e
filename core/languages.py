"""Content entered only in German, on pages in another language.

Survey questions, their scales, event titles and questions are written by the programme
office in German alone. On an English page a screen reader would read them with English
pronunciation unless they say they are German (WCAG 3.1.2, language of parts). Templates
use ``{% content_lang %}`` and ``|german`` from the ``kfa`` tags; forms use
``german_only`` for labels and radio or checkbox choices made from such content, and
``GermanText`` for the options of a ``core.forms.LanguageSelect`` (an ``<option>`` holds
text only, so its language goes on the option itself).
"""

from django.utils import translation
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe


def page_speaks_german() -> bool:
    return (translation.get_language() or "de").split("-")[0] == "de"


def german_only(text) -> SafeString:
    """The text, escaped, in a ``<span lang="de">`` unless the page is German anyway."""
    if page_speaks_german():
        return conditional_escape(text)
    return format_html('<span lang="de">{}</span>', text)


def german_lang_attribute() -> SafeString:
    """`` lang="de"`` for an element holding German-only content, nothing on German pages."""
    return mark_safe("" if page_speaks_german() else ' lang="de"')  # noqa: S308 -- a constant


class GermanText(str):
    """A text entered only in German, as the label of a select's option."""
