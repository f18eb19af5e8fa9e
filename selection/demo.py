"""Demo selection rules, letters and letter recipients for the first call; running it
again changes nothing."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from applications.demo import demo_coordinator
from applications.models import Application
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


def ensure_demo_coordinators(*, call: Call) -> list[User]:
    """Coordinators for three submitted applications of ``call``: the two best by
    review score (likely selected) and the lowest (likely not), so that releasing the
    demo decision sends real letters. Run after the demo reviews; idempotent."""
    from reviews.selectors import application_scores

    scores = application_scores(call=call)
    applications = list(
        Application.objects.filter(pk__in=scores).select_related("municipality").order_by("pk")
    )
    scored = sorted(
        (a for a in applications if scores[a.pk].overall is not None),
        key=lambda a: (-scores[a.pk].overall, a.pk),
    )
    chosen = scored[:2] + scored[-1:] if len(scored) > 2 else scored
    now = timezone.now()
    people = []
    with transaction.atomic():
        for application in chosen:
            municipality = application.municipality
            user = demo_coordinator(municipality=municipality, now=now)
            people.append(user)
    return people
