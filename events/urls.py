from django.urls import path

from events.views import circulars, office, office_actions, public

app_name = "events"

urlpatterns = [
    path("", public.calendar, name="calendar"),
    path("<int:event_pk>/", public.detail, name="detail"),
    path("<int:event_pk>/angemeldet/", public.registered, name="registered"),
    path("<int:event_pk>/kalender.ics", public.event_ics, name="event_ics"),
    path("anmeldung/<str:registration_token>/", public.registration, name="registration"),
    path(
        "anmeldung/<str:registration_token>/absagen/",
        public.registration_cancel,
        name="registration_cancel",
    ),
    path(
        "anmeldung/<str:registration_token>/bestaetigen/",
        public.registration_confirm,
        name="registration_confirm",
    ),
    path(
        "anmeldung/<str:registration_token>/annehmen/",
        public.offer_accept,
        name="offer_accept",
    ),
    path(
        "einladung/<str:events_invitation_token>/",
        public.invitation,
        name="invitation",
    ),
    path("mein-kalender/", public.feed, name="feed"),
    path("kalender/<str:feed_token>.ics", public.feed_ics, name="feed_ics"),
    path("geschaeftsstelle/", office.index, name="office_index"),
    path("geschaeftsstelle/neu/", office.event_create, name="office_create"),
    path("geschaeftsstelle/<int:event_pk>/", office.event, name="office_event"),
    path("geschaeftsstelle/<int:event_pk>/bearbeiten/", office.event_edit, name="office_edit"),
    path(
        "geschaeftsstelle/<int:event_pk>/anmeldungen/<int:event_registration_pk>/entscheiden/",
        office.decide,
        name="office_decide",
    ),
    path(
        "geschaeftsstelle/<int:event_pk>/veroeffentlichen/",
        office_actions.publish,
        name="office_publish",
    ),
    path(
        "geschaeftsstelle/<int:event_pk>/absagen/",
        office_actions.event_cancel,
        name="office_event_cancel",
    ),
    path(
        "geschaeftsstelle/<int:event_pk>/anmeldungen/neu/",
        office_actions.registration_add,
        name="office_registration_add",
    ),
    path(
        "geschaeftsstelle/<int:event_pk>/anmeldungen/<int:event_registration_pk>/absagen/",
        office_actions.registration_cancel,
        name="office_registration_cancel",
    ),
    path(
        "geschaeftsstelle/<int:event_pk>/anmeldungen/<int:event_registration_pk>/nachruecken/",
        office_actions.registration_promote,
        name="office_registration_promote",
    ),
    path(
        "geschaeftsstelle/<int:event_pk>/auffaellige-anmeldungen/",
        office.suspicious,
        name="office_suspicious",
    ),
    path(
        "geschaeftsstelle/<int:event_pk>/einladungen/",
        office.invite,
        name="office_invite",
    ),
    path(
        "geschaeftsstelle/<int:event_pk>/einladungen/<int:events_invitation_pk>/senden/",
        office.invitation_send,
        name="office_invitation_send",
    ),
    path(
        "geschaeftsstelle/<int:event_pk>/einladungen/<int:events_invitation_pk>/zurueckziehen/",
        office.invitation_withdraw,
        name="office_invitation_withdraw",
    ),
    path(
        "geschaeftsstelle/<int:event_pk>/rundschreiben/",
        circulars.circular,
        name="office_circular",
    ),
    path(
        "geschaeftsstelle/<int:event_pk>/teilnahmeliste.pdf",
        office.attendee_pdf,
        name="office_attendee_pdf",
    ),
    path(
        "geschaeftsstelle/<int:event_pk>/tage/<int:event_day_pk>/",
        office.attendance,
        name="office_attendance",
    ),
    path(
        "geschaeftsstelle/<int:event_pk>/tage/<int:event_day_pk>/einchecken/"
        "<int:event_registration_pk>/",
        office.check_in,
        name="office_check_in",
    ),
    path(
        "geschaeftsstelle/<int:event_pk>/tage/<int:event_day_pk>/einchecken/"
        "<int:event_registration_pk>/zuruecknehmen/",
        office.check_in_undo,
        name="office_check_in_undo",
    ),
    path(
        "geschaeftsstelle/<int:event_pk>/anmeldungen.csv",
        office.export,
        {"fmt": "csv"},
        name="office_export_csv",
    ),
    path(
        "geschaeftsstelle/<int:event_pk>/anmeldungen.xlsx",
        office.export,
        {"fmt": "xlsx"},
        name="office_export_xlsx",
    ),
]
