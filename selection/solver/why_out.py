"""Why strong candidates stay out, in German, each statement checked by solving again.

For the outsiders scoring at least as high as the weakest member (the best
``WHY_OUT_LIMIT``), a reason is *decisive* when switching it off alone brings the outsider
into the cohort: a rule (re-solve without it) or the diversity weight (re-solve with
weight 0). The text then names every decisive reason, each of which suffices on its own.

When no single reason is decisive, the rules and the weight decide together: with all of
them switched off the outsider comes in, and the text lists a smallest set found by
switching them back on one at a time while the outsider stays in (each listed reason is
needed, given the others). When not even that brings it in, the places went to
candidates ranked higher by score alone: a tie at the last place, or better scores.

Cost: one re-solve per rule and one with weight 0, shared with the rule effects of
explain.py, and for an outsider that no single reason keeps out, at most one more per
reason. All answers are cached by the set of reasons switched off.
"""

from dataclasses import dataclass

from selection.solver.explain import change, label, lost_labels, members, score_sum
from selection.solver.instance import (
    GROUP_MAX,
    GROUP_MIN,
    LAND,
    MUST_IN,
    MUST_OUT,
    NEED,
    Instance,
)
from selection.solver.model import SolverError
from selection.solver.text import counted, names, number, quoted
from selection.solver.whatif import DIVERSITY, WhatIf

WHY_OUT_LIMIT = 20

# How the reasons of one outsider relate (``Result.why_out_kinds``).
ALONE = "alone"  # each listed reason, switched off alone, brings the outsider in
TOGETHER = "together"  # only all listed reasons switched off together bring it in
TIE = "tie"  # it ties with the last of the top by score and has the larger id
PLACES = "places"  # without any rule and weight the places go to better scores


@dataclass(frozen=True)
class Reason:
    text: str  # German
    rules: tuple[str, ...]  # block names, "diversity", or "tie" / "places"
    kind: str  # ALONE, TOGETHER, TIE or PLACES


def strong_outsiders(inst: Instance, cohort: tuple[int, ...]) -> list[int]:
    """Outsiders scoring at least as high as the weakest member, best first, capped."""
    lowest = min(int(inst.cents[i]) for i in cohort)
    inside = set(cohort)
    found = []
    for i in range(inst.n):  # rank order: scores only fall from here on
        if int(inst.cents[i]) < lowest or len(found) == WHY_OUT_LIMIT:
            break
        if i not in inside:
            found.append(i)
    return found


def why_out(inst: Instance, cohort: tuple[int, ...], whatif: WhatIf) -> dict[int, Reason]:
    return {
        inst.candidates[c].id: reason(inst, cohort, whatif, c)
        for c in strong_outsiders(inst, cohort)
    }


def reason(inst: Instance, cohort: tuple[int, ...], whatif: WhatIf, c: int) -> Reason:
    reasons = whatif.reasons
    alone = [r for r in reasons if whatif.brings_in(c, {r})]
    if alone:
        return Reason(_alone_text(inst, cohort, whatif, c, alone), tuple(alone), ALONE)
    for start in (_near(inst, cohort, whatif, c), reasons):
        if start and whatif.brings_in(c, start):
            together = set(start)
            for reason in start:
                if whatif.brings_in(c, together - {reason}):
                    together.discard(reason)
            listed = [r for r in reasons if r in together]
            return Reason(_together_text(inst, cohort, c, listed), tuple(listed), TOGETHER)
    return _by_score(inst, c)


def _near(inst: Instance, cohort, whatif: WhatIf, c: int) -> tuple[str, ...]:
    """The rules that a swap of c for one member breaks, and the weight: where the search
    for reasons that decide together starts, before it tries all of them."""
    broken = set()
    for j in cohort:
        broken.update(b.name for b in inst.violated(sorted((set(cohort) - {j}) | {c})))
    return tuple(r for r in whatif.reasons if r in broken or r == DIVERSITY)


def _alone_text(inst, cohort, whatif: WhatIf, c: int, alone: list[str]) -> str:
    name = label(inst, c)
    cid = inst.candidates[c].id
    rules = [r for r in alone if r != DIVERSITY]
    if rules == [f"{MUST_OUT}:{cid}"] and DIVERSITY not in alone:
        return "Von Hand ausgeschlossen (muss draußen bleiben)."
    sentences = []
    if rules:
        facts = "; ".join(fact(inst, cohort, c, r) for r in rules)
        if len(rules) == 1:
            sentences.append(f"Ohne diese Regel wäre {name} in der Auswahl: {facts}.")
        else:
            sentences.append(
                f"Ohne eine dieser Regeln, gleich welche, wäre {name} in der Auswahl: {facts}."
            )
    if DIVERSITY in alone:
        weight = number(inst.rules.diversity_weight)
        detail = _without_weight(inst, cohort, c, whatif.cohort_without({DIVERSITY}))
        if rules:
            sentences.append(
                f"Ebenso mit einem Vielfaltsgewicht von 0 statt {weight}: dann {detail}."
            )
        else:
            sentences.append(
                f"Das Vielfaltsgewicht von {weight} gibt den Ausschlag: mit Gewicht 0 {detail}."
            )
    return " ".join(sentences)


