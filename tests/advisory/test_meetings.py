"""Meetings: planning, cancelling, minutes and decisions."""

import datetime as dt
from io import BytesIO
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfWriter

from advisory import services
from advisory.models import Meeting
from advisory.selectors import board_years
from core.models import AuditEntry
from programme.models import ProgrammeYear
from tests.advisory.conftest import meeting_at
from tests.helpers import finish, login_verified, minimal_pdf

pytestmark = pytest.mark.django_db


def write(meeting, actor, minutes="Protokolltext", decisions="", **kwargs):
    return services.minutes_save(
        meeting=meeting, actor=actor, minutes=minutes, decisions=decisions, **kwargs
    )


def test_meeting_plan_twice_at_the_same_start_plans_one(cohort, board):
    starts_at = timezone.now() + dt.timedelta(days=10)
    for _attempt in range(2):
        services.meeting_plan(
            board=board, actor=cohort.coordinator, starts_at=starts_at, location="Rathaus"
        )
    assert Meeting.objects.filter(board=board).count() == 1


def test_meeting_plan_outside_the_programme_is_refused_at_the_field(cohort, board):
    after_the_end = dt.datetime.combine(
        cohort.call.programme_end + dt.timedelta(days=1), dt.time(18), tzinfo=dt.UTC
    )
    with pytest.raises(ValidationError) as error:
        services.meeting_plan(
            board=board, actor=cohort.coordinator, starts_at=after_the_end, location="Rathaus"
        )
    assert list(error.value.error_dict) == ["starts_at"]


def test_meeting_plan_by_a_board_member_is_refused(cohort, board):
    with pytest.raises(PermissionDenied):
        services.meeting_plan(
            board=board, actor=cohort.advisory, starts_at=timezone.now(), location="Rathaus"
        )


def test_meeting_form_is_entered_in_berlin_time(client, cohort, board):
    login_verified(client, cohort.coordinator)
    day = timezone.localdate() + dt.timedelta(days=7)
    response = client.post(
        reverse("advisory:meeting_plan"),
        {"starts_at": f"{day.isoformat()}T18:30", "location": "Rathaus, Saal 2"},
    )
    meeting = Meeting.objects.get()
    assert response["Location"] == reverse("advisory:meeting", args=[meeting.pk])
    local = timezone.localtime(meeting.starts_at)
    assert (local.date(), local.hour, local.minute) == (day, 18, 30)


def test_meeting_cancel_cancels_a_planned_meeting_once(cohort, future_meeting):
    services.meeting_cancel(meeting=future_meeting, actor=cohort.coordinator)
    services.meeting_cancel(meeting=future_meeting, actor=cohort.coordinator)
    future_meeting.refresh_from_db()
    assert future_meeting.status == "cancelled"
    assert AuditEntry.objects.filter(action="advisory.meeting_cancelled").count() == 1


def test_meeting_cancel_of_a_held_meeting_keeps_the_minutes_but_stops_it_counting(
    cohort, past_meeting
):
    write(past_meeting, cohort.advisory, minutes="Protokolltext")
    services.meeting_cancel(meeting=past_meeting, actor=cohort.coordinator)
    past_meeting.refresh_from_db()
    assert (past_meeting.status, past_meeting.minutes) == ("cancelled", "Protokolltext")
    years = board_years(board=past_meeting.board, years=cohort.years)
    assert [row.minuted for row in years] == [0, 0, 0]
    entry = AuditEntry.objects.get(action="advisory.meeting_cancelled")
    assert (entry.actor, entry.changes) == (cohort.coordinator, {"status": ["held", "cancelled"]})


def test_meeting_cancel_of_a_held_meeting_by_a_board_member_is_refused(cohort, past_meeting):
    write(past_meeting, cohort.advisory)
    with pytest.raises(PermissionDenied):
        services.meeting_cancel(meeting=past_meeting, actor=cohort.advisory)
    past_meeting.refresh_from_db()
    assert past_meeting.status == "held"


def test_meeting_cancel_page_of_a_held_meeting_warns_it_stops_counting(
    client, cohort, past_meeting
):
    write(past_meeting, cohort.advisory)
    login_verified(client, cohort.coordinator)
    meeting_page = client.get(reverse("advisory:meeting", args=[past_meeting.pk])).content
    url = reverse("advisory:meeting_cancel", args=[past_meeting.pk])
    assert url in meeting_page.decode()
    page = client.get(url).content.decode()
    assert "Nach der Absage zählt sie nicht mehr für die Zusage des Fachbeirats." in page
    response = client.post(url)
    assert response["Location"] == reverse("advisory:meeting", args=[past_meeting.pk])
    past_meeting.refresh_from_db()
    assert past_meeting.status == "cancelled"


