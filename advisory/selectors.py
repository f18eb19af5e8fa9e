"""Reading the local advisory boards.

Municipal readers only ever reach the board of their own municipality in the cohort
(``board_for_user``); everything below a board is looked up through that board, so a
guessed id of another municipality's member, meeting or assessment answers 404. The
office reads the boards of every cohort.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from advisory.models import Assessment, Board, BoardMember, Meeting
from calls.models import Call
from core.choices import ActivityStatus
from core.periods import year_bounds
from municipalities.models import Municipality
from programme.cohort import cohort_municipalities, programme_call_for_user, programme_calls
from programme.models import Commitment, CommitmentKind, ProgrammeYear
from programme.tallies import YearTally, activity_tallies, scoped

# Database ids are positive 64-bit integers; a larger number in a guessed URL would
# overflow the database driver instead of simply matching nothing.
ID_MAX = 2**63 - 1

# A meeting counts towards the commitment once held and minuted (text or PDF). The
# minutes service stores the text stripped, so an empty string means "no text".
MINUTED = Q(status=ActivityStatus.HELD) & (~Q(minutes="") | ~Q(minutes_file=""))


def _id(value: int) -> int:
    if not 1 <= value <= ID_MAX:
        raise Http404
    return value


def _minuted_via_board() -> Q:
    return Q(meetings__status=ActivityStatus.HELD) & (
        ~Q(meetings__minutes="") | ~Q(meetings__minutes_file="")
    )


def programme_years(*, call: Call) -> list[ProgrammeYear]:
    return list(ProgrammeYear.objects.filter(call=call).order_by("number"))


def programme_span(*, call: Call) -> tuple[dt.date, dt.date]:
    """The first and last day of the programme as its status counts them: from the
    first programme year's start to the last one's end; the call's programme dates
    only while the office has set no years."""
    years = programme_years(call=call)
    if years:
        return years[0].starts_on, years[-1].ends_on
    return call.programme_start, call.programme_end


def year_get(*, call: Call, number: int) -> ProgrammeYear:
    if not 1 <= number <= 10:
        raise Http404
    return get_object_or_404(ProgrammeYear, call=call, number=number)


# --- the municipality's own board ------------------------------------------------------


def board_for_user(*, user) -> tuple[Call, Board | None]:
    """The person's programme call and their municipality's board in it (None if the
    coordination has not set it up yet). 404 unless the municipality is a model
    municipality."""
    call = programme_call_for_user(user)
    board = (
        Board.objects.filter(call=call, municipality_id=user.approved_municipality_id)
        .select_related("municipality")
        .first()
    )
    return call, board


def board_required_for_user(*, user) -> tuple[Call, Board]:
    call, board = board_for_user(user=user)
    if board is None:
        raise Http404
    return call, board


def member_list(*, board: Board) -> QuerySet[BoardMember]:
    return board.members.select_related("user", "invitation").order_by("full_name", "pk")


def member_get(*, board: Board, member_pk: int) -> BoardMember:
    return get_object_or_404(board.members.select_related("user", "invitation"), pk=_id(member_pk))


def meeting_list(*, board: Board) -> QuerySet[Meeting]:
    return board.meetings.select_related("minutes_by").order_by("starts_at", "pk")


def meeting_get(*, board: Board, meeting_pk: int) -> Meeting:
    return get_object_or_404(board.meetings.select_related("minutes_by"), pk=_id(meeting_pk))


def assessment_for_year(*, board: Board, year: ProgrammeYear) -> Assessment | None:
    return Assessment.objects.filter(board=board, year=year).select_related("author").first()


def board_constituted(*, call: Call, municipality_id: int) -> bool:
    """Whether the municipality's board in ``call`` exists and has been constituted."""
    return Board.objects.filter(
        call=call, municipality_id=municipality_id, constituted_on__isnull=False
    ).exists()


# --- rows per programme year -----------------------------------------------------------


@dataclass
class YearRow:
    year: ProgrammeYear
    minuted: int = 0
    assessment: Assessment | None = None


@dataclass
class BoardRow:
    municipality: Municipality
    board: Board | None = None
    years: list[YearRow] = field(default_factory=list)


def _minuted_counts(boards: QuerySet[Board], years: list[ProgrammeYear]) -> QuerySet[Board]:
    """Annotate each board with ``minuted_<n>``: its minuted meetings in year n (a meeting
    belongs to the year in which its local start falls)."""
    annotations = {}
    for year in years:
        start, end = year_bounds(year)
        annotations[f"minuted_{year.number}"] = Count(
            "meetings",
            filter=_minuted_via_board()
            & Q(meetings__starts_at__gte=start, meetings__starts_at__lt=end),
            distinct=True,
        )
    return boards.annotate(**annotations)


def _year_rows(board: Board, years: list[ProgrammeYear], assessments: dict) -> list[YearRow]:
    return [
        YearRow(
            year=year,
            minuted=getattr(board, f"minuted_{year.number}", 0),
            assessment=assessments.get((board.pk, year.pk)),
        )
        for year in years
    ]


def board_years(*, board: Board, years: list[ProgrammeYear]) -> list[YearRow]:
    """Minuted meetings and the assessment of ``board`` per programme year (two queries)."""
    counted = _minuted_counts(Board.objects.filter(pk=board.pk), years).get()
    assessments = {
        (a.board_id, a.year_id): a
        for a in Assessment.objects.filter(board=board).select_related("author")
    }
    return _year_rows(counted, years, assessments)


