"""What a participant of a round may compare: the version they commented on against the
versions the office made of it afterwards.

A later version is shown once it is published, or once it is itself the subject of a
round open to the person; drafts and versions the office froze without showing anyone
stay with the office.
"""

from django.db.models import Q
from django.http import Http404

from recommendations import audience
from recommendations.models import ConsultationRound, Version, VersionState


def round_get_for_comparison(*, user, round_pk: int) -> ConsultationRound:
    """The round if ``user`` takes part in it (or is the office); 404 otherwise, so an
    outsider cannot tell a round from a number that names none."""
    rounds = ConsultationRound.objects.select_related("version__document")
    if not user.is_office:
        rounds = rounds.filter(pk__in=audience.rounds_open_to(user).values("pk"))
    round = rounds.filter(pk=round_pk).first()
    if round is None:
        raise Http404
    return round


def later_versions(*, user, round: ConsultationRound) -> list[Version]:
    """The versions after the round's own that ``user`` may read, oldest first."""
    later = Version.objects.filter(
        document_id=round.version.document_id, sequence__gt=round.version.sequence
    ).exclude(state=VersionState.DRAFT)
    if not user.is_office:
        shown_in_rounds = audience.rounds_open_to(user).values("version_id")
        later = later.filter(Q(state=VersionState.PUBLISHED) | Q(pk__in=shown_in_rounds))
    return list(later.order_by("sequence"))
