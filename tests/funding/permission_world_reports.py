"""URLs of the reports funding pages that reach municipality A's money.

The municipal report pages name no object: they address a year (or the final report)
of the person's own municipality, so B's coordinator reaching them sees B's statement
and B's report, never A's. What they show is checked in tests/funding/test_reports.py.
The office pages that take A's grant or report are closed to every municipal role."""


def extend(world: dict) -> None:
    world["owned_by_a"].update(set())
