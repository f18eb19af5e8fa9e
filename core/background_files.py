"""Files made in the background when someone asks for them, such as PDFs that take
longer to render than a request may take.

The request that misses the file claims it and queues the task; requests arriving
before the task is done find the claim and queue nothing. The claim is a small marker
next to the file in storage, so every web process sees it (a per-process cache would
not). A claim older than the caller's patience is taken as lost (a worker that died)
and may be made again; until then a render that failed is not retried, so asking again
and again never makes the server render again and again.
"""

import datetime as dt

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone


def _marker(name: str) -> str:
    return f"{name}.wird-erstellt"


def _claimed_at(marker: str) -> dt.datetime:
    """When the claim was made, as the claiming web process's clock said: shared
    storage may keep its own time. A marker caught while it is being written has no
    time in it yet; its file's time serves instead."""
    with default_storage.open(marker, "rb") as handle:
        written = handle.read().decode(errors="replace").strip()
    try:
        return dt.datetime.fromisoformat(written)
    except ValueError:
        return default_storage.get_modified_time(marker)


def claim(name: str, patience: dt.timedelta) -> bool:
    """True if the caller should start making ``name``: nobody claimed it within
    ``patience``. The caller checks first that the file is not there yet."""
    marker = _marker(name)
    if default_storage.exists(marker):
        try:
            if timezone.now() - _claimed_at(marker) < patience:
                return False
            default_storage.delete(marker)
        except FileNotFoundError:
            pass  # released meanwhile: the file is made, or may be claimed anew
    saved = default_storage.save(marker, ContentFile(timezone.now().isoformat().encode()))
    if saved != marker:
        # Another request wrote the marker at the same moment; the storage gave this
        # one another name, and the other request's claim counts.
        default_storage.delete(saved)
        return False
    return True


def release(name: str) -> None:
    """The file is made (or no longer needed): the next miss may claim it again."""
    marker = _marker(name)
    if default_storage.exists(marker):
        default_storage.delete(marker)
