"""Background work of the register: the office's uploads are written here."""

from django_tasks import task

from municipalities.services import register_import_run


@task()
def register_import_task(*, register_import_id: int) -> None:
    register_import_run(register_import_id=register_import_id)
