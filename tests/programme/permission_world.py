"""Programme objects of municipality A for the role × URL test."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from programme.services import document_record, evaluation_date_plan
from tests.helpers import minimal_pdf


def extend(world: dict) -> None:
    call = world["call"]
    coordinator = world["users"]["coordinator"]
    municipality = coordinator.municipality
    document = document_record(
        call=call,
        municipality=municipality,
        kind="internal_visibility",
        title="Intranet-Beitrag",
        occurred_on=dt.date(2026, 3, 1),
        upload=SimpleUploadedFile("intranet.pdf", minimal_pdf()),
        actor=coordinator,
    )
    evaluation = evaluation_date_plan(
        call=call,
        municipality=municipality,
        starts_at=dt.datetime(2026, 5, 4, 9, 0, tzinfo=dt.UTC),
        actor=coordinator,
    )
    world["kwargs"].update({"evaluation_pk": evaluation.pk, "municipality_pk": municipality.pk})
    # "document_pk" also names the network's shared documents, so it is set per URL.
    for name in ("programme:document_file", "programme:document_delete"):
        world["kwargs"]["per_url"][name] = {"document_pk": document.pk}
    for name in (
        "programme_office:cohorts",
        "programme_office:matrix",
        "programme_office:all_years",
        "programme_office:export_xlsx",
        "programme_office:export_pdf",
        "programme_office:settings",
        "programme_office:municipality",
        "programme_office:document_file",
        "programme_office:cohort_circular",
        "programme_office:at_risk_circular",
    ):
        world["kwargs"]["per_url"][name] = {"call_pk": call.pk, "document_pk": document.pk}
    # A circular in the record, so its list and the cohort's circular page show one.
    from core.circulars import circular_send
    from programme.circulars import cohort_composition

    composition = cohort_composition(call)
    circular_send(
        sender=world["users"]["office"],
        audience=composition.audience,
        recipients=composition.recipients,
        subject="Netzwerktreffen",
        body="Bitte merken Sie sich den Termin vor.",
    )
