"""The office's downloads across surveys of a version: charts, the k-anonymous rows,
the free texts, the frequencies and the codebook (``evaluation.exports``)."""

from django.http import HttpResponse
from django.utils.translation import gettext as _

from accounts.models import Role
from core.exports import csv_response, xlsx_response
from core.permissions import require_roles
from evaluation import exports, selectors
from evaluation.results import compute, load
from evaluation.views.office import GROUPS, filtered
from evaluation.views.results import chart_response


def _version_chart(request, instrument_version_pk, evaluation_item_pk, fmt):
    version = selectors.version_get(version_pk=instrument_version_pk)
    _form, _filters, surveys = filtered(request, version)
    results = compute(
        items=selectors.version_items(version=version),
        surveys=surveys,
        loaded=load(surveys=surveys),
        threshold=selectors.threshold(),
        with_texts=False,
    )
    result = next((r for r in results.items if r.item.pk == evaluation_item_pk), None)
    name = f"{version.instrument.code}-v{version.number}-{result.item.key}" if result else "x"
    return chart_response(result, fmt=fmt, name=name)


@require_roles(Role.OFFICE)
def version_chart_svg(request, instrument_version_pk: int, evaluation_item_pk: int):
    return _version_chart(request, instrument_version_pk, evaluation_item_pk, "svg")


@require_roles(Role.OFFICE)
def version_chart_png(request, instrument_version_pk: int, evaluation_item_pk: int):
    return _version_chart(request, instrument_version_pk, evaluation_item_pk, "png")


def _frequencies(items, surveys, loaded, filters) -> list[tuple[str, object]]:
    """The figures of all surveys of the selection and, with a breakdown, of each row."""
    threshold = selectors.threshold()

    def figures(subset):
        return compute(
            items=items, surveys=subset, loaded=loaded, threshold=threshold, with_texts=False
        )

    groups = [(_("alle"), figures(surveys))]
    group_by = GROUPS.get(filters.get("breakdown", ""))
    if group_by is not None:
        labels = sorted({str(group_by(survey)) for survey in surveys})
        for label in labels:
            groups.append((label, figures([s for s in surveys if str(group_by(s)) == label])))
    return groups


def _export(request, instrument_version_pk: int, kind: str) -> HttpResponse:
    version = selectors.version_get(version_pk=instrument_version_pk)
    _form, filters, surveys = filtered(request, version)
    items = selectors.version_items(version=version)
    loaded = load(surveys=surveys)
    threshold = selectors.threshold()
    base = f"{version.instrument.code}-v{version.number}"

    def answers():
        rows = exports.answer_rows(items=items, surveys=surveys, loaded=loaded, threshold=threshold)
        return [exports.header(items), *rows]

    def texts():
        rows = exports.text_rows(items=items, surveys=surveys, loaded=loaded, threshold=threshold)
        return [exports.text_header(), *rows]

    def frequencies():
        groups = _frequencies(items, surveys, loaded, filters)
        return [exports.frequency_header(), *exports.frequency_rows(groups)]

    if kind == "xlsx":
        content = exports.to_xlsx(
            sheets=[
                (_("Antworten"), answers()),
                (_("Freitexte"), texts()),
                (_("Häufigkeiten"), frequencies()),
                (_("Codebuch"), exports.codebook_rows(items)),
            ]
        )
        return xlsx_response(content, filename=f"{base}.xlsx")
    rows, name = {
        "codebook": (exports.codebook_rows, f"{base}-codebuch.csv"),
        "texts": (texts, f"{base}-freitexte.csv"),
        "frequencies": (frequencies, f"{base}-haeufigkeiten.csv"),
        "csv": (answers, f"{base}.csv"),
    }[kind]
    return csv_response(rows(items) if kind == "codebook" else rows(), filename=name)


@require_roles(Role.OFFICE)
def export_csv(request, instrument_version_pk: int):
    return _export(request, instrument_version_pk, "csv")


@require_roles(Role.OFFICE)
def export_xlsx(request, instrument_version_pk: int):
    return _export(request, instrument_version_pk, "xlsx")


@require_roles(Role.OFFICE)
def export_codebook(request, instrument_version_pk: int):
    return _export(request, instrument_version_pk, "codebook")


@require_roles(Role.OFFICE)
def export_texts(request, instrument_version_pk: int):
    return _export(request, instrument_version_pk, "texts")


@require_roles(Role.OFFICE)
def export_frequencies(request, instrument_version_pk: int):
    return _export(request, instrument_version_pk, "frequencies")
