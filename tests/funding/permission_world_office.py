"""URLs of the office funding pages. Only the office may use them (everyone else gets
403, before any municipality is looked at); the review page is opened on a submitted
expense, where it shows the decision forms."""

from funding import expense_services
from tests.funding.helpers import draft


def extend(world: dict) -> None:
    coordinator = world["users"]["coordinator"]
    grant = world["funding"]["grant"]
    waiting = expense_services.expense_submit(
        expense=draft(grant, "120.00", actor=coordinator, payee="Raum Beispiel"),
        actor=coordinator,
    )
    world["kwargs"]["per_url"]["funding_office:expense"] = {"funding_expense_pk": waiting.pk}
    world["kwargs"]["per_url"]["funding_office:expense_receipt"] = {
        "funding_expense_pk": waiting.pk
    }
