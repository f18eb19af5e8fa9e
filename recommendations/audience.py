"""Who takes part in a consultation round.

A round names its audience by group (model municipalities' coordinators and teams, local
advisory board members, network members, trainers, the public with an account). These
functions are the only place that turns the groups into people: the pages that let a
person comment and the mails that invite them ask here, so both always agree.

Network membership reveals a migration history. A round open to network members therefore
never shows other participants who wrote a personal comment (``names_hidden``): they see
"persönlicher Beitrag", the office sees the name.
"""

from django.db.models import Q, QuerySet

from accounts.models import User
from core.roles import Role
from programme.cohort import model_municipalities
from recommendations.models import ConsultationRound

TEAM_ROLES = (Role.COORDINATOR, Role.TEAM_MEMBER)


def _group_conditions() -> dict[str, Q]:
    """For each audience flag of a round, the accounts it admits."""
    return {
        "for_municipal_teams": Q(
            role__in=TEAM_ROLES,
            municipality_approved_at__isnull=False,
            municipality_suspended_at__isnull=True,
            municipality__in=model_municipalities().values("pk"),
        ),
        "for_advisory_boards": Q(board_memberships__isnull=False),
        "for_network": Q(network_membership__isnull=False),
        "for_trainers": Q(role=Role.TRAINER),
        "for_public": Q(pk__isnull=False),
    }


def _reachable() -> QuerySet[User]:
    """Accounts that can be reached at all: active, with a confirmed address."""
    return User.objects.filter(is_active=True, email_confirmed_at__isnull=False).exclude(
        role=Role.OFFICE
    )


def audience_accounts(round: ConsultationRound) -> QuerySet[User]:
    """Everyone the round's audience admits (the office is never part of it: it runs the
    round). One query when evaluated, whatever the size of the groups."""
    condition = Q(pk__in=[])
    for flag, admits in _group_conditions().items():
        if getattr(round, flag):
            condition |= admits
    return _reachable().filter(pk__in=User.objects.filter(condition).values("pk"))


def may_take_part(user, round: ConsultationRound) -> bool:
    if not user.is_authenticated:
        return False
    return audience_accounts(round).filter(pk=user.pk).exists()


def audience_flags_of(user) -> list[str]:
    """The audience flags that admit ``user``; empty for the office and for strangers."""
    if not user.is_authenticated:
        return []
    reachable = _reachable().filter(pk=user.pk)
    return [
        flag
        for flag, admits in _group_conditions().items()
        if reachable.filter(pk__in=User.objects.filter(admits).values("pk")).exists()
    ]


def rounds_open_to(user) -> QuerySet[ConsultationRound]:
    """Every round (past, running or coming) whose audience admits ``user``."""
    flags = audience_flags_of(user)
    if not flags:
        return ConsultationRound.objects.none()
    condition = Q()
    for flag in flags:
        condition |= Q(**{flag: True})
    return ConsultationRound.objects.filter(condition)


def names_hidden(round: ConsultationRound) -> bool:
    """True where a participant's name could reveal network membership to others."""
    return round.for_network


def municipality_spoken_for(user, round: ConsultationRound):
    """The municipality ``user`` may comment for in ``round``: their own, where the round
    is open to the municipal teams and they belong to one of its teams (approved, not
    suspended, a model municipality); otherwise None."""
    if not user.is_authenticated or not round.for_municipal_teams:
        return None
    admitted = (
        _reachable()
        .filter(_group_conditions()["for_municipal_teams"], pk=user.pk)
        .select_related("municipality")
        .first()
    )
    return admitted.municipality if admitted is not None else None
