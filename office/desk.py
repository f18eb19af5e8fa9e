"""The office's own work on its desk: municipality claims waiting for a decision."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.selectors import claim_list_pending
from core.desk import Counter, Todo, register_counter


def pending_claims(today) -> list[Todo]:
    count = claim_list_pending().count()
    if not count:
        return []
    label = ngettext(
        "%(count)d Anspruch auf eine Kommune wartet auf Entscheidung",
        "%(count)d Ansprüche auf Kommunen warten auf Entscheidung",
        count,
    ) % {"count": count}
    return [Todo(label=label, count=count, url=reverse("office:claims"))]


register_counter(
    Counter(
        name="office.claims",
        title=_("Ansprüche auf Kommunen"),
        url=lambda: reverse("office:claims"),
        position=70,
        collect=pending_claims,
    )
)
