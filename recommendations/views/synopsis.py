"""The Synopse of a round: for the office always (a preview until the answers are
published), for the round's participants once the answers are published; for anyone
else the round does not exist."""

from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from core.downloads import pdf_download
from core.exports import xlsx_response
from core.permissions import require_roles
from recommendations import synopsis
from recommendations.audience import may_take_part
from recommendations.models import ConsultationRound
from recommendations.tasks import synopsis_pdf_render

# The page shows the Synopse in parts; the PDF and the XLSX file hold all of it.
ROWS_PER_PAGE = 100


def _round_for(request, round_pk: int) -> tuple[ConsultationRound, bool]:
    """The round and whether the reader is the office; 404 for everyone else until
    the answers are published, and for non-participants always."""
    round = get_object_or_404(
        ConsultationRound.objects.select_related("version__document"), pk=round_pk
    )
    if request.user.is_office:
        return round, True
    if round.answers_published_at is None or not may_take_part(request.user, round):
        raise Http404
    return round, False


@require_roles()
def synopsis_page(request, round_pk: int):
    round, office = _round_for(request, round_pk)
    context = synopsis.synopsis_context(round=round, office=office)
    context["page"] = Paginator(context["rows"], ROWS_PER_PAGE).get_page(request.GET.get("seite"))
    return render(request, "recommendations/synopsis/page.html", context)


@require_roles()
def synopsis_pdf(request, round_pk: int):
    """The kept PDF if it is ready; otherwise start making it (once) and say so."""
    round, office = _round_for(request, round_pk)
    name = synopsis.synopsis_pdf_name(round=round, office=office)
    if not default_storage.exists(name) and synopsis.synopsis_pdf_claim(name=name):
        synopsis_pdf_render.enqueue(round_id=round.pk, office=office)
    if default_storage.exists(name):
        return pdf_download(file=default_storage.open(name), name=f"synopse-{round.pk}")
    return render(request, "recommendations/synopsis/pdf_pending.html", {"round": round})


@require_roles()
def synopsis_xlsx(request, round_pk: int):
    round, office = _round_for(request, round_pk)
    return xlsx_response(
        synopsis.synopsis_xlsx(round=round, office=office), filename=f"synopse-{round.pk}.xlsx"
    )
