"""What the office's search box finds among the expenses (``core.office_search``):
by payee or purpose, or by the municipality's name."""

from django.db.models import Q
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from core.office_search import Found, Hit, SearchProvider, found, register
from funding.models import Expense
from funding.money import euro
from municipalities.search import search_fold


def _expense_hit(expense: Expense) -> Hit:
    municipality = expense.grant.municipality
    return Hit(
        title=f"{expense.payee} – {euro(expense.amount)}",
        subtitle=" · ".join(
            (
                municipality.name,
                formats.date_format(expense.spent_on, "SHORT_DATE_FORMAT"),
                expense.purpose,
                expense.get_status_display(),
            )
        ),
        url=reverse("funding_office:expense", kwargs={"funding_expense_pk": expense.pk}),
    )


def search_expenses(query: str, limit: int) -> Found:
    expenses = (
        Expense.objects.filter(
            Q(payee__icontains=query)
            | Q(purpose__icontains=query)
            | Q(grant__municipality__search_name__contains=search_fold(query))
        )
        .select_related("grant__municipality")
        .order_by("-spent_on", "-pk")
    )
    return found(expenses, limit=limit, hit=_expense_hit)


register(
    SearchProvider(
        key="expenses",
        label=_("Ausgaben"),
        order=50,
        search=search_expenses,
    )
)
