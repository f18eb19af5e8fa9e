"""Time the comparison of two versions of a recommendations document.

200 recommendations in 10 chapters, each with a title, a rationale and four paragraphs of
about 80 words (seeded random German-like words). The newer version changes one word in
ten in every third paragraph, swaps two paragraphs of every fifth recommendation, renames
every seventh, removes five recommendations and adds five. Measured: ``compare_documents``
and rendering every segment to HTML, as the comparison page does (no database: the page
reads the two versions in a fixed number of queries).

Run from the repository root:

    .venv/bin/python benchmarks/recommendations_diff.py
    .venv/bin/python benchmarks/recommendations_diff.py --recommendations 400 --repeat 7
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kfa.settings")

import django  # noqa: E402 -- settings first

django.setup()

from django.utils import translation  # noqa: E402

from recommendations.diff import (  # noqa: E402
    ParagraphText,
    RecommendationText,
    compare_documents,
    render_segments,
)

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
    "Personal",
    "Beschwerde",
    "Verfahren",
    "Leistung",
    "Aufenthalt",
    "Schule",
    "Jugend",
    "Ordnung",
    "Kontrolle",
    "Vielfalt",
    "Diskriminierung",
    "Rassismus",
    "Routine",
    "Standard",
    "Handlung",
    "Empfehlung",
    "Schulung",
    "und",
    "oder",
    "die",
    "der",
    "das",
    "eine",
    "mit",
    "für",
    "bei",
    "nach",
    "vor",
    "über",
    "ohne",
    "jede",
    "alle",
    "klar",
    "fair",
]


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def old_version(rng: random.Random, count: int) -> list[RecommendationText]:
    per_chapter = max(1, count // 10)
    return [
        RecommendationText(
            key=f"r{n}",
            number=f"{n // per_chapter + 1}.{n % per_chapter + 1}",
            title=sentence(rng, 6),
            rationale=sentence(rng, 30),
            paragraphs=tuple(ParagraphText(f"r{n}p{p}", sentence(rng, 80)) for p in range(4)),
        )
        for n in range(count)
    ]


def changed_words(rng: random.Random, text: str) -> str:
    words = text.split(" ")
    for index in range(0, len(words), 10):
        words[index] = rng.choice(WORDS)
    return " ".join(words)


def new_version(rng: random.Random, old: list[RecommendationText]) -> list[RecommendationText]:
    result = []
    for n, rec in enumerate(old):
        if n % 40 == 3:
            continue  # removed
        paragraphs = list(rec.paragraphs)
        paragraphs = [
            ParagraphText(p.key, changed_words(rng, p.text)) if i % 3 == 0 else p
            for i, p in enumerate(paragraphs)
        ]
        if n % 5 == 0:
            paragraphs[1], paragraphs[2] = paragraphs[2], paragraphs[1]
        title = sentence(rng, 6) if n % 7 == 0 else rec.title
        result.append(
            RecommendationText(rec.key, rec.number, title, rec.rationale, tuple(paragraphs))
        )
        if n % 40 == 20:
            result.append(
                RecommendationText(
                    f"neu{n}",
                    rec.number,
                    sentence(rng, 6),
                    sentence(rng, 30),
                    tuple(ParagraphText(f"neu{n}p{p}", sentence(rng, 80)) for p in range(4)),
                )
            )
    return result


def run_once(old, new) -> tuple[float, int]:
    start = time.perf_counter()
    changes = compare_documents(old, new)
    html = 0
    for change in changes:
        html += len(render_segments(change.title)) + len(render_segments(change.rationale))
        for paragraph in change.paragraphs:
            html += len(render_segments(paragraph.segments))
    return time.perf_counter() - start, html


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recommendations", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    old = old_version(rng, args.recommendations)
    new = new_version(rng, old)
    translation.activate("de")
    times = []
    for _ in range(args.repeat):
        seconds, html = run_once(old, new)
        times.append(seconds)
    words = sum(len(p.text.split()) for r in old for p in r.paragraphs)
    print(f"recommendations: {len(old)} old, {len(new)} new; {words} words in paragraphs")
    print(f"HTML produced: {html:,} characters")
    print(f"compare + render, median of {args.repeat}: {statistics.median(times):.3f} s")
    print(f"fastest {min(times):.3f} s, slowest {max(times):.3f} s")


if __name__ == "__main__":
    main()
