"""Template tags for pages outside the selection app (the applicant's status page,
the public page of a call)."""

from django import template

register = template.Library()


@register.simple_tag
def application_outcome(application):
    """The released outcome of ``application``, or None before the release."""
    # Imported here: every template library is loaded when the template engine starts.
    from selection.selectors import application_outcome_released

    if application is None or getattr(application, "pk", None) is None:
        return None
    return application_outcome_released(application=application)


@register.simple_tag
def cohort_published(call) -> bool:
    """True once the model municipalities of ``call`` are announced publicly."""
    from selection.selectors import cohort_is_published

    if call is None or getattr(call, "pk", None) is None:
        return False
    return cohort_is_published(call=call)
