"""Marking the words a visitor searched for, in text that may already be HTML.

Only the text between tags is touched: it is unescaped, split at each match, and every
piece escaped again, so the one markup added is ``<mark>`` and a query can never bring
its own.
"""

import re
from html import unescape

from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe

# A tag, with quoted attribute values that may themselves hold ">".
TAG = re.compile(r"""(<(?:[^>"']|"[^"]*"|'[^']*')*>)""")


def mark_matches(value, query: str) -> SafeString:
    """``value`` (plain text, or HTML marked safe) with each case-insensitive occurrence of
    ``query`` in ``<mark>``."""
    html = str(conditional_escape(value))
    if not query:
        return mark_safe(html)  # noqa: S308 -- escaped on the line above, or safe already
    pattern = re.compile(re.escape(query), re.IGNORECASE)
    out = []
    for part in TAG.split(html):
        if TAG.fullmatch(part):
            out.append(part)
            continue
        plain = unescape(part)
        start = 0
        for match in pattern.finditer(plain):
            out.append(escape(plain[start : match.start()]))
            out.append(f"<mark>{escape(match.group())}</mark>")
            start = match.end()
        out.append(escape(plain[start:]))
    return mark_safe("".join(out))  # noqa: S308 -- every piece of text escaped above
