"""Rules of the local advisory board: setting it up, its members, meetings with minutes,
and the yearly written assessment.

Every service checks the acting person's role and municipality itself, runs in a
transaction and records what changed in the audit trail. Long texts are recorded by
their length only: the trail shows that minutes changed, not what they say.
"""

from advisory.services.assessments import (
    assessment_editable,
    assessment_save_draft,
    assessment_submit,
    assessment_version,
    assessment_write,
)
from advisory.services.board import (
    board_save,
    member_add,
    member_invite,
    member_link_invited,
    member_remove,
    member_update,
)
from advisory.services.meetings import (
    meeting_cancel,
    meeting_plan,
    minutes_save,
    minutes_version,
)

__all__ = [
    "assessment_editable",
    "assessment_save_draft",
    "assessment_submit",
    "assessment_version",
    "assessment_write",
    "board_save",
    "meeting_cancel",
    "meeting_plan",
    "member_add",
    "member_invite",
    "member_link_invited",
    "member_remove",
    "member_update",
    "minutes_save",
    "minutes_version",
]
