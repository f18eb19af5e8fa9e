"""Who may read a survey's results: the office and the municipality's coordination
(the other roles of a municipality took part in the survey and see no results)."""

from accounts.models import Role

RESULTS_READERS = (Role.OFFICE, Role.COORDINATOR)

# A survey belongs to the municipality it asks (instruments and items to no one).
MUNICIPAL_KWARGS = frozenset({"survey_pk"})
