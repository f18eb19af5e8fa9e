"""The audit trail: written only here (``audit_record``, ``audit_fold``), so every change is
recorded the same way, and read with the labels of its actions."""

from collections.abc import Iterable

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import AuditEntry


def audit_record(
    *, actor, action: str, obj: models.Model, changes: dict | None = None
) -> AuditEntry:
    """Record that ``actor`` did ``action`` to ``obj``.

    ``changes`` maps field names to ``[old, new]``; callers leave out anything that must
    not be kept in a log (passwords, file contents, special-category data).
    """
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_label=str(obj)[:255],
        changes=changes or {},
    )


# How many of a person's latest entries on one object ``audit_fold`` looks through.
FOLD_CANDIDATES = 20


def audit_fold(
    *, actor, action: str, obj: models.Model, changes: dict, group: Iterable[str], within
) -> AuditEntry:
    """Record like ``audit_record``, but fold a run of small changes into one entry.

    The newest entry of the same person, action and object from the last ``within``
    (a timedelta) whose changed fields lie in ``group`` (say, the questions of one
    section) takes these changes too: a field already in it keeps its first old value
    and gets the new one, so the entry says what the fields were before the run and
    what they are after it, and who made it. Changes by someone else, to another group
    or after the window start a new entry. The caller holds a lock on ``obj``, so that
    two changes at once do not fold into the same entry unseen.
    """
    if not getattr(actor, "pk", None):
        return audit_record(actor=actor, action=action, obj=obj, changes=changes)
    fields = set(group)
    recent = AuditEntry.objects.filter(
        actor=actor,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        created_at__gte=timezone.now() - within,
    ).order_by("-created_at", "-id")[:FOLD_CANDIDATES]
    open_entry = next((entry for entry in recent if set(entry.changes) & fields), None)
    if open_entry is None:
        return audit_record(actor=actor, action=action, obj=obj, changes=changes)
    for name, (old, new) in changes.items():
        first_old = open_entry.changes[name][0] if name in open_entry.changes else old
        open_entry.changes[name] = [first_old, new]
    open_entry.save(update_fields=["changes"])
    return open_entry


def field_changes(old: dict, new: dict, *, by_length: Iterable[str] = ()) -> dict:
    """The ``changes`` of ``audit_record``: each key of ``new`` whose value differs from
    ``old`` (missing there: None), as ``[old, new]``.

    Keys in ``by_length`` hold free text (minutes, assessments) that must not be copied
    into the log: they are recorded by their lengths, so the trail shows that the text
    changed, not what it says.
    """
    lengths = set(by_length)
    changes = {}
    for key, value in new.items():
        before = old.get(key)
        if before == value:
            continue
        if key in lengths:
            changes[key] = [None if before is None else len(before), len(value)]
        else:
            changes[key] = [before, value]
    return changes


def object_changes(obj: models.Model, values: dict, **kwargs) -> dict:
    """``field_changes`` from the current attributes of ``obj`` to ``values``."""
    return field_changes({name: getattr(obj, name) for name in values}, values, **kwargs)


