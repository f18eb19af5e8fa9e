"""A double click stores nothing twice: workshops, announcements and shared documents."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from core.choices import ActivityStatus
from network.models import Announcement, SharedDocument, Workshop
from network.services import announcement_post, workshop_create
from programme.models import CommitmentKind, ProgrammeYear
from progress.evidence import evidence_counts
from tests import factories
from tests.helpers import minimal_pdf
from tests.network.helpers import network_coordinator, staff
from tests.programme_helpers import model_cohort


def form(starts_at: dt.datetime, **changes) -> dict:
    data = {
        "title": "Stark im Amt",
        "format": "empowerment",
        "description": "",
        "starts_at": timezone.localtime(starts_at).strftime("%Y-%m-%dT%H:%M"),
        "location": "Rathaus",
        "capacity": "12",
    }
    return data | changes


def in_a_week() -> dt.datetime:
    return (timezone.now() + dt.timedelta(days=7)).replace(second=0, microsecond=0)


# --- workshops ---------------------------------------------------------------------------


def test_double_click_on_a_local_workshop_stores_one(login, call, coordinator_a):
    client = login(coordinator_a)
    data = form(in_a_week())
    first = client.post(reverse("network:local_workshop_create"), data)
    second = client.post(reverse("network:local_workshop_create"), data)
    assert (first.status_code, second.status_code) == (302, 302)
    assert Workshop.objects.count() == 1


def test_double_click_on_a_local_workshop_counts_once_as_scheduled(db, login):
    municipality = factories.MunicipalityFactory()
    today = timezone.localdate()
    call = model_cohort(
        [municipality], periods=[(today - dt.timedelta(days=30), today + dt.timedelta(days=300))]
    )
    client = login(staff(municipality, role="coordinator"))
    for _ in range(2):
        client.post(reverse("network:local_workshop_create"), form(in_a_week()))
    counts = evidence_counts(
        call=call, years=list(ProgrammeYear.objects.filter(call=call)), now=timezone.now()
    )
    scheduled = [
        tally.scheduled
        for (kind, municipality_id, _year), tally in counts.items()
        if kind == CommitmentKind.EMPOWERMENT_WORKSHOPS and municipality_id == municipality.pk
    ]
    assert scheduled == [1]


def test_double_click_on_a_national_workshop_stores_one(login, call):
    client = login(network_coordinator())
    data = form(in_a_week(), call=str(call.pk))
    for _ in range(2):
        assert client.post(reverse("network:national_workshop_create"), data).status_code == 302
    assert Workshop.objects.filter(municipality__isnull=True).count() == 1


def test_workshop_at_another_time_is_a_second_workshop(login, call, coordinator_a):
    client = login(coordinator_a)
    client.post(reverse("network:local_workshop_create"), form(in_a_week()))
    later = in_a_week() + dt.timedelta(days=7)
    client.post(reverse("network:local_workshop_create"), form(later))
    assert Workshop.objects.count() == 2


def test_same_workshop_in_another_municipality_is_its_own(call, coordinator_a, coordinator_b):
    data = {"title": "Stark im Amt", "format": "empowerment", "starts_at": in_a_week()}
    data["location"] = "Rathaus"
    for coordinator in (coordinator_a, coordinator_b):
        workshop_create(
            actor=coordinator, call=call, municipality=coordinator.municipality, data=data
        )
    assert Workshop.objects.count() == 2


def test_a_cancelled_workshop_can_be_created_anew(call, coordinator_a, muni_a):
    data = {"title": "Stark im Amt", "format": "empowerment", "starts_at": in_a_week()}
    data["location"] = "Rathaus"
    first = workshop_create(actor=coordinator_a, call=call, municipality=muni_a, data=data)
    Workshop.objects.filter(pk=first.pk).update(status=ActivityStatus.CANCELLED)
    second = workshop_create(actor=coordinator_a, call=call, municipality=muni_a, data=data)
    assert second.pk != first.pk
    assert Workshop.objects.count() == 2


# --- announcements -----------------------------------------------------------------------


def test_double_click_on_an_announcement_posts_it_once(login, call):
    client = login(network_coordinator())
    data = {"title": "Treffen", "body": "Am Montag."}
    for _ in range(2):
        assert client.post(reverse("network:announcement_create"), data).status_code == 302
    assert Announcement.objects.count() == 1


def test_same_announcement_later_is_posted_again(call):
    author = network_coordinator()
    first = announcement_post(actor=author, title="Treffen", body="Am Montag.")
    Announcement.objects.filter(pk=first.pk).update(
        created_at=timezone.now() - dt.timedelta(minutes=6)
    )
    second = announcement_post(actor=author, title="Treffen", body="Am Montag.")
    assert second.pk != first.pk


def test_announcement_with_another_text_is_a_new_one(call):
    author = network_coordinator()
    announcement_post(actor=author, title="Treffen", body="Am Montag.")
    announcement_post(actor=author, title="Treffen", body="Am Dienstag.")
    assert Announcement.objects.count() == 2


# --- documents ---------------------------------------------------------------------------


def letter_pdf() -> bytes:
    """Another real PDF: one page in US letter size."""
    from io import BytesIO

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    buffer = BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def share(client, content: bytes):
    upload = SimpleUploadedFile("Leitfaden.pdf", content)
    return client.post(reverse("network:document_create"), {"title": "Leitfaden", "file": upload})


def test_double_click_on_a_document_shares_it_once(login, call):
    client = login(network_coordinator())
    assert share(client, minimal_pdf()).status_code == 302
    assert share(client, minimal_pdf()).status_code == 302
    assert SharedDocument.objects.count() == 1


def test_a_changed_file_under_the_same_name_is_shared_anew(login, call):
    client = login(network_coordinator())
    share(client, minimal_pdf())
    share(client, letter_pdf())
    assert SharedDocument.objects.count() == 2