def _without_weight(inst: Instance, cohort, c: int, other) -> str:
    """ "käme Bedorf statt Cedorf in die Auswahl, mit 0,90 Punkten mehr in der Summe der
    Bewertungen, aber ohne Land Thüringen"."""
    came, left = other - set(cohort), set(cohort) - other
    lead = score_sum(inst, came) - score_sum(inst, left)
    if len(came) == 1:
        text = f"{change(inst, cohort, other)} in die Auswahl, "
    else:
        text = f"wäre {label(inst, c)} in der Auswahl und {len(came)} Plätze anders besetzt, "
    if lead:
        text += f"mit {number(lead)} Punkten mehr in der Summe der Bewertungen"
    else:
        text += "mit der gleichen Summe der Bewertungen"
    lost = lost_labels(inst, cohort, other)
    if lost:
        text += f", aber ohne {names(lost)}"
    return text


def _together_text(inst, cohort, c: int, listed: list[str]) -> str:
    name = label(inst, c)
    items = [
        f"Vielfaltsgewicht {number(inst.rules.diversity_weight)}"
        if r == DIVERSITY
        else fact(inst, cohort, c, r)
        for r in listed
    ]
    if DIVERSITY in listed:
        lead = (
            f"Weder ohne eine einzelne Regel noch mit einem Vielfaltsgewicht von 0 allein wäre "
            f"{name} in der Auswahl; es entscheidet das Zusammenspiel von Regeln und Gewicht"
        )
    else:
        lead = (
            f"Ohne eine einzelne Regel allein wäre {name} noch nicht in der Auswahl; es "
            "entscheidet das Zusammenspiel dieser Regeln"
        )
    return f"{lead}: {'; '.join(items)}. Ohne sie alle zusammen wäre {name} in der Auswahl."


def _by_score(inst: Instance, c: int) -> Reason:
    """Not even without every rule and the weight: the places go by score and rank."""
    places = inst.rules.places
    last = inst.candidates[places - 1]
    candidate = inst.candidates[c]
    if candidate.score == last.score:
        text = (
            f"Gleiche Punktzahl wie {last.label} ({number(last.score)}); bei Gleichstand "
            "geht die Bewerbung mit der kleineren Nummer vor."
        )
        return Reason(text, ("tie",), TIE)
    text = (
        f"Auch ohne jede Auswahlregel und mit einem Vielfaltsgewicht von 0 wäre "
        f"{candidate.label} nicht in der Auswahl: die {places} Plätze gingen an besser "
        "bewertete Bewerbungen."
    )
    return Reason(text, ("places",), PLACES)


def fact(inst: Instance, cohort, c: int, name: str) -> str:
    """The rule ``name`` with the facts of this cohort that concern candidate c."""
    block = next(b for b in inst.blocks if b.name == name)
    candidate = inst.candidates[c]
    rules = inst.rules
    if block.kind == LAND:
        same = [i for i in cohort if inst.candidates[i].land == candidate.land]
        text = f"Höchstens {rules.max_per_land} je Land"
        if len(same) >= rules.max_per_land:
            text += (
                f": {inst.land_label(candidate.land)} hat schon {len(same)} "
                f"({names(label(inst, i) for i in same)})"
            )
        return text
    if block.kind in (GROUP_MIN, GROUP_MAX):
        bound = inst.bounds[block.key]
        count = len(members(inst, cohort, inst.group_members[block.key]))
        member = block.key in candidate.groups
        if block.kind == GROUP_MIN:
            text = f"{counted('Mindestens', bound.minimum, bound.label)}: {count} gewählt"
            if count == bound.minimum:
                text = f"{counted('Mindestens', bound.minimum, bound.label)}: genau {count} gewählt"
            return text if member else f"{text}, {candidate.label} zählt nicht dazu"
        text = f"{counted('Höchstens', bound.maximum, bound.label)}: schon {count} gewählt"
        return f"{text}, {candidate.label} käme hinzu" if member else text
    if block.kind == NEED:
        coverers = members(inst, cohort, inst.need_members[block.key])
        need = quoted(inst.need_label(block.key))
        if len(coverers) == 1 and block.key not in candidate.needs:
            return f"Bedarf {need} deckt nur {label(inst, coverers[0])} ab"
        return f"Bedarf {need} muss abgedeckt sein"
    if block.kind == MUST_IN:
        return f"{label(inst, inst.position[block.key])} ist gesetzt"
    if block.kind == MUST_OUT:
        if block.key == candidate.id:
            return f"{candidate.label} ist von Hand ausgeschlossen"
        return f"{label(inst, inst.position[block.key])} ist ausgeschlossen"
    raise SolverError(f"{block} cannot keep a candidate out.")
