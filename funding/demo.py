"""The demo cohort's money: plans and expenses of the ten model municipalities for the
previous and the current calendar year, with receipts, decisions and payment requests.

Everything goes through ``funding.services``, so the caps hold and the audit trail is
written as in real use. Expenses carry a ``demo_key`` and plans and payment requests
are only made for a grant that has none yet, so running it again changes nothing.
Amounts and dates follow from a municipality's position in the cohort, never from
chance; dates of the current year are spread over the days up to ``today``.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from accounts.models import Role, User
from calls.models import Call
from core.choices import ActivityStatus
from core.pdf_sample import one_page_pdf, pdf_literal
from funding import expense_services, services
from funding.models import CostCategory, Expense, ExpenseStatus, Grant, PaymentRequest
from funding.money import APPROVED, cents, euro, total
from programme.cohort import cohort_municipalities
from trainings.models import TrainingSession

BERLIN = ZoneInfo("Europe/Berlin")

# By position in the cohort. The first municipality is the one the demo's programme
# accounts belong to, so its coordinator sees the rarer cases: a year nearly spent (a
# draft that no longer fits), a correction of last year, a payment received.
NEAR_CAP = 0
CORRECTED = 0
# Last year's payment request of these is requested but not yet paid.
UNPAID_LAST_YEAR = (8, 9)
# These asked for half of this year's approved money; the first one is paid already.
REQUESTED_THIS_YEAR = (0, 1, 3, 5)
RETURN_REASON = (
    "Auf dem Beleg fehlen Rechnungsnummer und Leistungszeitraum; bitte laden Sie die "
    "vollständige Rechnung hoch."
)

# (category position, measure, amount): a municipality plans the first three to five.
PLAN = [
    (0, "Grundlagen- und Vertiefungsschulungen für die Fachbereiche", "4800.00"),
    (1, "Räume und Verpflegung der Schulungstage", "1900.00"),
    (2, "Schulungsunterlagen, Plakate und Faltblätter", "850.00"),
    (3, "Fahrten zu Netzwerktreffen und Workshops", "620.00"),
    (4, "Übersetzung der Informationsblätter", "1200.00"),
]
NEAR_CAP_PLAN = [
    (0, "Schulungsreihe für alle Ämter mit Publikumsverkehr", "5200.00"),
    (1, "Räume und Verpflegung der Schulungstage", "2100.00"),
    (2, "Schulungsunterlagen und Plakataktion", "950.00"),
    (3, "Fahrten zu Netzwerktreffen und Workshops", "620.00"),
    (4, "Übersetzung der Informationsblätter", "1100.00"),
]


@dataclass(frozen=True)
class Item:
    key: str
    category: int
    payee: str
    purpose: str
    amount: str
    month: int  # when in the year it is paid (spread up to today in the current year)
    session: bool = False  # linked to a held training session where there is one


# A year's expenses; an item is only used if its category is in the municipality's plan.
ITEMS = [
    Item("honorar-1", 0, "Dr. Aylin Demir", "Honorar Grundlagenschulung", "2400.00", 3, True),
    Item("raum-1", 1, "Bürgerhaus am Markt", "Raummiete Schulungstag", "480.00", 3),
    Item("catering-1", 1, "Catering Sonnenblume GmbH", "Verpflegung Schulungstag", "612.50", 3),
    Item("druck-1", 2, "Druckerei Lindner", "Druck Teilnahmeunterlagen und Plakate", "386.90", 4),
    Item(
        "honorar-2",
        0,
        "Bildungswerk Vielfalt e. V.",
        "Honorar Vertiefungsschulung Beschwerdemanagement",
        "2150.00",
        9,
        True,
    ),
    Item("reise-1", 3, "Deutsche Bahn", "Fahrkarten zum Netzwerktreffen", "214.80", 6),
    Item(
        "uebersetzung-1",
        4,
        "Übersetzungsbüro Polyglott",
        "Übersetzung Informationsblatt in vier Sprachen",
        "940.00",
        10,
    ),
    Item("material-1", 2, "Büromarkt Schulz", "Moderationsmaterial", "148.35", 10),
]
# The current year uses the first six; their states, in this order.
CURRENT_STATES = ["approved", "approved", "approved", "submitted", "submitted", "draft"]

# 9,870.40 € of 10,000 € submitted or approved; the draft would not fit any more.
NEAR_CAP_ITEMS = [
    (
        Item(
            "honorar-1", 0, "Dr. Aylin Demir", "Honorar Schulungsreihe, Teil 1", "2400.00", 2, True
        ),
        "approved",
    ),
    (
        Item(
            "honorar-2", 0, "Dr. Aylin Demir", "Honorar Schulungsreihe, Teil 2", "2600.00", 4, True
        ),
        "approved",
    ),
    (Item("raum-1", 1, "Stadthalle", "Raummiete Schulungsreihe", "1150.00", 4), "approved"),
    (
        Item(
            "catering-1", 1, "Catering Sonnenblume GmbH", "Verpflegung Schulungsreihe", "948.40", 4
        ),
        "approved",
    ),
    (
        Item("druck-1", 2, "Druckerei Lindner", "Plakataktion „Vielfalt im Amt“", "912.00", 6),
        "submitted",
    ),
    (Item("reise-1", 3, "Deutsche Bahn", "Fahrkarten zu zwei Workshops", "610.00", 7), "submitted"),
    (
        Item(
            "uebersetzung-1",
            4,
            "Übersetzungsbüro Polyglott",
            "Übersetzung in sechs Sprachen",
            "1250.00",
            8,
        ),
        "submitted",
    ),
    (Item("material-1", 2, "Büromarkt Schulz", "Moderationskoffer", "310.00", 9), "draft"),
]


def ensure_demo_funding(*, call: Call, today: dt.date) -> None:
    """Funding of the demo cohort in the previous and the current calendar year."""
    services.funding_ensure(call=call)
    municipalities = list(cohort_municipalities(call=call))
    categories = list(CostCategory.objects.order_by("position", "pk"))
    office = User.objects.filter(role=Role.OFFICE, is_active=True).order_by("pk").first()
    coordinators = {}
    for person in User.objects.filter(
        role=Role.COORDINATOR,
        municipality__in=municipalities,
        municipality_approved_at__isnull=False,
        is_active=True,
    ).order_by("-pk"):
        coordinators[person.municipality_id] = person  # the oldest account wins
    grants = {
        (g.municipality_id, g.funding_year.year): g
        for g in Grant.objects.select_related("funding_year").filter(
            funding_year__call=call, funding_year__year__in=(today.year - 1, today.year)
        )
    }
    keys = defaultdict(set)
    for grant_id, key in Expense.objects.filter(
        grant__in=grants.values(), demo_key__gt=""
    ).values_list("grant_id", "demo_key"):
        keys[grant_id].add(key)
    sessions = _held_sessions(call=call, today=today)
    for position, municipality in enumerate(municipalities):
        demo = _Municipality(
            position=position,
            categories=categories,
            office=office,
            coordinator=coordinators.get(municipality.pk),
            today=today,
            programme_start=call.programme_start,
        )
        for year in (today.year - 1, today.year):
            grant = grants.get((municipality.pk, year))
            if grant is None:
                continue  # the programme does not reach this year
            with transaction.atomic():
                demo.year(
                    grant=grant,
                    current=year == today.year,
                    done=keys[grant.pk],
                    sessions=sessions[(municipality.pk, year)],
                )


def _held_sessions(*, call: Call, today: dt.date) -> dict:
    """Held training sessions up to today per (municipality, calendar year), by date."""
    found = defaultdict(list)
    for session in TrainingSession.objects.filter(call=call, status=ActivityStatus.HELD).order_by(
        "starts_at", "pk"
    ):
        day = timezone.localtime(session.starts_at, BERLIN).date()
        if day <= today:
            found[(session.municipality_id, day.year)].append(session)
    return found


class _Municipality:
    """The demo money of one model municipality."""

    def __init__(self, *, position, categories, office, coordinator, today, programme_start):
        self.position = position
        self.programme_start = programme_start
        self.categories = categories
        self.office = office
        self.coordinator = coordinator
        self.today = today
        self.now = timezone.now()

    def year(self, *, grant: Grant, current: bool, done: set, sessions: list) -> None:
        near_cap = current and self.position == NEAR_CAP
        plan = NEAR_CAP_PLAN if near_cap else PLAN[: 3 + self.position % 3]
        if not grant.plan_lines.exists():
            for index, measure, amount in plan:
                services.plan_line_save(
                    grant=grant,
                    category=self.categories[index],
                    measure=measure,
                    amount=Decimal(amount),
                    actor=self.coordinator,
                )
        planned = {index for index, _measure, _amount in plan}
        if near_cap:
            items = NEAR_CAP_ITEMS
        elif current:
            items = list(zip(ITEMS[:6], CURRENT_STATES, strict=True))
        else:
            # Last year is decided, apart from one receipt still waiting at the office.
            items = [
                (item, "submitted" if self.position == 7 and n == 7 else "approved")
                for n, item in enumerate(ITEMS)
            ]
        if current and not near_cap and self.position % 4 == 1:
            items = [(i, "returned" if i.key == "druck-1" else s) for i, s in items]
        sessions = list(sessions)
        for item, state in items:
            if item.category not in planned:
                continue
            # Sessions are handed out before skipping what exists, so that a later run
            # links the same session to the same item.
            session = sessions.pop(0) if item.session and sessions else None
            if item.key in done:
                continue
            self._expense(grant=grant, item=item, state=state, current=current, session=session)
        if not current and self.position == CORRECTED and "korrektur-1" not in done:
            self._correction(grant=grant)
        if not grant.payment_requests.exists():
            self._payment(grant=grant, current=current)

    def _amount(self, item: Item, near_cap: bool) -> Decimal:
        if near_cap:
            return Decimal(item.amount)
        # Each municipality's prices differ a little from the next one's.
        return cents(Decimal(item.amount) * (100 - 2 * self.position) / 100)

    def _day(self, *, year: int, month: int, current: bool, session) -> dt.date:
        if session is not None:
            # The invoice is paid a week after the session, never after today.
            day = timezone.localtime(session.starts_at, BERLIN).date() + dt.timedelta(days=7)
            return min(day, self.today, dt.date(year, 12, 31))
        day = dt.date(year, month, 5 + 2 * self.position)
        # Spread the dates over the part of the year that lies in the programme and, in
        # the current year, has passed.
        start = max(dt.date(year, 1, 1), self.programme_start)
        end = self.today if current else dt.date(year, 12, 31)
        if (start, end) == (dt.date(year, 1, 1), dt.date(year, 12, 31)):
            return day
        share = (day - dt.date(year, 1, 1)).days / 365
        return start + dt.timedelta(days=int((end - start).days * share))

    def _expense(self, *, grant: Grant, item: Item, state: str, current: bool, session) -> None:
        near_cap = current and self.position == NEAR_CAP
        amount = self._amount(item, near_cap)
        spent_on = self._day(
            year=grant.funding_year.year, month=item.month, current=current, session=session
        )
        expense = expense_services.expense_save(
            grant=grant,
            actor=self.coordinator,
            spent_on=spent_on,
            payee=item.payee,
            purpose=item.purpose,
            category=self.categories[item.category],
            amount=amount,
            training_session=session,
            measure_note="" if session else "Schulungen und Öffentlichkeitsarbeit im Programm",
            upload=ContentFile(
                receipt_pdf(
                    title=f"Rechnung {grant.funding_year.year}-{self.position + 1:02d}-{item.key}",
                    lines=[
                        item.payee,
                        f"Datum: {spent_on:%d.%m.%Y}",
                        f"Leistung: {item.purpose}",
                        f"Betrag: {euro(amount)}",
                    ],
                ),
                name=f"Rechnung-{item.key}-{spent_on:%Y-%m-%d}.pdf",
            ),
        )
        if state != "draft":
            expense = expense_services.expense_submit(expense=expense, actor=self.coordinator)
        if state == "approved":
            expense_services.expense_approve(expense=expense, actor=self.office, notify=False)
        elif state == "returned":
            expense_services.expense_return(
                expense=expense, reason=RETURN_REASON, actor=self.office, notify=False
            )
        self._settle(expense=expense, key=item.key, state=state, spent_on=spent_on)

    def _settle(self, *, expense: Expense, key: str, state: str, spent_on: dt.date) -> None:
        """Mark the expense as demo data and date its steps as if they had happened
        over the days after the payment, never later than now."""
        fields = {"demo_key": key}
        if state != "draft":
            fields["submitted_at"] = self._at(spent_on + dt.timedelta(days=3))
        if state in ("approved", "returned"):
            fields["decided_at"] = self._at(spent_on + dt.timedelta(days=10))
        Expense.objects.filter(pk=expense.pk).update(**fields)

    def _at(self, day: dt.date) -> dt.datetime:
        return min(dt.datetime.combine(day, dt.time(10), tzinfo=BERLIN), self.now)

    def _correction(self, *, grant: Grant) -> None:
        original = grant.expenses.filter(demo_key="catering-1").first()
        if original is None or original.status != ExpenseStatus.APPROVED:
            return
        spent_on = dt.date(grant.funding_year.year, 11, 20)
        correction = expense_services.expense_correct(
            original=original,
            amount=Decimal("-47.50"),
            spent_on=spent_on,
            purpose="Gutschrift: zwei angemeldete Personen nicht verpflegt",
            actor=self.coordinator,
        )
        expense_services.expense_submit(expense=correction, actor=self.coordinator)
        expense_services.expense_approve(expense=correction, actor=self.office, notify=False)
        self._settle(expense=correction, key="korrektur-1", state="approved", spent_on=spent_on)

    def _payment(self, *, grant: Grant, current: bool) -> None:
        approved = grant.expenses.filter(APPROVED).aggregate(s=total())["s"]
        if current:
            if self.position not in REQUESTED_THIS_YEAR:
                return
            amount = cents(approved / 2)
        else:
            amount = approved
        if amount <= 0:
            return
        year = grant.funding_year.year
        payment = services.payment_request_create(
            grant=grant,
            amount=amount,
            note=f"Mittelabruf {year}, Kasse der Stadt",
            actor=self.coordinator,
        )
        if current:
            if self.position == REQUESTED_THIS_YEAR[0]:
                services.payment_mark_paid(
                    payment=payment, paid_on=self.today, actor=self.office, notify=False
                )
            return
        # Last year's request was made in December once its expenses were decided (in a
        # year the programme entered late that can be in its last days) and paid two
        # weeks later, unless that day has not come yet.
        requested_on = dt.date(year, 12, 5)
        decided = grant.expenses.filter(APPROVED).aggregate(last=Max("decided_at"))["last"]
        if decided is not None:
            decided_on = timezone.localtime(decided, BERLIN).date()
            requested_on = max(requested_on, decided_on + dt.timedelta(days=1))
        PaymentRequest.objects.filter(pk=payment.pk).update(requested_at=self._at(requested_on))
        payment.refresh_from_db()
        paid_on = requested_on + dt.timedelta(days=14)
        if self.position not in UNPAID_LAST_YEAR and paid_on <= self.today:
            services.payment_mark_paid(
                payment=payment, paid_on=paid_on, actor=self.office, notify=False
            )


def receipt_pdf(*, title: str, lines: list[str]) -> bytes:
    """A small receipt: its title and a few lines of text on one A4 page."""
    content = b"BT /F1 14 Tf 56 770 Td 18 TL " + pdf_literal(title) + b" Tj /F1 11 Tf T* "
    for line in lines:
        content += b"T* " + pdf_literal(line) + b" Tj "
    content += b"ET"
    return one_page_pdf(content)
