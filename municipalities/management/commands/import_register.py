from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from municipalities.importer import FORMATS, RegisterImportError
from municipalities.services import LEVELS, register_import

LEVEL_LABELS = {
    "land": gettext_lazy("Länder"),
    "kreis": gettext_lazy("Kreise"),
    "gemeinde": gettext_lazy("Gemeinden"),
}


class Command(BaseCommand):
    help = (
        "Liest das Gemeindeverzeichnis (CSV-Auszug oder GV100AD) ein und aktualisiert "
        "das Register anhand der amtlichen Schlüssel; es wird nichts gelöscht."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="Pfad zur Datei")
        parser.add_argument(
            "--format",
            choices=FORMATS,
            default="",
            help="Dateiformat; ohne Angabe wird es am Inhalt erkannt.",
        )

    def handle(self, *args, path: Path, format: str, **options):
        if not path.is_file():
            raise CommandError(_("Die Datei %(path)s gibt es nicht.") % {"path": path})

        def progress(done: int, total: int) -> None:
            # Called after each written chunk (every 2,000 rows or so).
            self.stdout.write(
                _("%(done)s von %(total)s Einträgen verarbeitet") % {"done": done, "total": total}
            )

        try:
            with path.open("rb") as file:
                report = register_import(
                    file=file, source_name=path.name, file_format=format, progress=progress
                )
        except RegisterImportError as exc:
            raise CommandError(exc.message) from exc

        self.stdout.write(
            _("Format: %(format)s, Dauer: %(seconds).1f Sekunden")
            % {"format": report.file_format, "seconds": report.seconds}
        )
        for level in LEVELS:
            counts = report.counts[level]
            self.stdout.write(
                _("%(level)s: %(created)s neu, %(updated)s geändert, %(unchanged)s unverändert")
                % {
                    "level": LEVEL_LABELS[level],
                    "created": counts.created,
                    "updated": counts.updated,
                    "unchanged": counts.unchanged,
                }
            )
        if report.absent:
            self.stdout.write(
                _("%(absent)s Kommunen im Register fehlen in der Datei; sie bleiben erhalten.")
                % {"absent": report.absent}
            )
        for change in report.changes[:10]:
            fields = ", ".join(
                f"{name}: {old} → {new}" for name, (old, new) in change["fields"].items()
            )
            self.stdout.write(f"  {change['key']} {change['name']}: {fields}")
        self.stdout.write(self.style.SUCCESS(_("Gemeindeverzeichnis eingelesen.")))
