import logging
import signal
import time

from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections

from core.scheduler import Scheduler

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Geplante Aufgaben zur fälligen Zeit in die Warteschlange stellen (der Worker "
        "`db_worker` führt sie aus). Mehrere Server dürfen ihn starten: nur einer plant."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval", type=float, default=15, help="Sekunden zwischen zwei Prüfungen"
        )
        parser.add_argument(
            "--once", action="store_true", help="Einmal prüfen und einplanen, dann enden"
        )

    def handle(self, *args, interval, once, **options):
        scheduler = Scheduler()
        self.running = True

        def stop(signum, frame):
            self.running = False

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        self.stdout.write(f"Scheduler {scheduler.holder}: {len(scheduler.jobs)} jobs.")
        try:
            while self.running:
                try:
                    runs = scheduler.tick()
                except DatabaseError:
                    # The database is away for a moment: try again at the next tick.
                    logger.exception("The scheduler could not reach the database")
                    runs = []
                for run in runs:
                    self.stdout.write(f"{run.job} {run.slot.isoformat()} enqueued")
                if once:
                    break
                waited = 0.0
                while self.running and waited < interval:
                    time.sleep(min(1.0, interval - waited))
                    waited += 1.0
                # A connection the database closed while we slept is opened anew.
                close_old_connections()
        finally:
            scheduler.lease_release()
