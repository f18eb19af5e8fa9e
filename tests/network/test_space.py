from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.models import AuditEntry
from network.models import Announcement, SharedDocument
from tests.helpers import finish, minimal_pdf
from tests.network.helpers import member, network_coordinator


def test_network_coordinator_posts_an_announcement_members_read(login, client, call, muni_a):
    login(network_coordinator())
    response = client.post(
        reverse("network:announcement_create"), {"title": "Treffen", "body": "Am Montag."}
    )
    assert response.status_code == 302
    assert list(Announcement.objects.values_list("title", "body")) == [("Treffen", "Am Montag.")]
    html = login(member(muni_a)).get(reverse("network:space")).content.decode()
    assert "Treffen" in html


def test_announcement_needs_title_and_text(login, call):
    response = login(network_coordinator()).post(reverse("network:announcement_create"), {})
    assert response.context["form"].errors == {
        "title": ["Dieses Feld ist zwingend erforderlich."],
        "body": ["Dieses Feld ist zwingend erforderlich."],
    }


def test_network_coordinator_shares_a_pdf_members_download(login, client, call, muni_a):
    coordinator = network_coordinator()
    login(coordinator)
    upload = SimpleUploadedFile("Leitfaden 2026.pdf", minimal_pdf())
    response = client.post(
        reverse("network:document_create"), {"title": "Leitfaden", "file": upload}
    )
    assert response.status_code == 302
    document = SharedDocument.objects.get()
    assert (document.title, document.file_name, document.uploaded_by) == (
        "Leitfaden",
        "Leitfaden 2026.pdf",
        coordinator,
    )
    assert AuditEntry.objects.filter(action="network.document_share").count() == 1

    response = login(member(muni_a)).get(reverse("network:document_download", args=[document.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="Leitfaden 2026.pdf"'
    assert finish(response) == minimal_pdf()


def test_a_file_that_is_not_a_pdf_is_refused_at_the_field(login, call):
    upload = SimpleUploadedFile("notiz.pdf", b"kein PDF")
    response = login(network_coordinator()).post(
        reverse("network:document_create"), {"title": "Notiz", "file": upload}
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "file": ["Bitte laden Sie eine PDF-Datei hoch. Diese Datei ist kein PDF."]
    }
    assert SharedDocument.objects.count() == 0


def test_a_missing_document_answers_404(login, call, muni_a):
    response = login(member(muni_a)).get(reverse("network:document_download", args=[999999]))
    assert response.status_code == 404
