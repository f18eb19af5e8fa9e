"""Two stored runs of one call side by side: what each was given and whom each chose.

Drawn only from what the runs stored (``run_report``), so the comparison looks the same
years later, whatever happened to the rules and the reviews since.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from core.numbers import number
from selection.models import SelectionRun
from selection.selectors import CandidateRow, RunReport, run_report
from selection.solver import Rules


@dataclass(frozen=True)
class ParameterRow:
    label: str
    first: str
    second: str

    @property
    def differs(self) -> bool:
        return self.first != self.second


@dataclass(frozen=True)
class MemberRow:
    name: str
    land: str
    size_class: str
    first: CandidateRow | None  # the application as run 1 saw it; None: not selected there
    second: CandidateRow | None


@dataclass(frozen=True)
class RunComparison:
    first: RunReport
    second: RunReport
    parameters: list[ParameterRow]
    both: list[MemberRow]
    only_first: list[MemberRow]
    only_second: list[MemberRow]

    @property
    def both_sums(self) -> tuple[Decimal, Decimal]:
        return _sum(self.both, "first"), _sum(self.both, "second")

    @property
    def only_first_sum(self) -> Decimal:
        return _sum(self.only_first, "first")

    @property
    def only_second_sum(self) -> Decimal:
        return _sum(self.only_second, "second")


def _sum(rows: list[MemberRow], side: str) -> Decimal:
    return sum((getattr(r, side).score for r in rows), Decimal("0"))


def run_comparison(*, first: SelectionRun, second: SelectionRun) -> RunComparison:
    one, two = run_report(run=first), run_report(run=second)
    cohort_one = {row.id: row for row in one.cohort}
    cohort_two = {row.id: row for row in two.cohort}

    def rows(ids) -> list[MemberRow]:
        found = []
        for pk in ids:
            row = cohort_one.get(pk) or cohort_two[pk]
            found.append(
                MemberRow(
                    name=row.name,
                    land=row.land,
                    size_class=row.size_class,
                    first=cohort_one.get(pk),
                    second=cohort_two.get(pk),
                )
            )

        def best_first(member: MemberRow):
            score = (member.second or member.first).score
            return (-score, member.name)

        return sorted(found, key=best_first)

    return RunComparison(
        first=one,
        second=two,
        parameters=_parameters(one, two),
        both=rows(cohort_one.keys() & cohort_two.keys()),
        only_first=rows(cohort_one.keys() - cohort_two.keys()),
        only_second=rows(cohort_two.keys() - cohort_one.keys()),
    )


def _parameters(one: RunReport, two: RunReport) -> list[ParameterRow]:
    def row(label: str, read) -> ParameterRow:
        return ParameterRow(label=label, first=read(one), second=read(two))

    parameters = [
        row(_("Ergebnis"), lambda r: str(r.run.get_status_display())),
        row(_("Bewerbungen im Lauf"), lambda r: number(r.candidate_count)),
        row(_("Plätze"), lambda r: number(r.rules.places)),
        row(
            _("Höchstens je Land"),
            lambda r: "–" if r.rules.max_per_land is None else number(r.rules.max_per_land),
        ),
    ]
    labels = {}
    for report in (one, two):
        for bound in report.rules.group_bounds:
            labels.setdefault(bound.group, bound.label)
    for group, label in labels.items():
        parameters.append(row(label, lambda r, group=group: _bound_text(r.rules, group)))
    parameters += [
        row(
            _("Jeder genannte Schwerpunkt mindestens einmal"),
            lambda r: _("ja") if r.rules.cover_needs else _("nein"),
        ),
        row(
            _("Festgelegte Bewerbungen"),
            lambda r: "; ".join(_fixed_text(row, kind) for row, kind, _reason in r.fixed) or "–",
        ),
        row(_("Gewicht der Vielfalt"), lambda r: number(r.rules.diversity_weight, 2)),
        row(
            _("Summe der Bewertungen der Auswahl"),
            lambda r: number(r.result.objective, 2) if r.is_optimal else "–",
        ),
        row(_("Summe der besten nach Bewertung"), lambda r: number(r.result.top_objective, 2)),
    ]
    return parameters


def _fixed_text(row: CandidateRow | None, kind: str) -> str:
    return f"{row.name if row else _('Bewerbung außerhalb des Laufs')}: {kind}"


def _bound_text(rules: Rules, group: str) -> str:
    bound = next((b for b in rules.group_bounds if b.group == group), None)
    if bound is None:
        return "–"
    if bound.minimum is not None and bound.maximum is not None:
        return _("mindestens %(low)s, höchstens %(high)s") % {
            "low": bound.minimum,
            "high": bound.maximum,
        }
    if bound.minimum is not None:
        return _("mindestens %(low)s") % {"low": bound.minimum}
    return _("höchstens %(high)s") % {"high": bound.maximum}
