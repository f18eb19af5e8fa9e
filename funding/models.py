"""The money side of the programme: what each model municipality may spend per calendar
year, what it plans, what it spent, what it asked to be paid, and its reports.

Amounts are ``Decimal`` euros with two places. A year's money stays in its year: every
grant, plan line, expense and payment request belongs to one calendar year, and an
expense's date must fall into it. The caps are guarded in ``funding.services``, which
locks the grant row before it adds anything up.
"""

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import CreatedRecord

ZERO = Decimal("0.00")


def money_field(label, **kwargs):
    return models.DecimalField(label, max_digits=10, decimal_places=2, **kwargs)


class CostCategory(models.Model):
    """A cost category the office sets (fees for trainers, rooms and catering, …)."""

    name = models.CharField(_("Bezeichnung"), max_length=120, unique=True)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    active = models.BooleanField(_("Für neue Einträge wählbar"), default=True)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("Kostenkategorie")
        verbose_name_plural = _("Kostenkategorien")

    def __str__(self):
        return self.name


class FundingSettings(models.Model):
    """The office's deadline settings; a single row (pk 1)."""

    interim_due_month = models.PositiveSmallIntegerField(
        _("Zwischennachweis fällig im Monat des Folgejahres"), default=4
    )
    interim_due_day = models.PositiveSmallIntegerField(_("… am Tag"), default=30)
    final_due_months = models.PositiveSmallIntegerField(
        _("Verwendungsnachweis fällig (Monate nach Programmende)"), default=6
    )
    reminder_days = models.PositiveSmallIntegerField(
        _("Erinnerung (Tage vor der Frist)"), default=14
    )

    class Meta:
        verbose_name = _("Einstellungen der Förderung")
        constraints = [
            models.CheckConstraint(
                condition=Q(interim_due_month__gte=1, interim_due_month__lte=12),
                name="funding_settings_month_range",
            ),
            models.CheckConstraint(
                condition=Q(interim_due_day__gte=1, interim_due_day__lte=31),
                name="funding_settings_day_range",
            ),
            models.CheckConstraint(
                condition=Q(reminder_days__gte=1, reminder_days__lte=90),
                name="funding_settings_reminder_range",
            ),
        ]

    def __str__(self):
        return "Einstellungen der Förderung"


class FundingYear(models.Model):
    """A calendar year of a cohort's funding and the cap per municipality for it."""

    call = models.ForeignKey("calls.Call", on_delete=models.CASCADE, related_name="funding_years")
    year = models.PositiveSmallIntegerField(_("Jahr"))
    cap = money_field(_("Höchstbetrag je Kommune"))

    class Meta:
        ordering = ["call", "year"]
        verbose_name = _("Förderjahr")
        verbose_name_plural = _("Förderjahre")
        constraints = [
            models.UniqueConstraint(fields=["call", "year"], name="funding_year_unique"),
            models.CheckConstraint(condition=Q(cap__gte=0), name="funding_year_cap_positive"),
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100), name="funding_year_range"
            ),
        ]

    def __str__(self):
        return str(self.year)


class Grant(models.Model):
    """What one model municipality may spend in one funding year.

    ``amount`` never exceeds the year's cap; the plan and the money committed (submitted
    and approved expenses) never exceed ``amount``. The row is the lock every change of
    money in this year takes first.
    """

    funding_year = models.ForeignKey(FundingYear, on_delete=models.CASCADE, related_name="grants")
    municipality = models.ForeignKey(
        "municipalities.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    amount = money_field(_("Bewilligter Betrag"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["funding_year", "municipality__name"]
        verbose_name = _("Zuwendung")
        verbose_name_plural = _("Zuwendungen")
        constraints = [
            models.UniqueConstraint(
                fields=["funding_year", "municipality"], name="funding_grant_unique"
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="funding_grant_positive"),
        ]

    def __str__(self):
        return f"{self.municipality_id}/{self.funding_year}"


class PlanLine(models.Model):
    """A planned measure with its cost in one category."""

    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="plan_lines")
    category = models.ForeignKey(
        CostCategory, on_delete=models.PROTECT, related_name="+", verbose_name=_("Kategorie")
    )
    measure = models.CharField(_("Maßnahme"), max_length=200)
    amount = money_field(_("Geplanter Betrag"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["category__position", "category__name", "pk"]
        verbose_name = _("Planposition")
        verbose_name_plural = _("Planpositionen")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="funding_plan_line_positive")
        ]

    def __str__(self):
        return self.measure


