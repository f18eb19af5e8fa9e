"""URLs of the office funding pages that reach municipality A's money."""


def extend(world: dict) -> None:
    world["owned_by_a"].update(set())
