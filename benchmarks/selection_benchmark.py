"""Benchmark of the selection assistant's solver at the scale of the whole register.

Every Gemeinde (11,004) and every Kreis (401) of the official register applies, with
synthetic review scores and needs from a seeded random generator; the demo rules are
applied and the solver has to prove the optimal cohort. Run from the repository root:

    .venv/bin/python benchmarks/selection_benchmark.py [--seed 2025] [--repeat 3]

``--eligible-only`` keeps to those the platform lets apply: Kreise with Textkennzeichen
43/44/45 (a kreisfreie Stadt applies through its Gemeinde record) and no uninhabited
gemeindefreie Gebiete (66): 11,004 - 208 + 294 = 11,090 candidates.

This is a script, not a test: timings depend on the machine.
"""

import argparse
import csv
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from selection.solver import Candidate, GroupBound, Rules, choose, explain  # noqa: E402

REGISTER = ROOT / "data" / "gemeindeverzeichnis" / "AuszugGV4QAktuell.csv"
EAST = {"11", "12", "13", "14", "15", "16"}
NEEDS = {
    "buergerservice": "Bürgerservice/Bürgeramt",
    "auslaenderbehoerde": "Ausländerbehörde",
    "jobcenter-soziales": "Jobcenter/Soziales",
    "jugendamt": "Jugendamt",
    "ordnungsamt": "Ordnungsamt",
    "personal": "Personalgewinnung und -entwicklung",
    "schule-bildung": "Schule/Bildung",
    "wohnen": "Wohnen",
}


def size_group(population: int) -> str:
    if population < 20_000:
        return "size:small"
    if population <= 100_000:
        return "size:medium"
    return "size:large"


def read_register(path: Path, *, eligible_only: bool) -> tuple[list[dict], dict[str, str]]:
    """Gemeinden (Satzart 60) and Kreise (Satzart 40) as plain dicts, and the Land names."""
    places, lands = [], {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            land, kind = row["land"], row["textkennzeichen"]
            if row["satzart"] == "10":
                lands[land] = row["gemeindename"]
            elif row["satzart"] == "60":
                if eligible_only and kind == "66":
                    continue
                population = int(row["bevoelkerung"].replace(" ", "") or 0)
                groups = {size_group(population)}
                if row["verstaedterungschluessel"].strip():
                    groups.add(f"urban:{row['verstaedterungschluessel'].strip()}")
                places.append({"name": row["gemeindename"], "land": land, "groups": groups})
            elif row["satzart"] == "40":
                if eligible_only and kind not in {"43", "44", "45"}:
                    continue
                name = f"{row['gemeindename']} (Kreis)"
                places.append({"name": name, "land": land, "groups": {"size:kreis"}})
    return places, lands


def synthetic_candidates(places: list[dict], seed: int) -> list[Candidate]:
    rng = random.Random(seed)
    needs = sorted(NEEDS)
    candidates = []
    for number, place in enumerate(places, start=1):
        groups = set(place["groups"])
        groups.add("region:east" if place["land"] in EAST else "region:west")
        groups.add("eccar:yes" if rng.random() < 0.02 else "eccar:no")
        candidates.append(
            Candidate(
                id=number,
                label=place["name"],
                score=Decimal(rng.randint(0, 500)).scaleb(-2),
                land=place["land"],
                groups=frozenset(groups),
                needs=frozenset(rng.sample(needs, rng.randint(1, 3))),
            )
        )
    return candidates


def demo_rules(lands: dict[str, str], weight: Decimal) -> Rules:
    return Rules(
        places=10,
        max_per_land=2,
        group_bounds=(
            GroupBound("size:small", "Kommunen unter 20.000 Einwohner*innen", minimum=2),
            GroupBound("size:medium", "Kommunen mit 20.000 bis 100.000 Einwohner*innen", minimum=2),
            GroupBound("size:large", "Kommunen über 100.000 Einwohner*innen", minimum=2),
            GroupBound("size:kreis", "Landkreise", minimum=1),
            GroupBound("region:east", "Kommunen in Ostdeutschland und Berlin", minimum=3),
            GroupBound("urban:01", "dicht besiedelte Kommunen", minimum=1),
            GroupBound("urban:02", "Kommunen mittlerer Besiedlungsdichte", minimum=1),
            GroupBound("urban:03", "gering besiedelte Kommunen", minimum=1),
        ),
        cover_needs=frozenset(NEEDS),
        need_labels=NEEDS,
        land_labels=lands,
        diversity_weight=weight,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--repeat", type=int, default=3, help="runs; the median is reported")
    parser.add_argument("--register", type=Path, default=REGISTER)
    parser.add_argument("--weight", type=Decimal, default=Decimal("0.20"), help="diversity")
    parser.add_argument("--eligible-only", action="store_true", help="see the module docstring")
    parser.add_argument(
        "--sample", type=int, default=0, help="only this many candidates, drawn with the seed"
    )
    args = parser.parse_args()

    places, lands = read_register(args.register, eligible_only=args.eligible_only)
    candidates = synthetic_candidates(places, args.seed)
    if args.sample:
        candidates = random.Random(args.seed).sample(candidates, args.sample)
    rules = demo_rules(lands, args.weight)
    by_id = {c.id: c for c in candidates}

    # ``choose`` is what the request that starts a run does; ``explain`` runs in the task.
    results, chosen_walls, explain_walls = [], [], []
    for _ in range(args.repeat):
        start = time.perf_counter()
        chosen = choose(candidates, rules)
        chosen_walls.append(time.perf_counter() - start)
        start = time.perf_counter()
        results.append(explain(candidates, rules, chosen))
        explain_walls.append(time.perf_counter() - start)
    result = results[-1]
    out = sys.stdout.write
    out(f"Candidates: {len(candidates)} (seed {args.seed}), places: {rules.places}")
    out(f", diversity weight: {rules.diversity_weight}\n")
    out(f"Status: {result.status}\n")
    out(f"Time (median of {args.repeat}): choose (the request) ")
    out(f"{statistics.median(chosen_walls):.3f} s, explain (the background task) ")
    out(f"{statistics.median(explain_walls):.3f} s")
    out(f", HiGHS alone {statistics.median(r.solver_seconds for r in results):.3f} s")
    out(f" ({result.pool_size} candidates left after the dominance reduction)\n")
    out(f"Re-solves behind the explanations: {result.solves}\n")
    out(f"Objective (sum of scores): {result.objective} vs plain top-10 {result.top_objective}")
    out(f"; best keeping every rule by scores alone: {result.rule_abiding_objective}")
    out(f"; groups and Länder represented: {result.represented}\n")
    for cid in result.selected:
        c = by_id[cid]
        out(f"  {c.score}  {c.label} ({lands[c.land]})\n")
    out("Rules whose removal changes the cohort:\n")
    for line in result.decisive:
        out(f"  - {line}\n")
    out("Rules at their limit that change nothing:\n")
    for line in result.at_limit:
        out(f"  - {line}\n")
    out(f"Explained outsiders: {len(result.why_out)}\n")
    for cid, reason in list(result.why_out.items())[:5]:
        out(f"  {by_id[cid].score}  {by_id[cid].label}: {reason}\n")
    if result.conflicts:
        out("Conflicts:\n")
        for line in result.conflicts:
            out(f"  - {line}\n")


if __name__ == "__main__":
    main()
