"""Word-level differences between two versions of the recommendations.

Pure functions over plain snapshots (``RecommendationText``), no database: recommendations
and paragraphs are matched by their stable keys, so a paragraph that moved is found as
moved, not as removed here and added there. The words are compared as the office wrote
them (the Markdown source), so a changed emphasis shows as a changed word.
"""

import difflib
import re
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from core.languages import german_only

SAME, INSERTED, DELETED = "same", "ins", "del"
ADDED, REMOVED, CHANGED, UNCHANGED = "added", "removed", "changed", "unchanged"

# Words, runs of punctuation and runs of white space: white space is a token of its own
# so that a changed word does not drag the space after it into the difference.
_TOKEN = re.compile(r"\w+|[^\w\s]+|\s+")


@dataclass(frozen=True)
class ParagraphText:
    key: str
    text: str


@dataclass(frozen=True)
class RecommendationText:
    key: str
    number: str
    title: str
    rationale: str = ""
    paragraphs: tuple[ParagraphText, ...] = ()


@dataclass(frozen=True)
class Segment:
    kind: str
    text: str


@dataclass
class ParagraphChange:
    key: str
    status: str
    segments: list[Segment]
    moved: bool = False


@dataclass
class RecommendationChange:
    key: str
    status: str
    old_number: str | None
    new_number: str | None
    title: list[Segment]
    renamed: bool
    rationale: list[Segment]
    paragraphs: list[ParagraphChange] = field(default_factory=list)


def word_diff(old: str, new: str) -> list[Segment]:
    """``old`` turned into ``new`` as runs of kept, deleted and inserted text; a
    replacement is the deletion followed by the insertion."""
    if old == new:
        # Most paragraphs stay as they were; no need to match their words.
        return _whole(SAME, old)
    before, after = _TOKEN.findall(old), _TOKEN.findall(new)
    # White space is never an anchor of a match (it is everywhere), only carried along.
    matcher = difflib.SequenceMatcher(str.isspace, before, after, autojunk=False)
    segments: list[Segment] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            _append(segments, SAME, "".join(before[i1:i2]))
            continue
        if op in ("delete", "replace"):
            _append(segments, DELETED, "".join(before[i1:i2]))
        if op in ("insert", "replace"):
            _append(segments, INSERTED, "".join(after[j1:j2]))
    return _absorb_lone_spaces(segments)


def _append(segments: list[Segment], kind: str, text: str) -> None:
    if not text:
        return
    if segments and segments[-1].kind == kind:
        segments[-1] = Segment(kind, segments[-1].text + text)
    else:
        segments.append(Segment(kind, text))


def _absorb_lone_spaces(segments: list[Segment]) -> list[Segment]:
    """A single kept space between two changes ("a b" → "x y" matched on the space)
    reads as noise: it joins both changes instead."""
    expanded: list[Segment] = []
    for index, segment in enumerate(segments):
        between_changes = (
            segment.kind == SAME
            and segment.text.isspace()
            and 0 < index < len(segments) - 1
            and segments[index - 1].kind != SAME
            and segments[index + 1].kind != SAME
        )
        if between_changes:
            expanded += [Segment(DELETED, segment.text), Segment(INSERTED, segment.text)]
        else:
            expanded.append(segment)
    return _regroup(expanded)


def _regroup(segments: list[Segment]) -> list[Segment]:
    """Within each run of changes, all deletions first, then all insertions."""
    grouped: list[Segment] = []
    run: list[Segment] = []
    for segment in [*segments, Segment(SAME, "")]:
        if segment.kind != SAME:
            run.append(segment)
            continue
        for kind in (DELETED, INSERTED):
            text = "".join(s.text for s in run if s.kind == kind)
            if text:
                grouped.append(Segment(kind, text))
        run = []
        if segment.text:
            _append(grouped, SAME, segment.text)
    return grouped


