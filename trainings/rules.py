"""Who may use the training catalogue and the municipalities' training sessions."""

from accounts.models import MUNICIPAL_ROLES, Role
from core.rules import has_role, rule

CATALOGUE_ROLES = (*MUNICIPAL_ROLES, Role.TRAINER, Role.OFFICE)
SESSION_READERS = (*MUNICIPAL_ROLES, Role.TRAINER, Role.OFFICE)
AGENDA_READERS = (*MUNICIPAL_ROLES, Role.OFFICE)
# An attendance list may name staff: only the municipality's coordination and the office.
ATTENDANCE_READERS = (Role.COORDINATOR, Role.OFFICE)
# The coordination plans, records and cancels its municipality's sessions.
PLANNERS = (Role.COORDINATOR,)

plans_sessions = rule("trainings.plan_sessions", has_role(*PLANNERS))
sees_agenda = rule("trainings.see_agenda", has_role(*AGENDA_READERS))
sees_attendance = rule("trainings.see_attendance", has_role(*ATTENDANCE_READERS))

# A training session belongs to its municipality (modules and materials to no one).
MUNICIPAL_KWARGS = frozenset({"session_pk"})
