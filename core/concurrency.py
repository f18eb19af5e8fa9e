"""Two people editing the same thing: the later save must not silently undo the earlier.

An edit form carries the version of what it showed (a ``version_token``: when it was
last saved, or a digest of its fields). On saving, the service compares it with the
stored version under the row lock. Differing versions mean someone saved in between –
unless the form only repeats what is stored, which is the second request of a double
click: the first one already moved the version on.
"""

import datetime as dt
import hashlib
import json

from django.core.exceptions import ValidationError


def version_token(saved_at: dt.datetime | None) -> str:
    """The version of something last saved at ``saved_at`` (never saved: empty)."""
    return saved_at.isoformat() if saved_at else ""


def fingerprint(obj, fields: list[str]) -> str:
    """A short digest of the fields of ``obj``, as a version where nothing records when
    it was saved."""
    data = {name: getattr(obj, name) for name in fields}
    raw = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def edit_conflict_check(
    *, sent: str | None, stored: str, repeat: bool, message, code: str = "conflict"
) -> bool:
    """Compare the version an edit form was opened on (``sent``; None: not checked)
    with the ``stored`` one. An empty ``sent`` is the version of something never saved.

    Returns True if they differ but the form only repeats what is stored (``repeat``):
    the caller returns the stored object unchanged. Raises a ValidationError with
    ``message`` and ``code`` if someone else saved in between. Returns False if the
    form may be saved.
    """
    if sent is None or sent == stored:
        return False
    if repeat:
        return True
    raise ValidationError(message, code=code)
