"""Bar charts of one item's distribution, as SVG (inline and for download) and PNG.

Charts are drawn only from an ``ItemResult`` that passed the anonymity rule. Every bar
carries its label and its number as text, so the chart says what it shows without
relying on colour, and the SVG has a title and a description for screen readers. An
option the rule hides gets no bar and the words "nicht ausgewiesen" instead of a number,
in the SVG and the PNG alike (both take their text from ``bar_text``).
"""

from io import BytesIO
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from PIL import Image, ImageDraw, ImageFont

from core.languages import german_lang_attribute
from core.numbers import number, percent
from evaluation.results import ItemResult

WIDTH = 640
ROW = 34
LABEL_WIDTH = 260
BAR_AREA = WIDTH - LABEL_WIDTH - 90
TOP = 46
COLOUR = "#1f5a96"


def bar_text(bar) -> str:
    if bar.count is None:
        return _("nicht ausgewiesen")
    return f"{number(bar.count)} ({percent(bar.percent)})"


def mean_text(result: ItemResult) -> str:
    return _("Mittelwert %(mean)s") % {"mean": number(result.mean, 2)}


def _length(bar, largest: int) -> int:
    return 0 if bar.count is None else round(BAR_AREA * bar.count / largest)


def _largest(result: ItemResult) -> int:
    return max((bar.count or 0 for bar in result.bars), default=0) or 1


def description(result: ItemResult) -> str:
    parts = [
        _("%(label)s: %(count)s") % {"label": bar.label, "count": bar_text(bar)}
        for bar in result.bars
    ]
    summary = ngettext("%(n)s Antwort", "%(n)s Antworten", result.n) % {"n": number(result.n)}
    if result.mean is not None:
        summary += "; " + mean_text(result)
    return summary + ". " + "; ".join(parts)


def _footer(result: ItemResult) -> str:
    footer = _("n = %(n)s") % {"n": number(result.n)}
    if result.mean is not None:
        footer += " · " + mean_text(result)
    return footer


def _height(result: ItemResult) -> int:
    return TOP + ROW * len(result.bars) + 30


def svg(result: ItemResult, *, chart_id: str = "chart") -> str:
    height = _height(result)
    title = escape(result.item.text)
    # The question and its scale exist only in German (core.languages).
    german = german_lang_attribute()
    lines = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" aria-labelledby="{chart_id}-title" '
        f'aria-describedby="{chart_id}-desc" class="chart">',
        f'<title id="{chart_id}-title"{german}>{title}</title>',
        f'<desc id="{chart_id}-desc">{escape(description(result))}</desc>',
        f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>',
        f'<text x="8" y="24" font-family="sans-serif" font-size="15" font-weight="bold" '
        f'fill="#1b1b1b"{german}>{title[:90]}</text>',
    ]
    largest = _largest(result)
    for index, bar in enumerate(result.bars):
        y = TOP + index * ROW
        length = _length(bar, largest)
        lines.append(
            f'<text x="8" y="{y + 20}" font-family="sans-serif" font-size="13" '
            f'fill="#1b1b1b"{german}>{escape(f"{bar.code} – {bar.label}"[:40])}</text>'
        )
        lines.append(
            f'<rect x="{LABEL_WIDTH}" y="{y + 6}" width="{length}" height="{ROW - 12}" '
            f'fill="{COLOUR}"/>'
        )
        lines.append(
            f'<text x="{LABEL_WIDTH + length + 6}" y="{y + 20}" font-family="sans-serif" '
            f'font-size="13" fill="#1b1b1b">{escape(bar_text(bar))}</text>'
        )
    footer = _footer(result)
    lines.append(
        f'<text x="8" y="{height - 10}" font-family="sans-serif" font-size="12" '
        f'fill="#1b1b1b">{escape(footer)}</text>'
    )
    lines.append("</svg>")
    return "\n".join(lines)


def _font(size: int):
    for name in ("DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"):
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default()


def png(result: ItemResult) -> bytes:
    """The same chart as a bitmap, at twice the size for print."""
    scale = 2
    height = _height(result)
    image = Image.new("RGB", (WIDTH * scale, height * scale), "white")
    draw = ImageDraw.Draw(image)
    bold, regular, small = _font(15 * scale), _font(13 * scale), _font(12 * scale)
    draw.text((8 * scale, 10 * scale), result.item.text[:90], fill="#1b1b1b", font=bold)
    largest = _largest(result)
    for index, bar in enumerate(result.bars):
        y = (TOP + index * ROW) * scale
        length = _length(bar, largest) * scale
        draw.text(
            (8 * scale, y + 8 * scale),
            f"{bar.code} – {bar.label}"[:40],
            fill="#1b1b1b",
            font=regular,
        )
        x0 = LABEL_WIDTH * scale
        if length:
            draw.rectangle([x0, y + 6 * scale, x0 + length, y + (ROW - 6) * scale], fill=COLOUR)
        draw.text(
            (x0 + length + 6 * scale, y + 8 * scale),
            bar_text(bar),
            fill="#1b1b1b",
            font=regular,
        )
    footer = _footer(result)
    draw.text((8 * scale, (height - 24) * scale), footer, fill="#1b1b1b", font=small)
    buffer = BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
