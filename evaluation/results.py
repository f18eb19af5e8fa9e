"""Results of a set of surveys of one instrument version, with the anonymity rule applied.

Everything here works on data loaded in a fixed number of queries (``load``), so the
result pages cost the same number of queries whatever the number of answers. Only
figures built from included cells (``evaluation.anonymity``) leave this module.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from evaluation import anonymity
from evaluation.models import Answer, Item, ItemType, Phase, Response, Survey


@dataclass
class Bar:
    code: int
    label: str
    # None where the anonymity rule hides the option (``anonymity.mask_counts``).
    count: int | None
    percent: float | None


@dataclass
class ItemResult:
    item: Item
    n: int = 0
    bars: list[Bar] = field(default_factory=list)
    mean: float | None = None
    texts: list[str] = field(default_factory=list)
    # The mean is left out because it would give a hidden option away.
    mean_hidden: bool = False

    @property
    def suppressed(self) -> bool:
        return self.n == 0

    @property
    def hides_options(self) -> bool:
        return any(bar.count is None for bar in self.bars)


@dataclass
class GroupRow:
    label: str
    n: int
    means: list[float | None]
    suppressed_note: str = ""


@dataclass
class Comparison:
    item: Item
    pre_mean: float | None
    post_mean: float | None
    pairs: int | None
    mean_change: float | None


@dataclass
class Results:
    n: int
    suppressed_note: str
    items: list[ItemResult]
    groups: list[GroupRow]
    comparison: list[Comparison]
    threshold: int
    # Surveys of the selection still open, whose answers enter no figure yet.
    open_surveys: int = 0


def survey_year(survey: Survey) -> int:
    return timezone.localtime(survey.opens_at).year


def suppressed_note(*, raw: int, threshold: int) -> str:
    if raw < threshold:
        return _("weniger als %(n)s Antworten – nicht ausgewiesen") % {"n": threshold}
    return _("weniger als %(n)s Antworten je Befragung – nicht ausgewiesen") % {"n": threshold}


@dataclass
class Loaded:
    counts: dict[int, int]
    # (survey_id, response_id, item_id, value, pair_hash)
    answers: list[tuple]


def closed_ids(surveys: list[Survey]) -> set[int]:
    """The surveys whose answers may enter a figure: only closed ones, since figures that
    change while a survey is open would reveal each new answer by difference."""
    return {survey.pk for survey in surveys if survey.results_available}


def load(*, surveys: list[Survey]) -> Loaded:
    """Two queries: responses per closed survey, and all answers of the closed surveys."""
    ids = sorted(closed_ids(surveys))
    counts = dict(
        Response.objects.filter(survey_id__in=ids)
        .values_list("survey_id")
        .annotate(n=Count("pk"))
        .values_list("survey_id", "n")
    )
    answers = list(
        Answer.objects.filter(response__survey_id__in=ids).values_list(
            "response__survey_id", "response_id", "item_id", "value", "response__pair_hash"
        )
    )
    return Loaded(counts=counts, answers=answers)


def _numbers(item: Item, value) -> list[float]:
    """The numbers an answer adds to a mean (none for free text and multiple choice)."""
    if item.type in (ItemType.LIKERT, ItemType.NUMBER) and isinstance(value, int | float):
        return [float(value)]
    return []


def _is_answered(value) -> bool:
    return value not in (None, "", [])


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None


def compute(
    *,
    items: list[Item],
    surveys: list[Survey],
    loaded: Loaded,
    threshold: int,
    with_texts: bool,
    group_by=None,
) -> Results:
    """The results of ``surveys``; ``group_by`` maps a survey to the label of its row in
    the breakdown (None: no breakdown)."""
    threshold = anonymity.effective_threshold(threshold)
    closed = closed_ids(surveys)
    counts = {
        survey.pk: loaded.counts.get(survey.pk, 0) if survey.pk in closed else 0
        for survey in surveys
    }
    included = anonymity.included_surveys(counts, threshold=threshold)
    cell_counts = Counter(
        (survey_id, item_id)
        for survey_id, _response, item_id, value, _hash in loaded.answers
        if _is_answered(value)
    )
    cells = anonymity.included_cells(
        cell_counts, surveys=included, threshold=threshold, sizes=counts
    )
    by_item = defaultdict(list)
    for survey_id, _response, item_id, value, _hash in loaded.answers:
        if (survey_id, item_id) in cells and _is_answered(value):
            by_item[item_id].append((survey_id, value))

    hiding = _hiding_cells(items, by_item, threshold)
    item_results = [
        _item_result(item, by_item[item.pk], with_texts, threshold, hiding) for item in items
    ]
    n = sum(counts[pk] for pk in included)
    note = "" if n else suppressed_note(raw=sum(counts.values()), threshold=threshold)
    groups = []
    if group_by is not None:
        groups = _groups(items, surveys, counts, included, by_item, threshold, group_by, hiding)
    comparison = _comparison(
        items=items,
        surveys=surveys,
        included=included,
        cells=cells,
        answers=loaded.answers,
        threshold=threshold,
        hiding=hiding,
    )
    return Results(
        n=n,
        suppressed_note=note,
        items=item_results,
        groups=groups,
        comparison=comparison,
        threshold=threshold,
        open_surveys=len(surveys) - len(closed),
    )


def _cell_counts(item: Item, answers: list[tuple], threshold: int) -> dict[int, list]:
    """Per survey: the option counts of ``item`` under rule 5 (hidden ones None)."""
    chosen = defaultdict(Counter)
    sizes = Counter()
    for survey_id, value in answers:
        sizes[survey_id] += 1
        for code in value if isinstance(value, list) else [value]:
            chosen[survey_id][code] += 1
    codes = range(1, len(item.options) + 1)
    return {
        survey_id: anonymity.mask_counts(
            [chosen[survey_id][code] for code in codes],
            n=size,
            exclusive=item.type != ItemType.MULTIPLE,
            threshold=threshold,
        )
        for survey_id, size in sizes.items()
    }


def _hiding_cells(items: list[Item], by_item, threshold: int) -> set[tuple[int, int]]:
    """The (survey, scale item) cells that hide an option: a mean over them would let
    the hidden options be solved for, so no mean includes them."""
    hiding = set()
    for item in items:
        if item.type == ItemType.LIKERT:
            for survey_id, cell in _cell_counts(item, by_item[item.pk], threshold).items():
                if None in cell:
                    hiding.add((survey_id, item.pk))
    return hiding


def _item_result(
    item: Item, answers: list[tuple], with_texts: bool, threshold: int, hiding: set
) -> ItemResult:
    result = ItemResult(item=item, n=len(answers))
    if not answers:
        return result
    values = [value for _survey, value in answers]
    if item.has_options:
        cells = _cell_counts(item, answers, threshold)
        counts = anonymity.mask_counts_across(list(cells.values()), options=len(item.options))
        result.bars = [
            Bar(
                code=code,
                label=label,
                count=count,
                percent=None if count is None else round(100 * count / len(values), 1),
            )
            for (code, label), count in zip(enumerate(item.options, start=1), counts, strict=True)
        ]
    result.mean_hidden = any((survey_id, item.pk) in hiding for survey_id, _value in answers)
    if not result.mean_hidden:
        result.mean = _mean([number for value in values for number in _numbers(item, value)])
    if item.type == ItemType.TEXT and with_texts:
        # Sorted, so the order says nothing about who answered when.
        result.texts = sorted(str(value) for value in values)
    return result


def _groups(
    items, surveys, counts, included, by_item, threshold, group_by, hiding
) -> list[GroupRow]:
    label_of = {survey.pk: group_by(survey) for survey in surveys}
    labels = sorted(set(label_of.values()), key=str)
    rows = []
    scale_items = [item for item in items if item.type in (ItemType.LIKERT, ItemType.NUMBER)]
    for label in labels:
        members = [pk for pk, own in label_of.items() if own == label]
        n = sum(counts[pk] for pk in members if pk in included)
        means = []
        for item in scale_items:
            if any((pk, item.pk) in hiding for pk in members):
                means.append(None)
                continue
            numbers = [
                number
                for survey_id, value in by_item[item.pk]
                if label_of[survey_id] == label
                for number in _numbers(item, value)
            ]
            means.append(_mean(numbers))
        note = (
            "" if n else suppressed_note(raw=sum(counts[pk] for pk in members), threshold=threshold)
        )
        rows.append(GroupRow(label=str(label), n=n, means=means, suppressed_note=note))
    return rows


class ScaleAnswer(NamedTuple):
    survey_id: int
    number: float
    # The keyed hash of the code the person made up ("" without one).
    pair_hash: str


@dataclass
class IndexedAnswers:
    """The answers a comparison reads, indexed once for all items."""

    # Per item: the answers of included cells that carry a number, one per response.
    numbers: dict[int, list[ScaleAnswer]]
    # Per survey: how many of its responses carry each code.
    code_uses: dict[int, Counter]


def _index_answers(
    *, items: list[Item], cells: set[tuple[int, int]], answers: list[tuple]
) -> IndexedAnswers:
    """Index ``answers`` (as ``Loaded.answers``) by item and count the codes per survey.

    A code is counted once per response, whether or not its cells are included: a code
    used twice in a survey links no one, even if one of the two answered nothing shown.
    """
    item_of = {item.pk: item for item in items}
    numbers = defaultdict(dict)
    code_uses = defaultdict(Counter)
    counted = set()
    for survey_id, response_id, item_id, value, pair_hash in answers:
        if (survey_id, item_id) in cells and item_id in item_of:
            found = _numbers(item_of[item_id], value)
            if found:
                numbers[item_id][response_id] = ScaleAnswer(survey_id, found[0], pair_hash)
        if pair_hash and response_id not in counted:
            counted.add(response_id)
            code_uses[survey_id][pair_hash] += 1
    return IndexedAnswers(
        numbers={item_id: list(by_response.values()) for item_id, by_response in numbers.items()},
        code_uses=dict(code_uses),
    )


def _phase_means(
    *, answers: list[ScaleAnswer], phase_of: dict[int, str], hidden_phases: set[str]
) -> tuple[float | None, float | None]:
    """The mean before and the mean after; none for a phase in which a survey hides an
    option of the item (``_hiding_cells``)."""
    means = []
    for phase in (Phase.PRE, Phase.POST):
        numbers = [a.number for a in answers if phase_of.get(a.survey_id) == phase]
        means.append(None if phase in hidden_phases else _mean(numbers))
    return means[0], means[1]


def _linked_changes(
    *,
    answers: list[ScaleAnswer],
    pairs: dict[int, int],
    code_uses: dict[int, Counter],
    threshold: int,
) -> list[float]:
    """The changes (after minus before) of the people linked by their code, for each
    pair of surveys (post survey to its pre survey) whose linked part is safe to show on
    both sides (``anonymity.part_is_safe``)."""
    changes = []
    for post_id, pre_id in pairs.items():
        before = _by_unique_code(answers, survey_id=pre_id, uses=code_uses.get(pre_id, Counter()))
        after = _by_unique_code(answers, survey_id=post_id, uses=code_uses.get(post_id, Counter()))
        linked = before.keys() & after.keys()
        answered_pre = sum(1 for a in answers if a.survey_id == pre_id)
        answered_post = sum(1 for a in answers if a.survey_id == post_id)
        if anonymity.part_is_safe(
            len(linked), answered_pre, threshold=threshold
        ) and anonymity.part_is_safe(len(linked), answered_post, threshold=threshold):
            changes.extend(after[code] - before[code] for code in linked)
    return changes


def _by_unique_code(answers: list[ScaleAnswer], *, survey_id: int, uses: Counter) -> dict:
    # Codes used exactly once in the survey; a code used twice links no one.
    return {
        a.pair_hash: a.number
        for a in answers
        if a.survey_id == survey_id and a.pair_hash and uses[a.pair_hash] == 1
    }


def _comparison(
    *,
    items: list[Item],
    surveys: list[Survey],
    included: set[int],
    cells: set[tuple[int, int]],
    answers: list[tuple],
    threshold: int,
    hiding: set[tuple[int, int]],
) -> list[Comparison]:
    """Means before and after, and the mean change of people linked by their code."""
    posts = [s for s in surveys if s.phase == Phase.POST and s.pair_with_id is not None]
    if not posts:
        return []
    phase_of = {survey.pk: survey.phase for survey in surveys}
    # Only pairs whose two surveys both enter figures link anyone.
    pairs = {
        post.pk: post.pair_with_id
        for post in posts
        if post.pk in included and post.pair_with_id in included
    }
    index = _index_answers(items=items, cells=cells, answers=answers)
    rows = []
    for item in items:
        if item.type not in (ItemType.LIKERT, ItemType.NUMBER):
            continue
        item_answers = index.numbers.get(item.pk, [])
        hidden_phases = {phase_of.get(s) for s, hidden_item in hiding if hidden_item == item.pk}
        pre_mean, post_mean = _phase_means(
            answers=item_answers, phase_of=phase_of, hidden_phases=hidden_phases
        )
        changes = _linked_changes(
            answers=item_answers, pairs=pairs, code_uses=index.code_uses, threshold=threshold
        )
        rows.append(
            Comparison(
                item=item,
                pre_mean=pre_mean,
                post_mean=post_mean,
                pairs=len(changes) or None,
                mean_change=_mean(changes),
            )
        )
    return rows
