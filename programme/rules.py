"""Who may use the programme's municipal and office pages (and the progress pages on
top of them, which share these roles)."""

from accounts.models import MUNICIPAL_ROLES, Role
from core.rules import has_role, rule

# Everyone of a model municipality reads its programme pages.
READERS = tuple(MUNICIPAL_ROLES)
# The coordination records documents, evaluation dates and the state of commitments.
WRITERS = (Role.COORDINATOR,)
OFFICE = (Role.OFFICE,)

writes = rule("programme.write", has_role(*WRITERS))

# A municipality's documents and evaluation dates.
MUNICIPAL_KWARGS = frozenset({"document_pk", "evaluation_pk"})
