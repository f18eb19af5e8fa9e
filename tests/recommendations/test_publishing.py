"""Publishing a version: only a frozen one, under a licence, once; a published version's
text never changes; the office's publish page."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.models import AuditEntry
from recommendations import services
from recommendations.models import Version, VersionState
from tests.helpers import login_verified
from tests.recommendations.helpers import document_with_draft, office_user, published_version

pytestmark = pytest.mark.django_db


def _frozen(actor, **kwargs) -> Version:
    draft = document_with_draft(actor=actor, **kwargs)
    return services.version_freeze(version=draft, label="1.0", actor=actor)


def _publish_url(version) -> str:
    return reverse("recommendations_office:version_publish", kwargs={"version_pk": version.pk})


def test_version_publish_publishes_a_frozen_version_under_its_licence():
    actor = office_user()
    frozen = _frozen(actor)

    services.version_publish(version=frozen, licence="cc-by-4.0", actor=actor)

    version = Version.objects.get(pk=frozen.pk)
    assert (version.state, version.licence, version.published_by) == (
        VersionState.PUBLISHED,
        "cc-by-4.0",
        actor,
    )
    assert version.published_at is not None


def test_version_publish_refuses_a_draft():
    actor = office_user()
    draft = document_with_draft(actor=actor)

    with pytest.raises(ValidationError) as caught:
        services.version_publish(version=draft, licence="cc-by-4.0", actor=actor)

    assert caught.value.messages == [
        "Ein Entwurf kann nicht veröffentlicht werden. Frieren Sie die Fassung zuerst ein."
    ]
    assert Version.objects.get(pk=draft.pk).state == VersionState.DRAFT


@pytest.mark.parametrize("licence", ["", "gpl-3.0"])
def test_version_publish_requires_a_known_licence(licence):
    actor = office_user()
    frozen = _frozen(actor)

    with pytest.raises(ValidationError) as caught:
        services.version_publish(version=frozen, licence=licence, actor=actor)

    assert caught.value.message_dict == {
        "licence": ["Bitte wählen Sie die Lizenz der Veröffentlichung."]
    }
    assert Version.objects.get(pk=frozen.pk).state == VersionState.FROZEN


def test_version_publish_twice_keeps_the_first_publication():
    actor = office_user()
    first = published_version(actor=actor)
    published_at = first.published_at

    again = services.version_publish(version=first, licence="cc0-1.0", actor=office_user())

    assert (again.licence, again.published_at, again.published_by) == (
        "cc-by-4.0",
        published_at,
        actor,
    )
    assert AuditEntry.objects.filter(action="recommendations.version_publish").count() == 1


def test_version_publish_is_audited():
    actor = office_user()
    version = published_version(actor=actor)

    entry = AuditEntry.objects.get(action="recommendations.version_publish")

    assert (entry.actor, entry.object_id) == (actor, str(version.pk))
    assert entry.changes == {"state": ["frozen", "published"], "licence": ["", "cc-by-4.0"]}


def test_version_publish_renders_the_pdf_after_the_commit(django_capture_on_commit_callbacks):
    actor = office_user()
    frozen = _frozen(actor)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.version_publish(version=frozen, licence="cc-by-4.0", actor=actor)

    assert len(callbacks) == 1
    version = Version.objects.get(pk=frozen.pk)
    assert version.pdf.name.startswith(f"recommendations/published/{version.document_id}/")
    with version.pdf.open("rb") as stored:
        assert stored.read(5) == b"%PDF-"


def test_published_text_cannot_be_edited():
    actor = office_user()
    version = published_version(actor=actor)
    paragraph = version.recommendations.get().paragraphs.get(position=1)

    with pytest.raises(ValidationError) as caught:
        services.paragraph_edit(paragraph=paragraph, text="Heimlich geändert.", actor=actor)

    assert caught.value.code == "not_draft"
    paragraph.refresh_from_db()
    assert paragraph.text == "Absatz 1 der Empfehlung 1."


def test_published_changelog_cannot_be_edited():
    actor = office_user()
    version = published_version(actor=actor)

    with pytest.raises(ValidationError):
        services.version_changelog_edit(version=version, changelog="Neu.", actor=actor)


# --- the office's page -----------------------------------------------------------------------


def test_publish_page_publishes_with_the_chosen_licence(office_client, office_user):
    frozen = _frozen(office_user)

    response = office_client.post(_publish_url(frozen), {"licence": "cc-by-sa-4.0"})

    assert response.status_code == 302
    assert response["Location"] == reverse(
        "recommendations_office:version_detail", kwargs={"version_pk": frozen.pk}
    )
    assert Version.objects.get(pk=frozen.pk).licence == "cc-by-sa-4.0"


def test_publish_page_without_a_licence_says_so_at_the_field(office_client, office_user):
    frozen = _frozen(office_user)

    response = office_client.post(_publish_url(frozen), {"licence": ""})

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "licence": ["Bitte wählen Sie die Lizenz der Veröffentlichung."]
    }
    assert Version.objects.get(pk=frozen.pk).state == VersionState.FROZEN


def test_publish_page_sends_a_draft_back_to_be_frozen(office_client, office_user):
    draft = document_with_draft(actor=office_user)

    response = office_client.post(_publish_url(draft), {"licence": "cc-by-4.0"}, follow=True)

    assert Version.objects.get(pk=draft.pk).state == VersionState.DRAFT
    assert [str(m) for m in response.context["messages"]] == [
        "Ein Entwurf kann nicht veröffentlicht werden. Frieren Sie die Fassung zuerst ein."
    ]


def test_publish_page_a_second_click_changes_nothing(office_client, office_user):
    version = published_version(actor=office_user)

    response = office_client.post(_publish_url(version), {"licence": "cc0-1.0"})

    assert response.status_code == 302
    assert Version.objects.get(pk=version.pk).licence == "cc-by-4.0"


def test_publish_page_is_refused_to_a_coordinator(client, coordinator, office_user):
    frozen = _frozen(office_user)
    login_verified(client, coordinator)

    response = client.post(_publish_url(frozen), {"licence": "cc-by-4.0"})

    assert response.status_code == 403
    assert Version.objects.get(pk=frozen.pk).state == VersionState.FROZEN


def test_version_page_offers_publishing_only_for_a_frozen_version(office_client, office_user):
    frozen = _frozen(office_user)
    url = reverse("recommendations_office:version_detail", kwargs={"version_pk": frozen.pk})

    before = office_client.get(url).content.decode()
    services.version_publish(version=frozen, licence="cc-by-4.0", actor=office_user)
    after = office_client.get(url).content.decode()

    assert _publish_url(frozen) in before
    assert _publish_url(frozen) not in after
    assert "/empfehlungen/empfehlungen/fassung/1/" in after
