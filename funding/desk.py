"""Funding on the office's desk: expenses and payment requests waiting, proofs of use
overdue or due soon, and the days the proofs are due."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.desk import Counter, DateSource, Deadline, Todo, register_counter, register_dates
from funding import selectors
from funding.deadlines import funding_settings, proof_dates, proofs_due
from programme.cohort import programme_calls

# Proofs due within this many days count as due on the start page.
PROOFS_DUE_DAYS = 30


def expenses_waiting(today) -> list[Todo]:
    return [
        Todo(
            label=ngettext(
                "%(count)d eingereichte Ausgabe – %(call)s",
                "%(count)d eingereichte Ausgaben – %(call)s",
                call.waiting,
            )
            % {"count": call.waiting, "call": call.title},
            count=call.waiting,
            url=reverse("funding_office:queue", args=[call.pk]),
        )
        for call in selectors.submitted_expenses_per_call()
    ]


def payments_open(today) -> list[Todo]:
    return [
        Todo(
            label=ngettext(
                "%(count)d Mittelabruf nicht ausgezahlt – %(call)s",
                "%(count)d Mittelabrufe nicht ausgezahlt – %(call)s",
                call.open_payments,
            )
            % {"count": call.open_payments, "call": call.title},
            count=call.open_payments,
            url=reverse("funding_office:payments_open", args=[call.pk]),
        )
        for call in selectors.open_payments_per_call()
    ]


def proofs(today) -> list[Todo]:
    todos = []
    for due in proofs_due(today=today, days=PROOFS_DUE_DAYS):
        url = reverse("funding_office_reports:reports", args=[due.call.pk])
        values = {"call": due.call.title, "days": PROOFS_DUE_DAYS}
        if due.overdue:
            label = ngettext(
                "%(count)d Nachweis überfällig – %(call)s",
                "%(count)d Nachweise überfällig – %(call)s",
                due.overdue,
            ) % {"count": due.overdue, **values}
            todos.append(Todo(label=label, count=due.overdue, url=url))
        if due.due_soon:
            label = ngettext(
                "%(count)d Nachweis in den nächsten %(days)d Tagen fällig – %(call)s",
                "%(count)d Nachweise in den nächsten %(days)d Tagen fällig – %(call)s",
                due.due_soon,
            ) % {"count": due.due_soon, **values}
            todos.append(Todo(label=label, count=due.due_soon, url=url))
    return todos


def proof_deadlines(first, last) -> list[Deadline]:
    calls = list(programme_calls())
    found = []
    for proof in proof_dates(calls=calls, config=funding_settings()):
        if not first <= proof.due_on <= last:
            continue
        if proof.year is None:
            kind, key = _("Verwendungsnachweis fällig"), "final"
            title = proof.call.title
        else:
            kind, key = _("Zwischennachweis fällig"), str(proof.year)
            title = _("%(call)s, Förderjahr %(year)s") % {
                "call": proof.call.title,
                "year": proof.year,
            }
        found.append(
            Deadline(
                day=proof.due_on,
                kind=kind,
                title=str(title),
                url=reverse("funding_office_reports:reports", args=[proof.call.pk]),
                uid=f"kfa-funding-{proof.call.pk}-proof-{key}",
            )
        )
    return found


register_counter(
    Counter(
        name="funding.expenses",
        title=_("Eingereichte Ausgaben"),
        url=lambda: reverse("funding_office:index"),
        collect=expenses_waiting,
        position=10,
    )
)
register_counter(
    Counter(
        name="funding.payments",
        title=_("Offene Mittelabrufe"),
        url=lambda: reverse("funding_office:index"),
        collect=payments_open,
        position=20,
    )
)
register_counter(
    Counter(
        name="funding.proofs",
        title=_("Überfällige und fällige Nachweise"),
        url=lambda: reverse("funding_office_reports:index"),
        collect=proofs,
        position=50,
    )
)
register_dates(DateSource(name="funding.proofs", collect=proof_deadlines))
