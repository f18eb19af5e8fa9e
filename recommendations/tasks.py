"""Background work of the recommendations."""

from django_tasks import task

from recommendations.pdf import published_pdf_store
from recommendations.synopsis import synopsis_pdf_store


@task()
def published_pdf_render(*, version_id: int) -> None:
    published_pdf_store(version_id=version_id)


@task()
def synopsis_pdf_render(*, round_id: int, office: bool) -> None:
    synopsis_pdf_store(round_id=round_id, office=office)
