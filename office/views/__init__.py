"""Views of the programme office, one module per page group; all for Role.OFFICE only."""
