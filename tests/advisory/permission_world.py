"""Advisory board objects of municipality A for the role × URL test: the board with a
member (linked to the world's board member account), a past meeting with minutes (text
and PDF) and a submitted assessment of year 1."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.utils import timezone

from advisory.models import Assessment, Board, BoardMember, Meeting
from core.choices import ActivityStatus
from tests.helpers import minimal_pdf


def extend(world: dict) -> None:
    call = world["call"]
    users = world["users"]
    municipality = users["coordinator"].municipality
    first_year = call.programme_years.order_by("number").first()
    board = Board.objects.create(
        call=call,
        municipality=municipality,
        name="Fachbeirat Vielfalt",
        basis="round_table",
        existing_body="Runder Tisch gegen Rassismus",
    )
    # The world's board member account holds this seat: a board account without a seat
    # on the board reaches neither minutes nor assessments.
    member = BoardMember.objects.create(
        board=board,
        full_name="Aylin Demir",
        organisation="Integrationsrat",
        function="Vorsitz",
        user=users["advisory"],
    )
    # A fixed date inside the first programme year that is already past.
    starts_at = dt.datetime.combine(
        first_year.starts_on + dt.timedelta(days=10),
        dt.time(17, 0),
        tzinfo=ZoneInfo("Europe/Berlin"),
    )
    meeting = Meeting(
        board=board,
        starts_at=min(starts_at, timezone.now() - dt.timedelta(days=1)),
        location="Rathaus",
        status=ActivityStatus.HELD,
        minutes="Begrüßung, Bericht der Koordination, Aussprache.",
        decisions="Der Fachbeirat tagt zweimal im Jahr.",
        minutes_file_name="protokoll.pdf",
        minutes_by=users["coordinator"],
        minutes_at=timezone.now(),
    )
    meeting.minutes_file.save("protokoll.pdf", ContentFile(minimal_pdf()), save=False)
    meeting.save()
    assessment = Assessment.objects.create(
        board=board,
        year=first_year,
        text="Der Prozess ist gut angelaufen.",
        submitted_at=timezone.now(),
        author=users["advisory"],
    )
    world["kwargs"].update(
        {
            "board_pk": board.pk,
            "member_pk": member.pk,
            "meeting_pk": meeting.pk,
            "assessment_pk": assessment.pk,
            "year_number": first_year.number,
        }
    )
