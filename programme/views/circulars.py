"""The office's circular to the coordinators of a cohort's model municipalities."""

from django.urls import reverse
from django.utils.translation import gettext

from core.circular_views import circular_compose
from core.permissions import require_roles
from core.selectors import circulars_list
from programme.circulars import cohort_composition, cohort_topic
from programme.rules import OFFICE
from programme.selectors import programme_call_get_office


@require_roles(*OFFICE)
def cohort_circular(request, call_pk: int):
    call = programme_call_get_office(call_pk=call_pk)
    heading = gettext("Rundschreiben an die Koordinationen: %(call)s") % {"call": call.title}
    return circular_compose(
        request,
        compose=lambda data: cohort_composition(call),
        done_url=reverse("programme_office:cohort_circular", kwargs={"call_pk": call.pk}),
        context={
            "page_title": heading,
            "heading": heading,
            "back_url": reverse("programme_office:matrix", kwargs={"call_pk": call.pk}),
            "back_label": gettext("Zurück zur Matrix der Kohorte"),
            "intro": gettext(
                "Das Rundschreiben geht an die bestätigten Koordinationen jeder Modellkommune "
                "der Kohorte. Vor dem Versand sehen Sie, an wie viele Personen es geht und "
                "welche Kommune niemanden hat, der es erhält."
            ),
            "circulars": circulars_list(topic=cohort_topic(call)),
        },
    )
