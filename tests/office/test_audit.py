import pytest
from django.urls import reverse

from core.audit import audit_record
from core.models import Page
from tests import factories

URL = reverse("office:audit")


def actions(response) -> list[str]:
    return [entry.action for entry in response.context["page_obj"].object_list]


@pytest.fixture
def entries(office_user):
    application = factories.ApplicationFactory(reference="KFA-2025-00007")
    page = Page.objects.create(slug="impressum", title_de="Impressum", body_de="Text")
    audit_record(actor=office_user, action="application_created", obj=application)
    audit_record(actor=office_user, action="page_updated", obj=page)
    audit_record(actor=None, action="application_submitted", obj=application)
    return application, page


def test_audit_lists_entries_newest_first(office_client, entries):
    response = office_client.get(URL)

    assert actions(response) == ["application_submitted", "page_updated", "application_created"]


def test_audit_filters_by_object_type(office_client, entries):
    response = office_client.get(URL, {"object_type": "core.page"})

    assert actions(response) == ["page_updated"]


def test_audit_searches_by_object_id_and_label(office_client, entries):
    application, page = entries

    by_id = office_client.get(URL, {"q": str(page.pk), "object_type": "core.page"})
    by_label = office_client.get(URL, {"q": "2025-00007"})

    assert actions(by_id) == ["page_updated"]
    assert actions(by_label) == ["application_submitted", "application_created"]


def test_audit_links_application_entries_to_the_application(office_client, entries):
    application, _page = entries

    html = office_client.get(URL).content.decode()

    assert html.count(f'href="{reverse("office:application_detail", args=[application.pk])}"') == 2


def test_audit_paginates_by_fifty(office_client, office_user):
    page = Page.objects.create(slug="impressum", title_de="Impressum", body_de="Text")
    for _ in range(51):
        audit_record(actor=office_user, action="page_updated", obj=page)

    assert len(actions(office_client.get(URL))) == 50
    assert len(actions(office_client.get(URL, {"page": 2}))) == 1


@pytest.mark.parametrize("count", [1, 5])
def test_audit_query_count_does_not_grow(
    office_client, office_user, count, django_assert_num_queries
):
    for _ in range(count):
        actor = factories.UserFactory()
        audit_record(actor=actor, action="application_created", obj=factories.ApplicationFactory())

    # Session, user, OTP device, object types, count, page with actors.
    with django_assert_num_queries(6):
        response = office_client.get(URL, {"object_type": "applications.application"})

    assert len(actions(response)) == count


def test_audit_offers_object_types_by_their_german_names(office_client, entries):
    form = office_client.get(URL).context["form"]

    assert form.fields["object_type"].choices == [
        ("", "Alle Arten"),
        ("applications.application", "Bewerbung"),
        ("core.page", "Seite"),
    ]


def test_audit_names_each_action_in_words_not_codes(office_client, entries):
    html = office_client.get(URL).content.decode()

    assert "Seite geändert" in html
    assert "page_updated" not in html


def test_audit_names_each_action_in_english_on_the_english_page(office_client, entries):
    office_client.cookies["django_language"] = "en"

    html = office_client.get(URL).content.decode()

    assert "Page changed" in html
    assert "page_updated" not in html
