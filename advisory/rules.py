"""Who may do what with a local advisory board, in one place.

Views declare these roles and ask these rules (so do the templates, through what the
views hand them); services check the acting person again (role, municipality
and, for board members, their seat on the board), so that no other caller (a command,
the shell, a future view) can bypass the rule.

The role "Mitglied des lokalen Fachbeirats" alone opens nothing inside a board: the
account must be linked to a member of that board. So a member the coordination removes
loses the board's minutes and assessments at once, whatever their role says.
"""

from django.core.exceptions import PermissionDenied

from accounts.models import MUNICIPAL_ROLES, Role
from advisory.models import Board, BoardMember
from core.rules import Rule, rule, rule_check

# The board, its members, meetings and assessments belong to one municipality: another
# municipality's people get 404 for them (see ``core.rules``).
MUNICIPAL_KWARGS = frozenset({"board_pk", "member_pk", "meeting_pk", "assessment_pk"})

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


sees_inside = rule(
    "advisory.sees_inside", lambda user, board=None: acts_for_board(user, board, INSIDE_ROLES)
)
may_manage = rule("advisory.manage", lambda user, obj=None: user.role in MANAGE_ROLES)
may_write_minutes = rule(
    "advisory.write_minutes",
    lambda user, board=None: acts_for_board(user, board, MINUTES_ROLES),
)
may_write_assessment = rule(
    "advisory.write_assessment",
    lambda user, board=None: acts_for_board(user, board, ASSESSMENT_ROLES),
)


def actor_check(*, actor, municipality_id: int, rule: Rule, board: Board | None = None) -> None:
    """Refuse unless ``actor`` acts for ``municipality_id`` and ``rule`` lets them at
    ``board`` (a board member needs a seat on it; without a board, nothing is theirs)."""
    if (
        actor is None
        or actor.approved_municipality_id is None
        or actor.approved_municipality_id != municipality_id
    ):
        raise PermissionDenied
    rule_check(rule, actor, board)
