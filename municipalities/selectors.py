"""Reading the municipality register."""

from django.apps import apps
from django.core.paginator import Page, Paginator
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.http import Http404

from core.collation import German
from municipalities.models import Land, Municipality, RegisterImport
from municipalities.search import search_fold

MIN_QUERY_LENGTH = 2
REGISTER_PAGE_SIZE = 50

# The Kommunen that may apply (see ``Municipality.may_apply``), as a query: inhabited
# Gemeinden, and Kreise that are not also a Gemeinde (a kreisfreie Stadt applies
# through its Gemeinde record).
MAY_APPLY = (
    Q(level=Municipality.Level.GEMEINDE) & ~Q(kind=Municipality.Kind.GEMEINDEFREI_UNBEWOHNT)
) | Q(
    level=Municipality.Level.KREIS,
    kind__in=[
        Municipality.Kind.KREIS,
        Municipality.Kind.LANDKREIS,
        Municipality.Kind.REGIONALVERBAND,
    ],
)


def municipality_search(*, query: str, limit: int = 20) -> list[Municipality]:
    """Kommunen that may apply and match ``query``, best matches first (see
    ``municipality_matches``). One query, whatever the number of results."""
    return list(municipality_matches(query=query)[:limit])


def municipality_matches(*, query: str) -> QuerySet[Municipality]:
    """Kommunen that may apply and match ``query``, best matches first; none for a
    query shorter than ``MIN_QUERY_LENGTH``.

    Letters match the name anywhere (umlauts and case folded: "muenchen" finds
    München); digits match the start of the official key (AGS) or of the postal code.
    Exact matches come first, then matches at the start, then the rest; within each,
    larger Kommunen first.
    """
    folded = search_fold(query)
    if len(folded) < MIN_QUERY_LENGTH:
        return Municipality.objects.none()
    if folded.isdigit():
        matches = Q(key__startswith=folded) | Q(postal_code__startswith=folded)
        rank = Case(
            When(Q(key=folded) | Q(postal_code=folded), then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
    else:
        matches = Q(search_name__contains=folded)
        rank = Case(
            # "Münster" is stored as "Münster, Stadt": the part before the comma counts.
            When(Q(search_name=folded) | Q(search_name__startswith=f"{folded},"), then=Value(0)),
            When(search_name__startswith=folded, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
    return (
        Municipality.objects.filter(MAY_APPLY, matches)
        .select_related("land", "kreis")
        .annotate(rank=rank)
        .order_by("rank", F("population").desc(nulls_last=True), German("name"), "key")
    )


def municipality_get(*, pk: int) -> Municipality:
    try:
        return Municipality.objects.select_related("land", "kreis").get(pk=pk)
    except (Municipality.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def register_browse(
    *, query: str = "", level: str = "", land_code: str = "", page: int | str = 1
) -> Page:
    """One page of the whole register for the programme office, filtered and searched.

    Searches the folded name, or for digits the start of the key or postal code.
    """
    municipalities: QuerySet[Municipality] = Municipality.objects.select_related(
        "land", "kreis"
    ).order_by("key")
    folded = search_fold(query)
    if folded.isdigit():
        municipalities = municipalities.filter(
            Q(key__startswith=folded) | Q(postal_code__startswith=folded)
        )
    elif folded:
        municipalities = municipalities.filter(search_name__contains=folded)
    if level in Municipality.Level.values:
        municipalities = municipalities.filter(level=level)
    if land_code:
        municipalities = municipalities.filter(land__code=land_code)
    return Paginator(municipalities, REGISTER_PAGE_SIZE).get_page(page)


def land_list() -> list[Land]:
    return list(Land.objects.order_by("code"))


def register_import_list(*, limit: int = 20) -> list[RegisterImport]:
    return list(RegisterImport.objects.select_related("created_by").order_by("-created_at")[:limit])


def register_import_get(*, pk: int) -> RegisterImport:
    """One import for the programme office, who may see every import; unknown: 404."""
    try:
        return RegisterImport.objects.select_related("created_by").get(pk=pk)
    except (RegisterImport.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


# References to a municipality that are not records it holds: the register's own
# structure, the accounts and invitations linked to it (judged separately by the account
# rules) and people outside the administration naming it when they register for an event.
NOT_RECORDS = {
    "municipalities.Municipality",
    "accounts.User",
    "accounts.Invitation",
    "accounts.MunicipalityClaim",
    "events.Registration",
}


def municipality_has_records(*, municipality_id: int) -> bool:
    """True if anything on the platform already belongs to the municipality: an
    application in any state, a programme document, a board, a training session, a
    grant and so on.

    Found by walking every model that points to a municipality, so that a record type
    added later counts without this base app knowing the apps above it.
    """
    for model in apps.get_models():
        if model._meta.label in NOT_RECORDS:
            continue
        for field in model._meta.concrete_fields:
            if (
                field.is_relation
                and field.related_model is Municipality
                and model._default_manager.filter(**{field.name: municipality_id}).exists()
            ):
                return True
    return False
