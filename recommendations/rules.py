"""Who may use the pages of the recommendations that belong to a municipality."""

from accounts.models import Role

# The coordination and the team of a model municipality plan and report field tests.
FIELD_TESTERS = (Role.COORDINATOR, Role.TEAM_MEMBER)

# A field test and its evidence belong to the municipality that planned it.
MUNICIPAL_KWARGS = frozenset({"field_test_pk", "evidence_pk"})
