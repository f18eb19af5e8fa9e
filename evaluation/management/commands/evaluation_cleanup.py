from django.core.management.base import BaseCommand

from evaluation.services import evaluation_cleanup


class Command(BaseCommand):
    help = (
        "Daily: close surveys whose end has passed, delete the used page nonces and the "
        "invitation addresses of surveys that have closed, and delete expired sessions."
    )

    def handle(self, *args, **options):
        cleaned = evaluation_cleanup()
        self.stdout.write(
            f"{cleaned.nonces} nonces, {cleaned.invitations} invitations, "
            f"{cleaned.sessions} sessions deleted"
        )
