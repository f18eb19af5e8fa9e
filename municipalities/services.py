"""Writing the municipality register."""

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from municipalities.importer import (
    GEMEINDE,
    KREIS,
    LAND,
    ParsedRegister,
    RegisterImportError,
    RegisterRecord,
    check_register,
    parse_register,
)
from municipalities.models import Land, Municipality, RegisterImport, size_class_for
from municipalities.search import search_fold

LEVELS = (LAND, KREIS, GEMEINDE)
# Rows per bulk statement and per progress report.
BATCH_SIZE = 500
CHUNK_SIZE = 2000
# How many changed records the import keeps with old and new values.
CHANGE_SAMPLE_SIZE = 25

# Compared and written for every Kreis and Gemeinde. Coordinates and urbanisation
# only where the file carries them (see ``ParsedRegister.provided_fields``).
BASE_FIELDS = (
    "level",
    "ars",
    "name",
    "kind",
    "land_id",
    "kreis_id",
    "population",
    "area_km2",
    "size_class",
    "search_name",
)
GEMEINDE_FIELDS = ("postal_code",)
OPTIONAL_GEMEINDE_FIELDS = ("latitude", "longitude", "urbanisation")

ProgressCallback = Callable[[int, int], None]


@dataclass
class LevelCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"created": self.created, "updated": self.updated, "unchanged": self.unchanged}


@dataclass
class ImportReport:
    """What an import did, per level (``land``, ``kreis``, ``gemeinde``)."""

    register_import: RegisterImport
    file_format: str
    counts: dict[str, LevelCounts]
    changes: list[dict] = field(default_factory=list)
    absent: int = 0
    seconds: float = 0.0

    @property
    def created(self) -> int:
        return sum(c.created for c in self.counts.values())

    @property
    def updated(self) -> int:
        return sum(c.updated for c in self.counts.values())

    @property
    def unchanged(self) -> int:
        return sum(c.unchanged for c in self.counts.values())


def register_import(
    *,
    source_name: str,
    file: IO[bytes] | bytes | None = None,
    records: Iterable[RegisterRecord] | None = None,
    file_format: str = "",
    actor=None,
    progress: ProgressCallback | None = None,
    job: RegisterImport | None = None,
) -> ImportReport:
    """Bring the register up to date with an official file (or already parsed records).

    Kommunen are matched by their official key and updated in place, never deleted or
    replaced, so that applications and accounts keep pointing at the same rows. The
    whole file is read and checked before anything is written; a bad file raises
    ``RegisterImportError`` naming the line. ``file_format`` is "csv", "gv100ad" or
    empty (recognised from the content).

    The records are written in chunks of about 2,000, each in its own transaction, and
    ``progress(done, total)`` is called inside each chunk's transaction: whatever it
    records commits together with the chunk, so others see the progress while the
    import runs, and no import holds the database's write lock for its whole length
    (SQLite has one writer at a time; every page that writes would wait). Since
    records are matched by key, importing the same file again completes an
    interrupted import.

    ``job`` is the queued upload whose record receives the result; without it a new
    record is made (the management command).
    """
    if (file is None) == (records is None):
        raise TypeError("register_import takes either file or records")
    started = time.monotonic()
    if records is not None:
        parsed = ParsedRegister(file_format=file_format or "records", records=list(records))
    else:
        data = file if isinstance(file, bytes) else file.read()
        parsed = parse_register(data, file_format=file_format)
    check_register(parsed.records)

    writer = _RegisterWriter(parsed, progress)
    writer.write()
    seconds = time.monotonic() - started
    with transaction.atomic():
        if job is None:
            job = RegisterImport(
                created_by=actor if getattr(actor, "is_authenticated", False) else None,
                source_name=source_name[:255],
            )
        job.status = RegisterImport.Status.DONE
        job.file_format = parsed.file_format
        job.reference_date = parsed.reference_date
        job.progress_done = job.progress_total = writer.total
        job.created = sum(c.created for c in writer.counts.values())
        job.updated = sum(c.updated for c in writer.counts.values())
        job.unchanged = sum(c.unchanged for c in writer.counts.values())
        job.absent = writer.absent
        job.counts = {level: counts.as_dict() for level, counts in writer.counts.items()}
        job.changes = writer.changes
        job.duration_seconds = Decimal(str(round(seconds, 2)))
        job.finished_at = timezone.now()
        job.save()
    return ImportReport(
        register_import=job,
        file_format=parsed.file_format,
        counts=writer.counts,
        changes=writer.changes,
        absent=writer.absent,
        seconds=seconds,
    )


