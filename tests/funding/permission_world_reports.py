"""URLs of the reports funding pages that reach municipality A's money.

The municipal report pages name no object: they address a year, the final report or
the statement over all years of the person's own municipality, so B's coordinator
reaching them sees B's statement and B's report, never A's. What they show is checked
in tests/funding/test_reports.py and test_programme_statement.py. The office pages that
take A's grant, report or municipality are closed to every municipal role."""


def extend(world: dict) -> None:
    world["kwargs"]["funding_municipality_pk"] = world["users"]["coordinator"].municipality_id
