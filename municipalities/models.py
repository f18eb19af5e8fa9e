import re
import uuid
from pathlib import PurePath

from django.db import models
from django.utils.translation import gettext_lazy as _

EAST_LAND_CODES = {"11", "12", "13", "14", "15", "16"}


class Land(models.Model):
    code = models.CharField(_("Schlüssel"), max_length=2, unique=True)
    name = models.CharField(_("Name"), max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = _("Land")
        verbose_name_plural = _("Länder")

    def __str__(self):
        return self.name

    @property
    def is_east(self) -> bool:
        """The five eastern Länder and Berlin, as federal statistics group them."""
        return self.code in EAST_LAND_CODES


class Municipality(models.Model):
    """A Kommune from the official register: a Kreis or a Gemeinde.

    ``key`` is the official code: the 8-digit AGS for a Gemeinde, the 5-digit
    Kreisschlüssel for a Kreis. Codes are strings; their leading zeros matter.
    """

    # The programme office may keep internal notes on it (core.notes).
    office_notes = True

    class Level(models.TextChoices):
        KREIS = "kreis", _("Kreis")
        GEMEINDE = "gemeinde", _("Gemeinde")

    class Kind(models.TextChoices):
        # The register's "Textkennzeichen".
        KREISFREIE_STADT_K = "41", _("Kreisfreie Stadt")
        STADTKREIS_K = "42", _("Stadtkreis")
        KREIS = "43", _("Kreis")
        LANDKREIS = "44", _("Landkreis")
        REGIONALVERBAND = "45", _("Regionalverband")
        MARKT = "60", _("Markt")
        KREISFREIE_STADT = "61", _("Kreisfreie Stadt")
        STADTKREIS = "62", _("Stadtkreis")
        STADT = "63", _("Stadt")
        GEMEINDE = "64", _("Kreisangehörige Gemeinde")
        GEMEINDEFREI_BEWOHNT = "65", _("Gemeindefreies Gebiet, bewohnt")
        GEMEINDEFREI_UNBEWOHNT = "66", _("Gemeindefreies Gebiet, unbewohnt")
        GROSSE_KREISSTADT = "67", _("Große Kreisstadt")

    class Urbanisation(models.TextChoices):
        DENSE = "01", _("dicht besiedelt")
        MEDIUM = "02", _("mittlere Besiedlungsdichte")
        SPARSE = "03", _("gering besiedelt")

    level = models.CharField(_("Ebene"), max_length=10, choices=Level.choices)
    key = models.CharField(_("Amtlicher Schlüssel"), max_length=8, unique=True)
    ars = models.CharField(_("Regionalschlüssel"), max_length=12, blank=True, db_index=True)
    name = models.CharField(_("Name"), max_length=200, db_index=True)
    kind = models.CharField(_("Art"), max_length=2, choices=Kind.choices)
    land = models.ForeignKey(
        Land, on_delete=models.PROTECT, related_name="municipalities", verbose_name=_("Land")
    )
    kreis = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="gemeinden",
        limit_choices_to={"level": "kreis"},
        verbose_name=_("Kreis"),
    )
    population = models.PositiveIntegerField(_("Einwohner*innen"), null=True, blank=True)
    area_km2 = models.DecimalField(
        _("Fläche in km²"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    postal_code = models.CharField(_("Postleitzahl"), max_length=5, blank=True, db_index=True)
    latitude = models.DecimalField(
        _("Breitengrad"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("Längengrad"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    urbanisation = models.CharField(
        _("Verstädterungsgrad"), max_length=2, choices=Urbanisation.choices, blank=True
    )
    size_class = models.CharField(_("Größenklasse"), max_length=10, db_index=True, blank=True)
    # Lower-cased, umlaut-folded name for search that behaves the same on SQLite and
    # PostgreSQL (SQLite's LIKE is not case-insensitive beyond ASCII).
    search_name = models.CharField(_("Suchname"), max_length=200, db_index=True, editable=False)

    class Meta:
        ordering = ["name", "key"]
        verbose_name = _("Kommune")
        verbose_name_plural = _("Kommunen")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(level="gemeinde", kind__in=[str(k) for k in range(60, 68)])
                    | models.Q(level="kreis", kind__in=["41", "42", "43", "44", "45"])
                ),
                name="municipality_kind_matches_level",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def may_apply(self) -> bool:
        """Gemeinden with inhabitants and Landkreise apply; a kreisfreie Stadt applies
        through its Gemeinde record, so its duplicate Kreis record is not offered."""
        if self.level == self.Level.KREIS:
            return self.kind in {self.Kind.KREIS, self.Kind.LANDKREIS, self.Kind.REGIONALVERBAND}
        return self.kind != self.Kind.GEMEINDEFREI_UNBEWOHNT


class SizeClass(models.TextChoices):
    SMALL = "small", _("unter 20.000 Einwohner*innen")
    MEDIUM = "medium", _("20.000 bis 100.000 Einwohner*innen")
    LARGE = "large", _("über 100.000 Einwohner*innen")
    KREIS = "kreis", _("Landkreis")


def size_class_for(level: str, population: int | None) -> str:
    if level == Municipality.Level.KREIS:
        return SizeClass.KREIS
    population = population or 0
    if population < 20_000:
        return SizeClass.SMALL
    if population <= 100_000:
        return SizeClass.MEDIUM
    return SizeClass.LARGE


def register_upload_path(instance: "RegisterImport", filename: str) -> str:
    """A fresh name under ``register-imports/``; the uploader's file name is kept only
    in ``source_name``, so nothing they chose ends up in a storage path."""
    suffix = PurePath(filename).suffix.lower()
    if not re.fullmatch(r"\.[a-z0-9]{1,8}", suffix):
        suffix = ""
    return f"register-imports/{uuid.uuid4().hex}{suffix}"


class RegisterImport(models.Model):
    """A record of one import of the register: when, by whom, from what, with what result.

    An upload is stored as ``file`` and waits as ``queued`` until the background task
    runs it (``running``, with ``progress_done`` of ``progress_total`` records written)
    and records ``done`` or ``failed`` (with ``error``). The management command imports
    synchronously and records its run as ``done`` straight away.

    ``created``/``updated``/``unchanged`` count Länder, Kreise and Gemeinden together;
    ``counts`` holds them per level, ``changes`` a sample of changed records with their
    old and new values, ``absent`` the Kommunen in the register that the file left out
    (they are kept, so that applications never lose their Kommune).
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("wartet auf die Verarbeitung")
        RUNNING = "running", _("läuft")
        DONE = "done", _("abgeschlossen")
        FAILED = "failed", _("fehlgeschlagen")

    created_at = models.DateTimeField(_("Zeitpunkt"), auto_now_add=True)
    created_by = models.ForeignKey(
        "accounts.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Durchgeführt von"),
    )
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    progress_done = models.PositiveIntegerField(_("Verarbeitete Einträge"), default=0)
    progress_total = models.PositiveIntegerField(_("Einträge insgesamt"), default=0)
    error = models.TextField(_("Fehlermeldung"), blank=True)
    started_at = models.DateTimeField(_("Begonnen"), null=True, blank=True)
    finished_at = models.DateTimeField(_("Beendet"), null=True, blank=True)
    # The uploaded file while it waits for the task; removed once the task has run.
    file = models.FileField(
        _("Hochgeladene Datei"), upload_to=register_upload_path, max_length=255, blank=True
    )
    source_name = models.CharField(_("Datei"), max_length=255)
    file_format = models.CharField(_("Format"), max_length=10)
    reference_date = models.DateField(_("Gebietsstand"), null=True, blank=True)
    created = models.PositiveIntegerField(_("Neu"), default=0)
    updated = models.PositiveIntegerField(_("Geändert"), default=0)
    unchanged = models.PositiveIntegerField(_("Unverändert"), default=0)
    absent = models.PositiveIntegerField(_("Nicht in der Datei"), default=0)
    counts = models.JSONField(default=dict, blank=True)
    changes = models.JSONField(default=list, blank=True)
    duration_seconds = models.DecimalField(
        _("Dauer in Sekunden"), max_digits=8, decimal_places=2, default=0
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("Import des Gemeindeverzeichnisses")
        verbose_name_plural = _("Importe des Gemeindeverzeichnisses")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["queued", "running", "done", "failed"]),
                name="register_import_status_known",
            ),
            models.CheckConstraint(
                condition=models.Q(progress_done__lte=models.F("progress_total")),
                name="register_import_progress_within_total",
            ),
        ]

    def __str__(self):
        return f"{self.source_name} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def is_active(self) -> bool:
        """Still waiting or running: the status page keeps asking for news."""
        return self.status in {self.Status.QUEUED, self.Status.RUNNING}