def test_meeting_cancel_page_of_a_held_meeting_answers_403_to_a_board_member(
    client, cohort, past_meeting
):
    write(past_meeting, cohort.advisory)
    login_verified(client, cohort.advisory)
    url = reverse("advisory:meeting_cancel", args=[past_meeting.pk])
    assert (client.get(url).status_code, client.post(url).status_code) == (403, 403)


def test_meeting_plan_after_the_last_programme_year_is_refused_within_the_call(cohort, board):
    last_day = cohort.years[-1].ends_on
    cohort.call.programme_end = last_day + dt.timedelta(days=60)
    cohort.call.save(update_fields=["programme_end"])
    after_the_years = dt.datetime.combine(
        last_day + dt.timedelta(days=1), dt.time(18), tzinfo=ZoneInfo("Europe/Berlin")
    )
    with pytest.raises(ValidationError) as error:
        services.meeting_plan(
            board=board, actor=cohort.coordinator, starts_at=after_the_years, location="Rathaus"
        )
    assert list(error.value.error_dict) == ["starts_at"]


def test_meeting_plan_in_the_first_programme_year_before_the_call_start_is_accepted(cohort, board):
    first_day = cohort.years[0].starts_on
    cohort.call.programme_start = first_day + dt.timedelta(days=30)
    cohort.call.save(update_fields=["programme_start"])
    starts_at = dt.datetime.combine(
        first_day + dt.timedelta(days=2), dt.time(18), tzinfo=ZoneInfo("Europe/Berlin")
    )
    meeting = services.meeting_plan(
        board=board, actor=cohort.coordinator, starts_at=starts_at, location="Rathaus"
    )
    assert meeting.starts_at == starts_at


def test_meeting_plan_without_programme_years_keeps_to_the_call_dates(cohort, board):
    ProgrammeYear.objects.filter(call=cohort.call).delete()
    after_the_end = dt.datetime.combine(
        cohort.call.programme_end + dt.timedelta(days=1), dt.time(18), tzinfo=dt.UTC
    )
    with pytest.raises(ValidationError) as error:
        services.meeting_plan(
            board=board, actor=cohort.coordinator, starts_at=after_the_end, location="Rathaus"
        )
    assert list(error.value.error_dict) == ["starts_at"]


def test_minutes_for_a_meeting_that_has_not_begun_are_refused(cohort, future_meeting):
    with pytest.raises(ValidationError) as error:
        write(future_meeting, cohort.advisory)
    assert error.value.messages == [
        "Ein Protokoll kann erst nach Beginn der Sitzung geschrieben werden."
    ]
    future_meeting.refresh_from_db()
    assert (future_meeting.status, future_meeting.minutes) == ("planned", "")


def test_minutes_for_a_cancelled_meeting_are_refused(cohort, board):
    meeting = meeting_at(board, timezone.now() - dt.timedelta(days=1), status="cancelled")
    with pytest.raises(ValidationError, match="Für eine abgesagte Sitzung gibt es kein Protokoll"):
        write(meeting, cohort.advisory)


def test_minutes_mark_the_meeting_held_and_say_who_wrote_them(cohort, past_meeting):
    meeting = write(past_meeting, cohort.advisory, minutes="  Bericht  ", decisions="Beschluss 1")
    meeting.refresh_from_db()
    assert (meeting.status, meeting.minutes, meeting.decisions) == (
        "held",
        "Bericht",
        "Beschluss 1",
    )
    assert meeting.minutes_by == cohort.advisory
    assert meeting.has_minutes is True


def test_minutes_without_text_or_file_are_refused_at_the_field(cohort, past_meeting):
    with pytest.raises(ValidationError) as error:
        write(past_meeting, cohort.advisory, minutes="   ", decisions="Beschluss")
    assert list(error.value.error_dict) == ["minutes"]
    past_meeting.refresh_from_db()
    assert past_meeting.status == "planned"


def test_minutes_as_pdf_only_count_as_minutes(cohort, past_meeting):
    upload = SimpleUploadedFile("protokoll.pdf", minimal_pdf(), "application/pdf")
    meeting = write(past_meeting, cohort.coordinator, minutes="", upload=upload)
    assert (meeting.has_minutes, meeting.minutes_file_name) == (True, "protokoll.pdf")


def test_minutes_file_that_is_no_pdf_is_refused_at_the_field(cohort, past_meeting):
    upload = SimpleUploadedFile("protokoll.pdf", b"<html>kein pdf</html>", "application/pdf")
    with pytest.raises(ValidationError) as error:
        write(past_meeting, cohort.coordinator, upload=upload)
    assert list(error.value.error_dict) == ["minutes_file"]