def register_import_enqueue(*, upload: File, file_format: str = "", actor=None) -> RegisterImport:
    """Check an uploaded register file and queue it for the import in the background.

    The whole file is parsed and checked here, so that a bad file is refused at the
    form with its line number (the full register parses in a fraction of a second);
    only the writing waits for the task. The file goes to the default storage, which
    every app server and the task worker share. Raises ``RegisterImportError``.
    """
    # The task module imports this one; importing it here avoids the cycle.
    from municipalities.tasks import register_import_task

    data = upload.read()
    parsed = parse_register(data, file_format=file_format)
    check_register(parsed.records)
    with transaction.atomic():
        job = RegisterImport(
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
            source_name=(upload.name or "")[:255],
            file_format=parsed.file_format,
            reference_date=parsed.reference_date,
            progress_total=len(parsed.records),
        )
        job.file.save(upload.name or "", ContentFile(data), save=False)
        job.save()
        # After the commit, so that a worker elsewhere finds the row.
        transaction.on_commit(lambda: register_import_task.enqueue(register_import_id=job.pk))
    return job


def register_import_run(*, register_import_id: int) -> None:
    """Run a queued upload: import its stored file, keep the progress current, record
    the outcome and remove the file.

    The job is claimed first, so a task that is delivered twice finds it taken. Any
    failure is recorded as ``failed`` with a German message for the office; unexpected
    errors are raised on after that, so that the task's own result records them too.
    """
    claimed = RegisterImport.objects.filter(
        pk=register_import_id, status=RegisterImport.Status.QUEUED
    ).update(status=RegisterImport.Status.RUNNING, started_at=timezone.now())
    if not claimed:
        return
    job = RegisterImport.objects.select_related("created_by").get(pk=register_import_id)

    def progress(done: int, total: int) -> None:
        RegisterImport.objects.filter(pk=job.pk).update(progress_done=done, progress_total=total)

    language = job.created_by.language if job.created_by else settings.LANGUAGE_CODE
    with translation.override(language):
        # Stays the message unless the import finishes or fails for a reason named below.
        error = _(
            "Der Import wurde unterbrochen. Bereits verarbeitete Einträge sind übernommen; "
            "lesen Sie die Datei erneut ein, um den Import abzuschließen."
        )
        try:
            with job.file.open("rb") as stored:
                data = stored.read()
            register_import(
                file=data,
                source_name=job.source_name,
                file_format=job.file_format,
                progress=progress,
                job=job,
            )
            error = ""
        except FileNotFoundError:
            error = _(
                "Die hochgeladene Datei ist nicht mehr vorhanden. Bitte laden Sie sie erneut hoch."
            )
        except RegisterImportError as exc:
            error = exc.message
        finally:
            if error:
                RegisterImport.objects.filter(pk=job.pk).update(
                    status=RegisterImport.Status.FAILED, error=error, finished_at=timezone.now()
                )
            if job.file:
                job.file.delete(save=False)
            RegisterImport.objects.filter(pk=job.pk).update(file="")


