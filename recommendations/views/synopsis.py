"""The Synopse of a round: for the office always (a preview until the answers are
published), for the round's participants once the answers are published; for anyone
else the round does not exist."""

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render

from core.exports import PDF_TYPE, xlsx_response
from core.permissions import require_roles
from recommendations import synopsis
from recommendations.audience import may_take_part
from recommendations.models import ConsultationRound

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
    round, office = _round_for(request, round_pk)
    response = HttpResponse(
        synopsis.synopsis_pdf(round=round, office=office), content_type=PDF_TYPE
    )
    response["Content-Disposition"] = f'inline; filename="synopse-{round.pk}.pdf"'
    return response


@require_roles()
def synopsis_xlsx(request, round_pk: int):
    round, office = _round_for(request, round_pk)
    return xlsx_response(
        synopsis.synopsis_xlsx(round=round, office=office), filename=f"synopse-{round.pk}.xlsx"
    )
