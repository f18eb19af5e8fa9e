from django import template
from django.utils import timezone

register = template.Library()


@register.simple_tag
def round_state(round) -> str:
    """ "running", "coming" or "ended": where the round stands now."""
    now = timezone.now()
    if now < round.starts_at:
        return "coming"
    if now < round.ends_at:
        return "running"
    return "ended"
