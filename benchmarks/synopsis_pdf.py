"""Time the PDF of a round's Synopse with 500 comments.

500 top-level comments on 100 paragraphs (each paragraph about 80 words, a marked
passage on every second comment, each comment
about 60 words, a suggested wording on every third, a reason of about 40 words each;
seeded random German-like words), every paragraph changed in the next version so that
each row carries a word-level difference. Measured: rendering the template and
WeasyPrint writing the tagged PDF/UA, as the Synopse's PDF view does (no database: the
view reads the rows in a fixed number of queries, which the query-count tests pin).

Run from the repository root:

    .venv/bin/python benchmarks/synopsis_pdf.py
    .venv/bin/python benchmarks/synopsis_pdf.py --comments 200 --repeat 3
"""

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kfa.settings")

import django  # noqa: E402 -- settings first

django.setup()

from django.utils import timezone, translation  # noqa: E402

from calls.pdf import render_pdf  # noqa: E402
from recommendations.answer_selectors import SynopsisRow, Trace  # noqa: E402
from recommendations.diff import word_diff  # noqa: E402

WORDS = [
    "Verwaltung",
    "Antrag",
    "Bescheid",
    "Beratung",
    "Termin",
    "Sprache",
    "Zugang",
    "Prüfung",
    "Behörde",
    "Kommune",
    "Leistung",
    "Familie",
    "Schule",
    "Beschwerde",
    "Personal",
    "Fortbildung",
    "Formular",
    "Auskunft",
    "Frist",
    "Begründung",
    "Ablehnung",
    "Dolmetschen",
    "Vielfalt",
    "Schutz",
    "Verfahren",
    "Hinweis",
    "Stelle",
    "Team",
]


def words(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(count)).capitalize() + "."


def rows(count: int, seed: int) -> list[SynopsisRow]:
    rng = random.Random(seed)
    paragraphs = [words(rng, 80) for _ in range(100)]
    changed = [text.replace(" Frist ", " Termin ", 2) + " Neu." for text in paragraphs]
    result = []
    for index in range(count):
        number = index % 100
        result.append(
            SynopsisRow(
                comment=None,
                recommendation=f"{number // 10 + 1}.{number % 10 + 1} Empfehlung {number}",
                number=f"{number // 10 + 1}.{number % 10 + 1}, Absatz 1",
                paragraph_text=paragraphs[number],
                quote=paragraphs[number][:40] if index % 2 else "",
                kind="Bedenken",
                text=words(rng, 60),
                suggested_wording=words(rng, 30) if index % 3 == 0 else "",
                author=f"Stadt {index % 40}",
                from_field_test=index % 17 == 0,
                office_only=False,
                status="teilweise übernommen",
                reason=words(rng, 40),
                trace=Trace(
                    "changed",
                    "2.0",
                    f"{number // 10 + 1}.{number % 10 + 1}, Absatz 1",
                    tuple(word_diff(paragraphs[number], changed[number])),
                ),
            )
        )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2026)
    options = parser.parse_args()
    now = timezone.now()
    round = SimpleNamespace(
        title="Erste Beteiligungsrunde",
        starts_at=now - dt.timedelta(days=28),
        ends_at=now - dt.timedelta(days=1),
        answers_published_at=now,
        version=SimpleNamespace(label="1.0", document=SimpleNamespace(title_de="Empfehlungen")),
    )
    context = {
        "round": round,
        "rows": rows(options.comments, options.seed),
        "office": False,
        "draft": False,
        "now": now,
    }
    times, size = [], 0
    for _ in range(options.repeat):
        with translation.override("de"):
            started = time.perf_counter()
            content = render_pdf("recommendations/pdf/synopsis.html", context)
            times.append(time.perf_counter() - started)
        size = len(content)
    print(f"{options.comments} comments: {size / 1e6:.2f} MB PDF")
    print(
        "seconds per PDF: median "
        f"{statistics.median(times):.2f}, min {min(times):.2f}, max {max(times):.2f}"
    )


if __name__ == "__main__":
    main()
