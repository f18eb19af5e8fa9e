from django.urls import path

from advisory.views import assessments, board, meetings, office

app_name = "advisory"

urlpatterns = [
    # The model municipality's own board (coordination, board members, staff, HR).
    path("", board.board, name="board"),
    path("einrichten/", board.board_edit, name="board_edit"),
    path("mitglieder/neu/", board.member_add, name="member_add"),
    path("mitglieder/<int:member_pk>/", board.member_edit, name="member_edit"),
    path("mitglieder/<int:member_pk>/entfernen/", board.member_remove, name="member_remove"),
    path("mitglieder/<int:member_pk>/einladen/", board.member_invite, name="member_invite"),
    path("sitzungen/", meetings.meetings, name="meetings"),
    path("sitzungen/neu/", meetings.meeting_plan, name="meeting_plan"),
    path("sitzungen/<int:meeting_pk>/", meetings.meeting, name="meeting"),
    path("sitzungen/<int:meeting_pk>/absagen/", meetings.meeting_cancel, name="meeting_cancel"),
    path("sitzungen/<int:meeting_pk>/protokoll/", meetings.minutes_edit, name="minutes_edit"),
    path("sitzungen/<int:meeting_pk>/protokoll.pdf", meetings.minutes_file, name="minutes_file"),
    path("einschaetzungen/<int:year_number>/", assessments.assessment, name="assessment"),
    # The office reads every board of a cohort.
    path("geschaeftsstelle/", office.office_boards, name="office_boards"),
    path("geschaeftsstelle/<int:board_pk>/", office.office_board, name="office_board"),
    path(
        "geschaeftsstelle/sitzungen/<int:meeting_pk>/",
        office.office_meeting,
        name="office_meeting",
    ),
    path(
        "geschaeftsstelle/sitzungen/<int:meeting_pk>/protokoll.pdf",
        office.office_minutes_file,
        name="office_minutes_file",
    ),
    path(
        "geschaeftsstelle/einschaetzungen/<int:assessment_pk>/",
        office.office_assessment,
        name="office_assessment",
    ),
]
