"""What the progress pages' URLs name. Who may use them is the programme's rule
(``programme.rules``): these pages are the programme's, computed from the apps above it.

``MUNICIPAL_KWARGS`` (see ``core.rules``): the office's page of one municipality names
it, and a municipality's people must not reach another's."""

MUNICIPAL_KWARGS = frozenset({"municipality_pk"})
