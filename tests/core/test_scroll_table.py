"""A table that scrolls sideways is a focusable region named by its caption."""

import re

import pytest
from django.template import Context, Template, TemplateSyntaxError


def render(body: str) -> str:
    return Template("{% load kfa %}{% scroll_table %}" + body + "{% end_scroll_table %}").render(
        Context()
    )


def test_scroll_table_is_a_focusable_region_named_by_its_caption():
    html = render('<table><caption class="kern-title">Bewerbungen</caption></table>')

    match = re.fullmatch(
        r'<div class="table-wrap" role="region" tabindex="0" '
        r'aria-labelledby="(tabelle-[0-9a-f]{8})">'
        r'<table><caption id="\1" class="kern-title">Bewerbungen</caption></table></div>',
        html,
    )
    assert match is not None, html


def test_scroll_table_keeps_the_captions_own_id():
    html = render('<table><caption id="matrix">Matrix</caption></table>')

    assert html == (
        '<div class="table-wrap" role="region" tabindex="0" aria-labelledby="matrix">'
        '<table><caption id="matrix">Matrix</caption></table></div>'
    )


def test_two_tables_on_one_page_get_different_names():
    first = render("<table><caption>A</caption></table>")
    second = render("<table><caption>B</caption></table>")

    ids = {re.search(r'aria-labelledby="([^"]+)"', html).group(1) for html in (first, second)}
    assert len(ids) == 2


def test_scroll_table_without_caption_is_refused():
    with pytest.raises(TemplateSyntaxError):
        render("<table><tr><td>1</td></tr></table>")
