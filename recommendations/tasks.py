"""Background work of the recommendations."""

from django_tasks import task

from recommendations.pdf import published_pdf_store


@task()
def published_pdf_render(*, version_id: int) -> None:
    published_pdf_store(version_id=version_id)