def render_segments(segments: list[Segment]) -> SafeString:
    """The segments as HTML: ``<del>`` and ``<ins>`` with a visible sign and a hidden
    word for screen readers, which mostly do not announce the elements themselves. All
    text is escaped."""
    inserted, deleted = escape(_("eingefügt:")), escape(_("gestrichen:"))
    parts = []
    for segment in segments:
        # The text is German; on pages in another language it says so (lang="de").
        text = german_only(segment.text)
        if segment.kind == SAME:
            parts.append(text)
        elif segment.kind == INSERTED:
            parts.append(
                f'<ins class="diff diff--ins"><span class="kern-sr-only">{inserted} </span>'
                f'<span class="diff__sign" aria-hidden="true">+</span>{text}</ins>'
            )
        else:
            parts.append(
                f'<del class="diff diff--del"><span class="kern-sr-only">{deleted} </span>'
                f'<span class="diff__sign" aria-hidden="true">−</span>{text}</del>'
            )
    return mark_safe("".join(parts))  # noqa: S308 -- every piece of text is escaped above


def _merged_order(old_keys: list[str], new_keys: list[str]) -> list[str]:
    """The new order, with each removed key placed after the key that preceded it in
    the old order (or first)."""
    order = list(new_keys)
    present = set(new_keys)
    previous = None
    for key in old_keys:
        if key not in present:
            index = order.index(previous) + 1 if previous is not None else 0
            order.insert(index, key)
            present.add(key)
        previous = key
    return order


def _moved(old_keys: list[str], new_keys: list[str]) -> set[str]:
    """Keys in both lists whose place among the common keys differs."""
    common = set(old_keys) & set(new_keys)
    old_common = [key for key in old_keys if key in common]
    new_common = [key for key in new_keys if key in common]
    return {key for key, other in zip(old_common, new_common, strict=True) if key != other}


def _whole(kind: str, text: str) -> list[Segment]:
    return [Segment(kind, text)] if text else []


def compare_paragraphs(
    old: tuple[ParagraphText, ...], new: tuple[ParagraphText, ...]
) -> list[ParagraphChange]:
    before = {p.key: p for p in old}
    after = {p.key: p for p in new}
    moved = _moved([p.key for p in old], [p.key for p in new])
    changes = []
    for key in _merged_order([p.key for p in old], [p.key for p in new]):
        if key not in before:
            changes.append(ParagraphChange(key, ADDED, _whole(INSERTED, after[key].text)))
        elif key not in after:
            changes.append(ParagraphChange(key, REMOVED, _whole(DELETED, before[key].text)))
        else:
            segments = word_diff(before[key].text, after[key].text)
            status = CHANGED if before[key].text != after[key].text else UNCHANGED
            changes.append(ParagraphChange(key, status, segments, moved=key in moved))
    return changes


def compare_recommendation(
    old: RecommendationText | None, new: RecommendationText | None
) -> RecommendationChange:
    """One recommendation in two versions; None where it does not exist."""
    if old is None:
        return RecommendationChange(
            key=new.key,
            status=ADDED,
            old_number=None,
            new_number=new.number,
            title=_whole(INSERTED, new.title),
            renamed=False,
            rationale=_whole(INSERTED, new.rationale),
            paragraphs=compare_paragraphs((), new.paragraphs),
        )
    if new is None:
        return RecommendationChange(
            key=old.key,
            status=REMOVED,
            old_number=old.number,
            new_number=None,
            title=_whole(DELETED, old.title),
            renamed=False,
            rationale=_whole(DELETED, old.rationale),
            paragraphs=compare_paragraphs(old.paragraphs, ()),
        )
    paragraphs = compare_paragraphs(old.paragraphs, new.paragraphs)
    differs = (
        old.title != new.title
        or old.rationale != new.rationale
        or old.number != new.number
        or any(p.status != UNCHANGED or p.moved for p in paragraphs)
    )
    return RecommendationChange(
        key=new.key,
        status=CHANGED if differs else UNCHANGED,
        old_number=old.number,
        new_number=new.number,
        title=word_diff(old.title, new.title),
        renamed=old.title != new.title,
        rationale=word_diff(old.rationale, new.rationale),
        paragraphs=paragraphs,
    )


def compare_documents(
    old: list[RecommendationText], new: list[RecommendationText]
) -> list[RecommendationChange]:
    """Every recommendation of either version, in the new version's order with removed
    ones where they stood."""
    before = {r.key: r for r in old}
    after = {r.key: r for r in new}
    order = _merged_order([r.key for r in old], [r.key for r in new])
    return [compare_recommendation(before.get(key), after.get(key)) for key in order]
