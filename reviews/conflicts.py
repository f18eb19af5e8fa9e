"""When a reviewer is too close to an applicant to review it.

A reviewer may not review an application from their own municipality or from their
Kreis: the applicant is their home municipality, lies in the same Kreis, is the Kreis
their home municipality belongs to, or belongs to the Kreis that is their home.
"""

from django.utils.translation import gettext_lazy as _

from municipalities.models import Municipality

OWN_MUNICIPALITY = "own_municipality"
SAME_KREIS = "same_kreis"

CONFLICT_LABELS = {
    OWN_MUNICIPALITY: _("Bewerbung aus der eigenen Kommune"),
    SAME_KREIS: _("Bewerbung aus dem eigenen Kreis"),
}


def conflict_of(*, home: Municipality | None, applicant: Municipality) -> str | None:
    """``OWN_MUNICIPALITY``, ``SAME_KREIS`` or None; uses ids only, so it never queries."""
    if home is None:
        return None
    if home.pk == applicant.pk:
        return OWN_MUNICIPALITY
    if applicant.kreis_id is not None and applicant.kreis_id == home.kreis_id:
        return SAME_KREIS
    if applicant.kreis_id == home.pk or home.kreis_id == applicant.pk:
        return SAME_KREIS
    return None


def conflict_label(code: str | None) -> str:
    return str(CONFLICT_LABELS[code]) if code else ""