class ExpenseStatus(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    SUBMITTED = "submitted", _("eingereicht")
    APPROVED = "approved", _("anerkannt")
    RETURNED = "returned", _("zurückgegeben")


def receipt_path(instance: "Expense", filename: str) -> str:
    # A random name: the original file name is kept on the record, never in the path.
    return f"funding/{instance.grant_id}/{uuid.uuid4().hex}.pdf"


class Expense(CreatedRecord):
    """An expense made for a funded measure, with its receipt.

    Approved expenses are never edited; a correction is a new entry (``corrects``) with
    the difference, which goes through the same check.
    """

    # The programme office may keep internal notes on it (core.notes).
    office_notes = True

    grant = models.ForeignKey(Grant, on_delete=models.PROTECT, related_name="expenses")
    spent_on = models.DateField(_("Datum der Zahlung"))
    payee = models.CharField(_("Empfänger*in"), max_length=200)
    purpose = models.CharField(_("Zweck"), max_length=300)
    category = models.ForeignKey(
        CostCategory, on_delete=models.PROTECT, related_name="+", verbose_name=_("Kategorie")
    )
    training_session = models.ForeignKey(
        "trainings.TrainingSession",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Schulungstermin"),
    )
    workshop = models.ForeignKey(
        "network.Workshop",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Empowerment-Workshop"),
    )
    measure_note = models.CharField(_("Sonstige Maßnahme"), max_length=200, blank=True)
    amount = money_field(_("Betrag"))
    receipt = models.FileField(upload_to=receipt_path, blank=True)
    receipt_name = models.CharField(max_length=255, blank=True)
    corrects = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
        verbose_name=_("Korrektur zu"),
    )
    status = models.CharField(
        _("Stand"), max_length=20, choices=ExpenseStatus.choices, default=ExpenseStatus.DRAFT
    )
    return_reason = models.TextField(_("Grund der Rückgabe"), blank=True, max_length=2000)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    demo_key = models.CharField(max_length=40, blank=True, editable=False)

    class Meta:
        ordering = ["spent_on", "pk"]
        verbose_name = _("Ausgabe")
        verbose_name_plural = _("Ausgaben")
        indexes = [models.Index(fields=["grant", "status", "spent_on"])]
        constraints = [
            # Only a correction may be negative; nothing is ever zero.
            models.CheckConstraint(
                condition=Q(amount__gt=0) | Q(corrects__isnull=False, amount__lt=0),
                name="funding_expense_amount_sign",
            ),
            models.CheckConstraint(
                condition=Q(training_session__isnull=True) | Q(workshop__isnull=True),
                name="funding_expense_one_measure",
            ),
        ]

    def __str__(self):
        return f"{self.spent_on:%d.%m.%Y} {self.payee} {self.amount} €"

    @property
    def is_correction(self) -> bool:
        return self.corrects_id is not None

    @property
    def editable(self) -> bool:
        return self.status in (ExpenseStatus.DRAFT, ExpenseStatus.RETURNED)


class PaymentStatus(models.TextChoices):
    REQUESTED = "requested", _("angefordert")
    APPROVED = "approved", _("zur Auszahlung freigegeben")
    PAID = "paid", _("ausgezahlt")


class PaymentRequest(models.Model):
    """A request to pay out money (Mittelabruf); never more than the approved sum of the
    year less what was requested before."""

    grant = models.ForeignKey(Grant, on_delete=models.PROTECT, related_name="payment_requests")
    amount = money_field(_("Betrag"))
    iban_note = models.CharField(_("Hinweis zur Zahlung"), max_length=200, blank=True)
    status = models.CharField(
        _("Stand"), max_length=20, choices=PaymentStatus.choices, default=PaymentStatus.REQUESTED
    )
    requested_at = models.DateTimeField()
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    paid_on = models.DateField(_("Ausgezahlt am"), null=True, blank=True)

    class Meta:
        ordering = ["requested_at", "pk"]
        verbose_name = _("Mittelabruf")
        verbose_name_plural = _("Mittelabrufe")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="funding_payment_positive")
        ]

    def __str__(self):
        return f"{self.grant_id}: {self.amount} €"


class ReportKind(models.TextChoices):
    INTERIM = "interim", _("Zwischennachweis")
    FINAL = "final", _("Verwendungsnachweis")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    SUBMITTED = "submitted", _("eingereicht")
    APPROVED = "approved", _("angenommen")
    RETURNED = "returned", _("zurückgegeben")


class NarrativeReport(models.Model):
    """The narrative report (Sachbericht) of a municipality: for a year (interim proof)
    or for the whole programme (final proof, ``year`` empty). The facts come from the
    platform when it is shown; the coordinator writes the assessment around them."""

    call = models.ForeignKey("calls.Call", on_delete=models.CASCADE, related_name="+")
    municipality = models.ForeignKey(
        "municipalities.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("Art"), max_length=20, choices=ReportKind.choices)
    year = models.PositiveSmallIntegerField(_("Jahr"), null=True, blank=True)
    measures_text = models.TextField(
        _("Durchgeführte Maßnahmen und Abweichungen vom Plan"), blank=True, max_length=8000
    )
    results_text = models.TextField(_("Ergebnisse und Wirkungen"), blank=True, max_length=8000)
    outlook_text = models.TextField(
        _("Schwierigkeiten, Erkenntnisse und Ausblick"), blank=True, max_length=8000
    )
    status = models.CharField(
        _("Stand"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    return_reason = models.TextField(_("Grund der Rückgabe"), blank=True, max_length=2000)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Sachbericht")
        verbose_name_plural = _("Sachberichte")
        constraints = [
            models.UniqueConstraint(
                fields=["call", "municipality", "year"],
                condition=Q(kind="interim"),
                name="funding_report_interim_once",
            ),
            models.UniqueConstraint(
                fields=["call", "municipality"],
                condition=Q(kind="final"),
                name="funding_report_final_once",
            ),
            models.CheckConstraint(
                condition=Q(kind="interim", year__isnull=False)
                | Q(kind="final", year__isnull=True),
                name="funding_report_year_by_kind",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.year or ''}".strip()


class DeadlineReminder(models.Model):
    """That the reminder for one deadline went to one municipality; sent once per due
    date, so a deadline the office moves is reminded again."""

    call = models.ForeignKey("calls.Call", on_delete=models.CASCADE, related_name="+")
    municipality = models.ForeignKey(
        "municipalities.Municipality", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=ReportKind.choices)
    due_on = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["call", "municipality", "kind", "due_on"],
                name="funding_deadline_reminder_once",
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.due_on} {self.municipality_id}"