# --- the office ------------------------------------------------------------------------


def office_calls() -> QuerySet[Call]:
    return programme_calls()


def office_call_choose(*, call_pk: str | None) -> Call | None:
    """The cohort the office asked for, else the newest one; None if there is none."""
    calls = office_calls()
    if call_pk and call_pk.isdigit() and len(call_pk) < 12:
        chosen = calls.filter(pk=int(call_pk)).first()
        if chosen is not None:
            return chosen
    return calls.first()


def meeting_target(*, call: Call) -> int | None:
    """How many minuted meetings a year the cohort's commitment asks for."""
    return (
        Commitment.objects.filter(call=call, kind=CommitmentKind.BOARD_MEETINGS)
        .values_list("target", flat=True)
        .first()
    )


def office_board_rows(*, call: Call, years: list[ProgrammeYear]) -> list[BoardRow]:
    """One row per model municipality of the cohort: its board (if set up), the minuted
    meetings and the assessment per year. Three queries, however many municipalities."""
    municipalities = list(cohort_municipalities(call=call))
    boards = _minuted_counts(
        Board.objects.filter(call=call, municipality__in=[m.pk for m in municipalities]), years
    )
    boards_by_municipality = {b.municipality_id: b for b in boards}
    assessments = {
        (a.board_id, a.year_id): a
        for a in Assessment.objects.filter(board__call=call).only(
            "pk", "board_id", "year_id", "submitted_at", "updated_at"
        )
    }
    rows = []
    for municipality in municipalities:
        board = boards_by_municipality.get(municipality.pk)
        rows.append(
            BoardRow(
                municipality=municipality,
                board=board,
                years=_year_rows(board, years, assessments) if board else [],
            )
        )
    return rows


def board_get_office(*, board_pk: int) -> Board:
    return get_object_or_404(
        Board.objects.filter(call__in=office_calls()).select_related("municipality", "call"),
        pk=_id(board_pk),
    )


def meeting_get_office(*, meeting_pk: int) -> Meeting:
    return get_object_or_404(
        Meeting.objects.filter(board__call__in=office_calls()).select_related(
            "board__municipality", "board__call", "minutes_by"
        ),
        pk=_id(meeting_pk),
    )


def assessment_get_office(*, assessment_pk: int) -> Assessment:
    """A submitted assessment; a draft is still the board's own."""
    return get_object_or_404(
        Assessment.objects.filter(
            board__call__in=office_calls(), submitted_at__isnull=False
        ).select_related("board__municipality", "board__call", "year", "author"),
        pk=_id(assessment_pk),
    )


# --- read by the progress of the cohort (``progress``) ---------------------------------


def meeting_tallies(
    *, call: Call, years: list[ProgrammeYear], now: dt.datetime, municipality_ids: list[int] | None
) -> list[YearTally]:
    """Board meetings per municipality and programme year, once the board is constituted
    (the commitment is "constituted and meeting"). A meeting is done once it is held *and*
    minuted; a held meeting still waiting for its minutes is neither done nor scheduled,
    so the board sees it as missing."""
    meetings = scoped(
        Meeting.objects.filter(board__call=call, board__constituted_on__isnull=False),
        municipality_ids,
        "board__municipality_id",
    )
    minuted = ~Q(minutes="") | ~Q(minutes_file="")
    return activity_tallies(
        meetings, years=years, now=now, municipality_field="board__municipality_id", done=minuted
    )


def assessment_tallies(*, call: Call, municipality_ids: list[int] | None) -> list[YearTally]:
    """Each board's assessment per year: submitted ones done, drafts scheduled."""
    rows = (
        scoped(
            Assessment.objects.filter(board__call=call), municipality_ids, "board__municipality_id"
        )
        .values("board__municipality_id", "year__number")
        .annotate(
            done=Count("pk", filter=Q(submitted_at__isnull=False)),
            scheduled=Count("pk", filter=Q(submitted_at__isnull=True)),
        )
        .order_by()
    )
    return [
        YearTally(
            municipality_id=row["board__municipality_id"],
            year=row["year__number"],
            done=row["done"],
            scheduled=row["scheduled"],
        )
        for row in rows
    ]


def meetings_in_period(
    *, call: Call, municipality_id: int, start: dt.datetime, end: dt.datetime
) -> QuerySet[Meeting]:
    """The municipality's board meetings beginning in [start, end), in order."""
    return Meeting.objects.filter(
        board__call=call,
        board__municipality_id=municipality_id,
        starts_at__gte=start,
        starts_at__lt=end,
    ).order_by("starts_at", "pk")


def meetings_planned(
    *, call: Call, municipality_id: int, now: dt.datetime, limit: int
) -> list[Meeting]:
    """The municipality's next ``limit`` planned board meetings, soonest first."""
    return list(
        Meeting.objects.filter(
            board__call=call,
            board__municipality_id=municipality_id,
            status=ActivityStatus.PLANNED,
            starts_at__gte=now,
        ).order_by("starts_at")[:limit]
    )


def assessments_of_year(
    *, call: Call, municipality_id: int, year: ProgrammeYear
) -> QuerySet[Assessment]:
    return Assessment.objects.filter(
        board__call=call, board__municipality_id=municipality_id, year=year
    )