# What each action code means, for the people who read the trail. Every code written
# anywhere has its label here (tests/core/test_audit_labels.py finds them in the source).
ACTION_LABELS = {
    "account.attached_by_invitation": _("Konto über Einladung mit Kommune verbunden"),
    "account.claim_approved": _("Zuordnung zur Kommune bestätigt"),
    "account.claim_refused": _("Zuordnung zur Kommune abgelehnt"),
    "account.claim_submitted": _("Zuordnung zur Kommune beantragt"),
    "account.created_by_invitation": _("Konto über Einladung angelegt"),
    "account.email_confirmed": _("E-Mail-Adresse bestätigt"),
    "account.join_approved": _("Beitritt zur Kommune bestätigt"),
    "account.join_refused": _("Beitritt zur Kommune abgelehnt"),
    "account.lead_changed": _("Federführung gewechselt"),
    "account.link_approved": _("Verbindung zur Kommune bestätigt"),
    "account.link_removed": _("Verbindung zur Kommune gelöst"),
    "account.link_suspended": _("Verbindung zur Kommune ausgesetzt"),
    "account.locked": _("Konto gesperrt"),
    "account.municipality_chosen": _("Kommune gewählt"),
    "account.municipality_corrected": _("Kommune berichtigt"),
    "account.password_changed": _("Passwort geändert"),
    "account.password_reset": _("Passwort zurückgesetzt"),
    "account.profile_updated": _("Profil geändert"),
    "account.recovery_codes_regenerated": _("Wiederherstellungscodes neu erzeugt"),
    "account.registered": _("Registriert"),
    "account.role_changed": _("Rolle geändert"),
    "account.second_factor_set_up": _("Zweiter Faktor eingerichtet"),
    "advisory.assessment_draft_saved": _("Einschätzung als Entwurf gespeichert"),
    "advisory.assessment_submitted": _("Einschätzung abgegeben"),
    "advisory.board_created": _("Fachbeirat eingerichtet"),
    "advisory.board_updated": _("Fachbeirat geändert"),
    "advisory.meeting_cancelled": _("Sitzung abgesagt"),
    "advisory.meeting_planned": _("Sitzung geplant"),
    "advisory.member_account_restored": _("Konto eines Beiratsmitglieds wiederhergestellt"),
    "advisory.member_account_withdrawn": _("Konto eines Beiratsmitglieds entzogen"),
    "advisory.member_added": _("Beiratsmitglied aufgenommen"),
    "advisory.member_invited": _("Beiratsmitglied eingeladen"),
    "advisory.member_linked": _("Beiratsmitglied mit Konto verbunden"),
    "advisory.member_removed": _("Beiratsmitglied entfernt"),
    "advisory.member_updated": _("Beiratsmitglied geändert"),
    "advisory.minutes_edited": _("Protokoll der Sitzung geändert"),
    "advisory.minutes_written": _("Protokoll der Sitzung geschrieben"),
    "application.answer_changed": _("Antworten geändert"),
    "application.deleted": _("Bewerbung gelöscht"),
    "application.started": _("Bewerbung begonnen"),
    "application.submitted": _("Bewerbung eingereicht"),
    "application.withdrawn": _("Bewerbung zurückgezogen"),
    "call.created": _("Ausschreibung angelegt"),
    "call.updated": _("Ausschreibung geändert"),
    "commitment_target_set": _("Zielwert einer Zusage festgelegt"),
    "core.circular_sent": _("Rundschreiben versandt"),
    "core.feed_token_created": _("Geheime Kalenderadresse angelegt"),
    "core.feed_token_renewed": _("Geheime Kalenderadresse erneuert"),
    "core.feed_token_revoked": _("Geheime Kalenderadresse gesperrt"),
    "evaluation.instrument_create": _("Erhebungsinstrument angelegt"),
    "evaluation.item_update": _("Frage der Erhebung geändert"),
    "evaluation.survey_close": _("Befragung geschlossen"),
    "evaluation.survey_invite": _("Zur Befragung eingeladen"),
    "evaluation.survey_open": _("Befragung geöffnet"),
    "evaluation.survey_reschedule": _("Ende der Befragung verschoben"),
    "evaluation.threshold_set": _("Mindestzahl der Antworten festgelegt"),
    "evaluation.version_publish": _("Fassung der Erhebung veröffentlicht"),
    "evaluation_date_planned": _("Evaluationstermin geplant"),
    "evaluation_date_status": _("Stand eines Evaluationstermins geändert"),
    "event_cancelled": _("Veranstaltung abgesagt"),
    "event_check_in": _("Teilnahme an Veranstaltung erfasst"),
    "event_check_in_undone": _("Teilnahme an Veranstaltung zurückgenommen"),
    "event_created": _("Veranstaltung angelegt"),
    "event_invitation_created": _("Einladung zur Veranstaltung angelegt"),
    "event_invitation_sent": _("Einladung zur Veranstaltung verschickt"),
    "event_invitation_withdrawn": _("Einladung zur Veranstaltung zurückgenommen"),
    "event_published": _("Veranstaltung veröffentlicht"),
    "event_registration_added": _(
        "Anmeldung zur Veranstaltung von der Geschäftsstelle eingetragen"
    ),
    "event_registration_approved": _("Anmeldung zur Veranstaltung bestätigt"),
    "event_registration_cancelled": _(
        "Anmeldung zur Veranstaltung von der Geschäftsstelle abgesagt"
    ),
    "event_registration_declined": _("Anmeldung zur Veranstaltung abgelehnt"),
    "event_registration_promoted": _("Von der Warteliste nachgerückt"),
    "event_registration_removed": _("Anmeldung zur Veranstaltung entfernt"),
    "event_updated": _("Veranstaltung geändert"),
    "funding.category_changed": _("Kostenart geändert"),
    "funding.category_created": _("Kostenart angelegt"),
    "funding.expense_approved": _("Ausgabe anerkannt"),
    "funding.expense_changed": _("Ausgabe geändert"),
    "funding.expense_correction_created": _("Korrektur einer Ausgabe angelegt"),
    "funding.expense_created": _("Ausgabe erfasst"),
    "funding.expense_deleted": _("Ausgabe gelöscht"),
    "funding.expense_returned": _("Ausgabe zurückgegeben"),
    "funding.expense_submitted": _("Ausgabe eingereicht"),
    "funding.grant_amount_set": _("Fördersumme festgelegt"),
    "funding.payment_approved": _("Auszahlung freigegeben"),
    "funding.payment_paid": _("Auszahlung geleistet"),
    "funding.payment_requested": _("Auszahlung angefordert"),
    "funding.plan_line_added": _("Zeile im Finanzplan hinzugefügt"),
    "funding.plan_line_changed": _("Zeile im Finanzplan geändert"),
    "funding.plan_line_deleted": _("Zeile im Finanzplan gelöscht"),
    "funding.report_approve": _("Sachbericht angenommen"),
    "funding.report_return": _("Sachbericht zurückgegeben"),
    "funding.report_save": _("Sachbericht gespeichert"),
    "funding.report_submit": _("Sachbericht eingereicht"),
    "funding.settings_changed": _("Fördereinstellungen geändert"),
    "funding.year_cap_set": _("Förderhöchstbetrag des Jahres festgelegt"),
    "invitation.accepted": _("Einladung angenommen"),
    "invitation.sent": _("Einladung verschickt"),
    "network.announcement_post": _("Mitteilung im Netzwerk veröffentlicht"),
    "network.coordinator_appoint": _("Netzwerkkoordination benannt"),
    "network.coordinator_remove": _("Netzwerkkoordination entfernt"),
    "network.document_share": _("Dokument im Netzwerk geteilt"),
    "network.workshop_cancel": _("Workshop abgesagt"),
    "network.workshop_create": _("Workshop angelegt"),
    "network.workshop_held": _("Workshop als durchgeführt erfasst"),
    "network.workshop_update": _("Workshop geändert"),
    "note.added": _("Interne Notiz hinzugefügt"),
    "page_created": _("Seite angelegt"),
    "page_updated": _("Seite geändert"),
    "programme_document_deleted": _("Programmdokument gelöscht"),
    "programme_document_recorded": _("Programmdokument erfasst"),
    "programme_years_set": _("Programmjahre festgelegt"),
    "questionnaire.question_created": _("Frage angelegt"),
    "questionnaire.question_deleted": _("Frage gelöscht"),
    "questionnaire.question_moved": _("Frage verschoben"),
    "questionnaire.question_updated": _("Frage geändert"),
    "questionnaire.section_created": _("Abschnitt angelegt"),
    "questionnaire.section_deleted": _("Abschnitt gelöscht"),
    "questionnaire.section_moved": _("Abschnitt verschoben"),
    "questionnaire.section_updated": _("Abschnitt geändert"),
    "questionnaire.version_created": _("Neue Fassung des Fragenkatalogs angelegt"),
    "recommendations.answers_publish": _("Antworten einer Beteiligungsrunde veröffentlicht"),
    "recommendations.answers_mailed": _(
        "Mails zu den veröffentlichten Antworten einer Beteiligungsrunde versandt"
    ),
    "recommendations.changelog_edit": _("Änderungsübersicht einer Empfehlungsfassung geändert"),
    "recommendations.chapter_add": _("Kapitel der Empfehlungen angelegt"),
    "recommendations.chapter_delete": _("Kapitel der Empfehlungen gelöscht"),
    "recommendations.chapter_edit": _("Kapitel der Empfehlungen geändert"),
    "recommendations.chapter_move": _("Kapitel der Empfehlungen verschoben"),
    "recommendations.comment_answer": _("Kommentar einer Beteiligungsrunde beantwortet"),
    "recommendations.consultation_mails_muted": _("Mails zu Beteiligungsrunden abbestellt"),
    "recommendations.consultation_mails_unmuted": _("Mails zu Beteiligungsrunden wieder bestellt"),
    "recommendations.document_create": _("Empfehlungsdokument angelegt"),
    "recommendations.field_test_evidence_add": _("Nachweis zu einem Praxistest hochgeladen"),
    "recommendations.field_test_evidence_remove": _("Nachweis zu einem Praxistest entfernt"),
    "recommendations.field_test_plan": _("Praxistest einer Handlungsempfehlung geplant"),
    "recommendations.field_test_plan_update": _("Plan eines Praxistests geändert"),
    "recommendations.field_test_result_record": _("Ergebnis eines Praxistests erfasst"),
    "recommendations.field_test_start": _("Praxistest begonnen"),
    "recommendations.field_test_withdraw": _("Geplanter Praxistest zurückgezogen"),
    "recommendations.field_test_comments_add": _(
        "Ergebnisse aus Praxistests als Kommentare in eine Beteiligungsrunde übernommen"
    ),
    "recommendations.paragraph_add": _("Absatz einer Empfehlung angelegt"),
    "recommendations.paragraph_delete": _("Absatz einer Empfehlung gelöscht"),
    "recommendations.paragraph_edit": _("Absatz einer Empfehlung geändert"),
    "recommendations.paragraph_move": _("Absatz einer Empfehlung verschoben"),
    "recommendations.recommendation_add": _("Handlungsempfehlung angelegt"),
    "recommendations.recommendation_delete": _("Handlungsempfehlung gelöscht"),
    "recommendations.recommendation_edit": _("Handlungsempfehlung geändert"),
    "recommendations.recommendation_move": _("Handlungsempfehlung verschoben"),
    "recommendations.round_evaluate": _("Beteiligungsrunde als ausgewertet abgeschlossen"),
    "recommendations.round_opened_mailed": _("Einladungen zu einer Beteiligungsrunde versandt"),
    "recommendations.version_draft_create": _("Neuer Entwurf der Empfehlungen angelegt"),
    "recommendations.version_freeze": _("Fassung der Empfehlungen eingefroren"),
    "recommendations.round_create": _("Beteiligungsrunde angelegt"),
    "recommendations.round_update": _("Beteiligungsrunde geändert"),
    "recommendations.comment_create": _("Kommentar in einer Beteiligungsrunde geschrieben"),
    "recommendations.reply_create": _("Antwort auf einen Kommentar geschrieben"),
    "recommendations.comment_update": _("Kommentar in einer Beteiligungsrunde geändert"),
    "recommendations.comment_withdraw": _("Kommentar in einer Beteiligungsrunde zurückgezogen"),
    "recommendations.version_publish": _("Fassung der Empfehlungen veröffentlicht"),
    "reviews.conflict_declared": _("Befangenheit erklärt"),
    "reviews.criteria_defaults_added": _("Standardkriterien übernommen"),
    "reviews.criterion_created": _("Bewertungskriterium angelegt"),
    "reviews.criterion_deleted": _("Bewertungskriterium gelöscht"),
    "reviews.criterion_moved": _("Bewertungskriterium verschoben"),
    "reviews.criterion_updated": _("Bewertungskriterium geändert"),
    "reviews.review_submitted": _("Bewertung abgegeben"),
    "reviews.reviewer_assigned": _("Begutachtung zugewiesen"),
    "reviews.reviewer_removed": _("Begutachtung entzogen"),
    "reviews.screening_decided": _("Formale Prüfung entschieden"),
    "selection.decision_adopted": _("Auswahlentscheidung beschlossen"),
    "selection.decision_released": _("Auswahlentscheidung bekannt gegeben"),
    "selection.letter_resent": _("Entscheidungsbrief erneut zum Versand gegeben"),
    "selection.letter_sent": _("Entscheidungsbrief versandt"),
    "selection.outcome_changed": _("Auswahlergebnis geändert"),
    "selection.override_removed": _("Abweichung von der Rangfolge aufgehoben"),
    "selection.override_set": _("Abweichung von der Rangfolge festgelegt"),
    "selection.rules_changed": _("Auswahlregeln geändert"),
    "training_feedback_create": _("Rückmeldung zur Schulung abgegeben"),
    "training_feedback_update": _("Rückmeldung zur Schulung geändert"),
    "training_material_add": _("Schulungsmaterial hinzugefügt"),
    "training_module_create": _("Schulungsmodul angelegt"),
    "training_session_cancel": _("Schulungstermin abgesagt"),
    "training_session_held": _("Schulungstermin als durchgeführt erfasst"),
    "training_session_plan": _("Schulungstermin geplant"),
    "training_session_update": _("Schulungstermin geändert"),
    "training_version_new_draft": _("Neuer Entwurf eines Schulungsmoduls"),
    "training_version_publish": _("Fassung eines Schulungsmoduls veröffentlicht"),
    "training_version_trainers": _("Trainer*innen eines Schulungsmoduls geändert"),
    "training_version_update": _("Fassung eines Schulungsmoduls geändert"),
}


def action_label(code: str) -> str:
    """The readable label of an action code in the active language; an unknown code
    (from an older version) is shown as it is."""
    label = ACTION_LABELS.get(code)
    return str(label) if label is not None else code
