"""Objects of municipality A for the role × URL test."""


def extend(world: dict) -> None:
    pass
