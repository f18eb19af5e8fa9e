"""Writing selection data: rules, runs of the assistant, the decision and its release.

Every function runs in a transaction, validates its input and raises
``ValidationError`` (with field names where a form field is at fault) or
``SelectionError`` with a German message; none of them takes a request.
"""

from selection.services.decision import (
    cohort_publish,
    decision_adopt,
    decision_release,
    outcome_change,
)
from selection.services.errors import SelectionError
from selection.services.letters import letter_resend
from selection.services.rules import rule_override_add, rule_override_remove, selection_rules_save
from selection.services.runs import selection_run_create

__all__ = [
    "SelectionError",
    "cohort_publish",
    "decision_adopt",
    "decision_release",
    "letter_resend",
    "outcome_change",
    "rule_override_add",
    "rule_override_remove",
    "selection_rules_save",
    "selection_run_create",
]