def test_minutes_edited_later_are_audited_by_length_not_content(cohort, past_meeting):
    write(past_meeting, cohort.advisory, minutes="Erste Fassung")
    write(past_meeting, cohort.coordinator, minutes="Zweite, längere Fassung")
    entry = AuditEntry.objects.get(action="advisory.minutes_edited")
    assert entry.actor == cohort.coordinator
    assert entry.changes == {"minutes": [13, 23]}


def test_minutes_saved_in_between_by_someone_else_are_not_overwritten(cohort, past_meeting):
    opened = services.minutes_version(past_meeting)
    write(past_meeting, cohort.coordinator, minutes="Fassung der Koordination", version=opened)
    with pytest.raises(ValidationError) as error:
        write(past_meeting, cohort.advisory, minutes="Fassung des Beirats", version=opened)
    assert error.value.code == "conflict"
    past_meeting.refresh_from_db()
    assert past_meeting.minutes == "Fassung der Koordination"


def test_minutes_form_sent_twice_saves_once(cohort, past_meeting):
    opened = services.minutes_version(past_meeting)
    write(past_meeting, cohort.advisory, minutes="Text", version=opened)
    write(past_meeting, cohort.advisory, minutes="Text", version=opened)
    assert AuditEntry.objects.filter(action__startswith="advisory.minutes_").count() == 1


def test_advisory_member_writes_minutes_of_own_board(client, cohort, past_meeting):
    login_verified(client, cohort.advisory)
    url = reverse("advisory:minutes_edit", args=[past_meeting.pk])
    response = client.post(
        url, {"minutes": "Bericht der Koordination", "decisions": "Beschluss A", "version": ""}
    )
    assert response["Location"] == reverse("advisory:meeting", args=[past_meeting.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Bericht der Koordination" in page
    assert "Beschluss A" in page


def test_minutes_pdf_is_downloaded_by_the_board(client, cohort, past_meeting):
    upload = SimpleUploadedFile("sitzung.pdf", minimal_pdf(), "application/pdf")
    write(past_meeting, cohort.coordinator, upload=upload)
    login_verified(client, cohort.advisory)
    response = client.get(reverse("advisory:minutes_file", args=[past_meeting.pk]))
    assert finish(response) == minimal_pdf()
    assert response["Content-Disposition"] == 'attachment; filename="sitzung.pdf"'


def test_team_member_cannot_write_minutes(client, cohort, past_meeting):
    login_verified(client, cohort.team_member)
    response = client.post(
        reverse("advisory:minutes_edit", args=[past_meeting.pk]), {"minutes": "X", "version": ""}
    )
    assert response.status_code == 403
    past_meeting.refresh_from_db()
    assert past_meeting.minutes == ""


def test_team_member_reads_the_meeting_but_not_its_minutes(client, cohort, past_meeting):
    write(past_meeting, cohort.advisory, minutes="Vertraulicher Bericht")
    login_verified(client, cohort.team_member)
    response = client.get(reverse("advisory:meeting", args=[past_meeting.pk]))
    assert response.status_code == 200
    assert "Vertraulicher Bericht" not in response.content.decode()


def test_meeting_of_another_municipality_answers_404(client, cohort, past_meeting, other_board):
    login_verified(client, cohort.other_advisory)
    for name in ("advisory:meeting", "advisory:minutes_edit", "advisory:minutes_file"):
        response = client.get(reverse(name, args=[past_meeting.pk]))
        assert (name, response.status_code) == (name, 404)


def test_meeting_with_an_oversized_id_answers_404(client, cohort, board):
    login_verified(client, cohort.advisory)
    response = client.get(f"/fachbeirat/sitzungen/{2**70}/")
    assert response.status_code == 404


def test_minutes_form_of_a_future_meeting_sends_back_to_the_meeting(client, cohort, future_meeting):
    login_verified(client, cohort.advisory)
    response = client.get(reverse("advisory:minutes_edit", args=[future_meeting.pk]))
    assert response["Location"] == reverse("advisory:meeting", args=[future_meeting.pk])


def test_minutes_pdf_replaced_by_one_of_the_same_name_is_stored(cohort, past_meeting):
    writer = PdfWriter()
    for _page in range(2):
        writer.add_blank_page(width=595, height=842)
    buffer = BytesIO()
    writer.write(buffer)
    first = SimpleUploadedFile("protokoll.pdf", minimal_pdf(), "application/pdf")
    second = SimpleUploadedFile("protokoll.pdf", buffer.getvalue(), "application/pdf")
    write(past_meeting, cohort.coordinator, upload=first)
    meeting = write(past_meeting, cohort.coordinator, upload=second)
    with meeting.minutes_file.open("rb") as handle:
        assert handle.read() == buffer.getvalue()
