"""Reading what the office published, for everyone: the documents, their published
versions, one version's text searched and filtered, and one recommendation by its key.

Drafts and frozen versions are never found here: each read starts from the published
versions. Every function runs a fixed number of queries, whatever the size of the text.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from recommendations.models import (
    Chapter,
    Document,
    FieldOfAction,
    Paragraph,
    Recommendation,
    Version,
    VersionState,
)
from recommendations.selectors import version_outline

# A longer query finds nothing a shorter one would not, and costs more to mark.
QUERY_MAX_LENGTH = 100


def _published() -> "Version.objects":
    return Version.objects.filter(state=VersionState.PUBLISHED).order_by("-sequence")


def documents_published() -> list[Document]:
    """The documents with at least one published version, each with ``newest`` (two
    queries)."""
    documents = list(
        Document.objects.filter(versions__state=VersionState.PUBLISHED)
        .distinct()
        .prefetch_related(Prefetch("versions", queryset=_published(), to_attr="published"))
        .order_by("title_de", "pk")
    )
    for document in documents:
        document.newest = document.published[0]
    return documents


def document_get_public(*, slug: str) -> tuple[Document, list[Version]]:
    """The document and its published versions, newest first; 404 while none is."""
    document = get_object_or_404(Document, slug=slug)
    versions = list(_published().filter(document=document))
    if not versions:
        raise Http404
    for version in versions:
        version.document = document
    return document, versions


def version_pick(*, versions: list[Version], sequence: int) -> Version:
    """The published version numbered ``sequence``; a draft's or frozen version's number
    answers 404 like one that does not exist."""
    for version in versions:
        if version.sequence == sequence:
            return version
    raise Http404


@dataclass(frozen=True)
class FieldChoice:
    code: str
    label: str
    count: int
    chosen: bool


@dataclass
class Reading:
    """A version's text as the visitor asked for it: ``chapters`` hold in ``shown`` the
    recommendations that match the search and the chosen fields of action."""

    chapters: list[Chapter]
    query: str
    total: int
    shown: int
    fields: list[FieldChoice] = field(default_factory=list)

    @property
    def filtered(self) -> bool:
        """Whether the visitor searched or chose fields of action."""
        return bool(self.query) or any(choice.chosen for choice in self.fields)


def _matches(recommendation: Recommendation, needle: str) -> bool:
    texts = [recommendation.title, recommendation.rationale]
    texts.extend(paragraph.text for paragraph in recommendation.paragraphs.all())
    return any(needle in text.lower() for text in texts)


def version_reading(*, version: Version, query: str = "", fields=()) -> Reading:
    """The version's text, only the recommendations that contain ``query`` (any case)
    and, when ``fields`` names fields of action, that concern one of them. The counts
    beside the fields are those of the recommendations the search finds."""
    query = query.strip()[:QUERY_MAX_LENGTH]
    needle = query.lower()
    chosen = set(fields) & set(FieldOfAction.Code.values)
    chapters = version_outline(version=version)
    counts = dict.fromkeys(FieldOfAction.Code.values, 0)
    total = shown = 0
    for chapter in chapters:
        chapter.shown = []
        for recommendation in chapter.items:
            total += 1
            if needle and not _matches(recommendation, needle):
                continue
            codes = {item.code for item in recommendation.fields_of_action.all()}
            for code in codes:
                counts[code] += 1
            if chosen and not codes & chosen:
                continue
            chapter.shown.append(recommendation)
            shown += 1
    choices = [
        FieldChoice(code=code, label=str(label), count=counts[code], chosen=code in chosen)
        for code, label in FieldOfAction.Code.choices
        if counts[code] or code in chosen
    ]
    return Reading(chapters=chapters, query=query, total=total, shown=shown, fields=choices)


def recommendation_get_public(
    *, versions: list[Version], key, sequence: int | None = None
) -> Recommendation:
    """The recommendation with ``key`` in the newest published version that contains it
    (or in version ``sequence``), with its version, chapter, paragraphs and lookups."""
    by_pk = {version.pk: version for version in versions}
    candidates = Recommendation.objects.filter(version_id__in=list(by_pk), key=key)
    if sequence is not None:
        candidates = candidates.filter(version__sequence=sequence)
    recommendation = (
        candidates.select_related("chapter")
        .prefetch_related(
            "fields_of_action",
            "departments",
            "training_modules",
            Prefetch("paragraphs", queryset=Paragraph.objects.order_by("position")),
        )
        .order_by("-version__sequence")
        .first()
    )
    if recommendation is None:
        raise Http404
    recommendation.version = by_pk[recommendation.version_id]
    return recommendation


def version_url(version: Version) -> str:
    return settings.SITE_URL + reverse(
        "recommendations_public:version_detail",
        kwargs={"slug": version.document.slug, "sequence": version.sequence},
    )


def citation(version: Version) -> str:
    """How to cite the version, with the address that always shows this very version."""
    date = formats.date_format(timezone.localtime(version.published_at), "DATE_FORMAT")
    return _("ECCAR (Hrsg.): %(title)s, Fassung %(label)s vom %(date)s. %(url)s") % {
        "title": version.document.title,
        "label": version.label,
        "date": date,
        "url": version_url(version),
    }
