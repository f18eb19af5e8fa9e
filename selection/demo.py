"""Demo selection rules and letters for the first call; running it again changes nothing."""

from decimal import Decimal

from django.db import transaction

from calls.models import Call
from selection.letters import letter_templates_ensure
from selection.models import GroupLimit, SelectionRules

# At least so many of each group among the ten: small, medium and large municipalities,
# a Landkreis, and the East.
DEMO_MINIMUMS = {
    "size:small": 2,
    "size:medium": 2,
    "size:large": 2,
    "size:kreis": 1,
    "region:east": 3,
}


def ensure_demo_rules(*, call: Call) -> SelectionRules:
    with transaction.atomic():
        rules, created = SelectionRules.objects.get_or_create(
            call=call,
            defaults={
                "places": 10,
                "max_per_land": 2,
                "cover_needs": True,
                "diversity_weight": Decimal("0.20"),
            },
        )
        if created:
            GroupLimit.objects.bulk_create(
                GroupLimit(rules=rules, group=key, minimum=minimum)
                for key, minimum in DEMO_MINIMUMS.items()
            )
        letter_templates_ensure(call=call)
    return rules
