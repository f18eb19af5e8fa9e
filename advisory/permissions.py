"""Who may do what with a local advisory board, in one place.

Views declare these roles; services check the acting person again (role and municipality),
so that no other caller (a command, the shell, a future view) can bypass the rule.
"""

from django.core.exceptions import PermissionDenied

from accounts.models import MUNICIPAL_ROLES, Role

# Everyone of the municipality sees the board page and its meetings.
READ_ROLES = tuple(sorted(MUNICIPAL_ROLES))
# Members, minutes and assessments: the board itself and the coordination.
INSIDE_ROLES = (Role.COORDINATOR, Role.ADVISORY)
# Setting up the board, its members and meetings.
MANAGE_ROLES = (Role.COORDINATOR,)
# Minutes and decisions.
MINUTES_ROLES = (Role.COORDINATOR, Role.ADVISORY)
# The yearly assessment is the board's own voice: only its members write it.
ASSESSMENT_ROLES = (Role.ADVISORY,)


def sees_inside(user) -> bool:
    return user.role in INSIDE_ROLES


def may_manage(user) -> bool:
    return user.role in MANAGE_ROLES


def may_write_minutes(user) -> bool:
    return user.role in MINUTES_ROLES


def may_write_assessment(user) -> bool:
    return user.role in ASSESSMENT_ROLES


def actor_check(*, actor, municipality_id: int, roles) -> None:
    """Refuse unless ``actor`` has one of ``roles`` and acts for ``municipality_id``."""
    if (
        actor is None
        or actor.role not in roles
        or actor.approved_municipality_id is None
        or actor.approved_municipality_id != municipality_id
    ):
        raise PermissionDenied
