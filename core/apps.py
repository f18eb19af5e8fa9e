from django.apps import AppConfig
from django.db.backends.signals import connection_created


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Kern"

    def ready(self):
        from core.collation import sqlite_collation_install

        connection_created.connect(sqlite_collation_install, dispatch_uid="kfa_german_collation")
