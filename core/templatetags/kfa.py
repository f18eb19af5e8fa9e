import re
import secrets

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from core.languages import german_lang_attribute, german_only
from core.markup import render_markdown
from core.numbers import number as format_number
from core.numbers import percent as format_percent
from core.rules import rule_get

register = template.Library()


@register.filter
def markdown(text):
    return render_markdown(text)


@register.filter
def number(value, places=0):
    """``{{ mean|number:2 }}``: "4,08" on German pages, "4.08" on English ones
    (``core.numbers``); nothing stays nothing, so ``|default:"–"`` still works."""
    if value is None or value == "":
        return ""
    return format_number(value, int(places))


@register.filter
def percent(value, places=1):
    """``{{ bar.percent|percent }}``: a value given in percent as "41,7 %" or "41.7%"."""
    if value is None or value == "":
        return ""
    return format_percent(value, int(places))


@register.filter
def pct_class(value, total):
    """A CSS width class (w-pct-0 … w-pct-100) for bar charts under a strict CSP."""
    try:
        pct = round(100 * float(value) / float(total)) if total else 0
    except (TypeError, ValueError):
        pct = 0
    return f"w-pct-{max(0, min(100, pct))}"


@register.filter
def may(user, rule_name):
    """``{% if user|may:"network.inside" %}``: asks the named rule of ``core.rules``, the
    same one the view and the service ask, so a link shows exactly where it leads."""
    return rule_get(rule_name)(user)


@register.simple_tag
def rule_allows(rule_name, user, obj=None):
    """``{% rule_allows "advisory.write_minutes" user board as allowed %}``: the same
    question about one object (a filter takes only one argument)."""
    return rule_get(rule_name)(user, obj)


CAPTION_TAG = re.compile(r"<caption\b([^>]*)>", re.IGNORECASE)
ID_ATTRIBUTE = re.compile(r"""\bid=["']([^"']+)["']""")


class ScrollTableNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        inner = self.nodelist.render(context)
        caption = CAPTION_TAG.search(inner)
        if caption is None:
            raise template.TemplateSyntaxError("A scrolling table needs a caption to be named by.")
        known = ID_ATTRIBUTE.search(caption.group(1))
        if known:
            caption_id = known.group(1)
        else:
            # Random rather than counted: an htmx fragment is rendered without the rest of
            # the page, so a counter would repeat the ids of the tables around it.
            caption_id = f"tabelle-{secrets.token_hex(4)}"
            inner = (
                f'{inner[: caption.start()]}<caption id="{caption_id}"{caption.group(1)}>'
                f"{inner[caption.end() :]}"
            )
        opening = format_html(
            '<div class="table-wrap" role="region" tabindex="0" aria-labelledby="{}">', caption_id
        )
        return mark_safe(f"{opening}{inner}</div>")  # noqa: S308 -- inner is rendered template output


@register.tag
def scroll_table(parser, token):
    """``{% scroll_table %}<table><caption>…</caption>…</table>{% end_scroll_table %}``:
    a table that scrolls sideways inside its own box on a narrow screen. Keyboard users
    can focus the box to scroll it, and screen readers hear it as a region named by the
    table's caption; the caption gets an id unless it has one."""
    nodelist = parser.parse(("end_scroll_table",))
    parser.delete_first_token()
    return ScrollTableNode(nodelist)


@register.simple_tag
def content_lang():
    """``<h1{% content_lang %}>{{ event.title }}</h1>``: marks an element that holds content
    entered only in German when the page speaks another language (``core.languages``)."""
    return german_lang_attribute()


@register.filter
def german(text):
    """German-only content inside a translated sentence, as ``<span lang="de">`` on pages in
    another language: ``{% blocktranslate with title=event.title|german %}``. Escaped."""
    return german_only(text)
