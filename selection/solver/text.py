"""German wording shared by the explanations."""

from collections.abc import Iterable
from decimal import Decimal


def number(value: Decimal) -> str:
    """A score or weight with two places and a decimal comma: 4,85."""
    return f"{value:.2f}".replace(".", ",")


def names(labels: Iterable[str]) -> str:
    """ "A", "A und B", "A, B und C"."""
    labels = list(labels)
    if len(labels) <= 1:
        return "".join(labels)
    return f"{', '.join(labels[:-1])} und {labels[-1]}"


def quoted(label: str) -> str:
    return f"„{label}“"


def applications(count: int) -> str:
    return "1 Bewerbung" if count == 1 else f"{count} Bewerbungen"


def counted(prefix: str, count: int, label: str) -> str:
    """ "Mindestens 2 Landkreise", but "Mindestens 1 aus der Gruppe „Landkreise“"."""
    if count == 1:
        return f"{prefix} 1 aus der Gruppe {quoted(label)}"
    return f"{prefix} {count} {label}"
