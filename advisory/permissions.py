"""Who may do what with a local advisory board, in one place.

Views declare these roles; services check the acting person again (role, municipality
and, for board members, their seat on the board), so that no other caller (a command,
the shell, a future view) can bypass the rule.

The role "Mitglied des lokalen Fachbeirats" alone opens nothing inside a board: the
account must be linked to a member of that board. So a member the coordination removes
loses the board's minutes and assessments at once, whatever their role says.
"""

from django.core.exceptions import PermissionDenied

from accounts.models import MUNICIPAL_ROLES, Role
from advisory.models import Board, BoardMember

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


def holds_seat(user, board: Board | None) -> bool:
    """Whether ``user``'s account is linked to a member of ``board``."""
    if board is None or user is None or user.pk is None:
        return False
    return BoardMember.objects.filter(board=board, user=user).exists()


def acts_for_board(user, board: Board | None, roles) -> bool:
    """``user`` has one of ``roles`` for ``board``: a board member only with a seat on it."""
    if user is None or user.role not in roles:
        return False
    if user.role == Role.ADVISORY:
        return holds_seat(user, board)
    return True


def sees_inside(user, board: Board | None) -> bool:
    return acts_for_board(user, board, INSIDE_ROLES)


def may_manage(user) -> bool:
    return user.role in MANAGE_ROLES


def may_write_minutes(user, board: Board | None) -> bool:
    return acts_for_board(user, board, MINUTES_ROLES)


def may_write_assessment(user, board: Board | None) -> bool:
    return acts_for_board(user, board, ASSESSMENT_ROLES)


def actor_check(*, actor, municipality_id: int, roles, board: Board | None = None) -> None:
    """Refuse unless ``actor`` has one of ``roles`` and acts for ``municipality_id``; a
    board member also needs a seat on ``board`` (without a board, nothing is theirs)."""
    if (
        actor is None
        or actor.role not in roles
        or actor.approved_municipality_id is None
        or actor.approved_municipality_id != municipality_id
        or (actor.role == Role.ADVISORY and not holds_seat(actor, board))
    ):
        raise PermissionDenied