class _RegisterWriter:
    """Compares the records with the stored register and writes the difference in bulk.

    Everything stored is read once up front (a few ten thousand small rows), so each
    record costs a dictionary look-up instead of a query.
    """

    def __init__(self, parsed: ParsedRegister, progress: ProgressCallback | None):
        self.parsed = parsed
        self.progress = progress
        self.counts = {level: LevelCounts() for level in LEVELS}
        self.changes: list[dict] = []
        self.absent = 0
        self.done = 0
        self.total = len(parsed.records)
        by_level: dict[str, list[RegisterRecord]] = {level: [] for level in LEVELS}
        for record in parsed.records:
            by_level[record.level].append(record)
        self.by_level = by_level
        optional = tuple(f for f in OPTIONAL_GEMEINDE_FIELDS if f in parsed.provided_fields)
        self.fields = {
            KREIS: BASE_FIELDS,
            GEMEINDE: BASE_FIELDS + GEMEINDE_FIELDS + optional,
        }

    def write(self) -> None:
        self.land_ids = self._write_lands()
        self.land_codes = {pk: code for code, pk in self.land_ids.items()}
        stored_fields = {"id", "key", *BASE_FIELDS, *GEMEINDE_FIELDS, *OPTIONAL_GEMEINDE_FIELDS}
        self.stored = {row["key"]: row for row in Municipality.objects.values(*stored_fields)}
        self.kreis_totals = self._kreis_totals()

        self._write_level(KREIS, self.by_level[KREIS])
        self.kreis_ids = dict(
            Municipality.objects.filter(level=KREIS).values_list("key", "id").iterator()
        )
        self.kreis_keys = {pk: key for key, pk in self.kreis_ids.items()}
        self._write_level(GEMEINDE, self.by_level[GEMEINDE])

        in_file = {record.key for record in self.parsed.records if record.level != LAND}
        self.absent = sum(1 for key in self.stored if key not in in_file)

    def _write_lands(self) -> dict[str, int]:
        stored = {land.code: land for land in Land.objects.all()}
        new, changed = [], []
        counts = self.counts[LAND]
        for record in self.by_level[LAND]:
            land = stored.get(record.key)
            if land is None:
                new.append(Land(code=record.key, name=record.name))
                counts.created += 1
            elif land.name != record.name:
                self._note_change(record, {"name": [land.name, record.name]})
                land.name = record.name
                changed.append(land)
                counts.updated += 1
            else:
                counts.unchanged += 1
        with transaction.atomic():
            Land.objects.bulk_create(new, batch_size=BATCH_SIZE)
            Land.objects.bulk_update(changed, ["name"], batch_size=BATCH_SIZE)
            self._advance(len(self.by_level[LAND]))
        return dict(Land.objects.values_list("code", "id"))

    def _kreis_totals(self) -> dict[str, tuple[int, Decimal]]:
        totals: dict[str, tuple[int, Decimal]] = {}
        for record in self.by_level[GEMEINDE]:
            population, area = totals.get(record.kreis_key, (0, Decimal(0)))
            totals[record.kreis_key] = (
                population + (record.population or 0),
                area + (record.area_km2 or Decimal(0)),
            )
        return totals

    def _write_level(self, level: str, records: list[RegisterRecord]) -> None:
        fields = self.fields[level]
        for start in range(0, len(records), CHUNK_SIZE):
            chunk = records[start : start + CHUNK_SIZE]
            new, changed, changed_fields = [], [], set()
            for record in chunk:
                wanted = self._wanted(record)
                row = self.stored.get(record.key)
                if row is None:
                    new.append(Municipality(key=record.key, **wanted))
                    self.counts[level].created += 1
                    continue
                diff = {
                    name: [row[name], wanted[name]] for name in fields if row[name] != wanted[name]
                }
                if not diff:
                    self.counts[level].unchanged += 1
                    continue
                self._note_change(record, self._readable(diff))
                changed.append(Municipality(id=row["id"], key=record.key, **wanted))
                changed_fields.update(diff)
                self.counts[level].updated += 1
            with transaction.atomic():
                Municipality.objects.bulk_create(new, batch_size=BATCH_SIZE)
                if changed:
                    Municipality.objects.bulk_update(
                        changed, sorted(changed_fields), batch_size=BATCH_SIZE
                    )
                self._advance(len(chunk))

    def _wanted(self, record: RegisterRecord) -> dict:
        population, area = record.population, record.area_km2
        if record.level == KREIS:
            population, area = self.kreis_totals.get(record.key, (None, None))
        values = {
            "level": record.level,
            "ars": record.ars,
            "name": record.name,
            "kind": record.kind,
            "land_id": self.land_ids[record.land_code],
            # check_register let through only Gemeinden outside any Kreis without one.
            "kreis_id": self.kreis_ids.get(record.kreis_key) if record.level == GEMEINDE else None,
            "population": population,
            "area_km2": area,
            "size_class": size_class_for(record.level, population),
            "search_name": search_fold(record.name),
        }
        if record.level == GEMEINDE:
            values["postal_code"] = record.postal_code
            for name in OPTIONAL_GEMEINDE_FIELDS:
                if name in self.fields[GEMEINDE]:
                    values[name] = getattr(record, name)
        return values

    def _readable(self, diff: dict[str, list]) -> dict[str, list]:
        """Old and new values as the office reads them: keys instead of row ids."""
        readable = {}
        for name, (old, new) in diff.items():
            if name == "land_id":
                readable["land"] = [self.land_codes.get(old), self.land_codes.get(new)]
            elif name == "kreis_id":
                readable["kreis"] = [self.kreis_keys.get(old), self.kreis_keys.get(new)]
            else:
                readable[name] = [_plain(old), _plain(new)]
        return readable

    def _note_change(self, record: RegisterRecord, fields: dict[str, list]) -> None:
        if len(self.changes) < CHANGE_SAMPLE_SIZE:
            self.changes.append(
                {"level": record.level, "key": record.key, "name": record.name, "fields": fields}
            )

    def _advance(self, count: int) -> None:
        self.done += count
        if self.progress is not None and count:
            self.progress(self.done, self.total)


def _plain(value):
    """JSON-safe: decimals as text ("53.02"), everything else as it is."""
    return str(value) if isinstance(value, Decimal) else value
