import datetime as dt
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from core.audit import audit_record
from core.models import AuditEntry, Page
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


def table(response) -> str:
    html = response.content.decode()
    return html[html.index("<table") : html.index("</table>")]


def test_audit_names_each_action_in_words_not_codes(office_client, entries):
    html = table(office_client.get(URL))

    assert "Seite geändert" in html
    assert "page_updated" not in html


def test_audit_names_each_action_in_english_on_the_english_page(office_client, entries):
    office_client.cookies["django_language"] = "en"

    html = table(office_client.get(URL))

    assert "Page changed" in html
    assert "page_updated" not in html


def change_entry(object_type: str, changes: dict, *, actor=None) -> AuditEntry:
    return AuditEntry.objects.create(
        actor=actor,
        action="reviews.reviewer_assigned",
        object_type=object_type,
        object_id="1",
        object_label="Eintrag",
        changes=changes,
    )


def test_audit_names_people_and_choices_in_changes(office_client):
    reviewer = factories.UserFactory(full_name="Dana Gutachterin")
    change_entry(
        "reviews.assignment",
        {"reviewer": [None, reviewer.pk], "recommendation": ["maybe", "yes"]},
    )
    change_entry("applications.application", {"status": ["draft", "submitted"]})

    html = table(office_client.get(URL))

    assert "Gutachter*in: Dana Gutachterin" in html
    assert "Empfehlung: Vielleicht → Ja" in html
    assert "Entwurf → Eingereicht" in html


def test_audit_says_when_a_person_in_a_change_is_gone(office_client):
    change_entry("reviews.assignment", {"reviewer": [987654, None]})

    html = table(office_client.get(URL))

    assert "gelöscht (Nr. 987654)" in html


def test_audit_writes_numbers_and_dates_the_german_way(office_client):
    change_entry(
        "funding.expense",
        {"amount": ["1234.5", "1500.00"], "spent_on": ["2026-04-30", "2026-05-02"]},
    )
    change_entry("core.page", {"share": [0.25, 1234.75]})

    html = table(office_client.get(URL))

    assert "1.234,50 → 1.500,00" in html
    assert "30.04.2026 → 02.05.2026" in html
    assert "0,25 → 1.234,75" in html
    assert "2026-04-30" not in html
    assert "1234.5" not in html


def test_audit_writes_numbers_the_english_way_on_the_english_page(office_client):
    office_client.cookies["django_language"] = "en"
    change_entry("funding.expense", {"amount": ["1234.5", "1500.00"]})

    html = table(office_client.get(URL))

    assert "1,234.50 → 1,500.00" in html


@pytest.mark.parametrize("count", [2, 20])
def test_audit_names_people_in_changes_with_constant_queries(
    office_client, count, django_assert_num_queries
):
    for _ in range(count):
        reviewer = factories.UserFactory()
        change_entry("reviews.assignment", {"reviewer": [None, reviewer.pk]})

    # Session, user, OTP device, object types, count, page with actors, named people.
    with django_assert_num_queries(7):
        response = office_client.get(URL)

    assert len(actions(response)) == count


def test_audit_filters_by_person_name_or_email(office_client, office_user):
    page = Page.objects.create(slug="impressum", title_de="Impressum", body_de="Text")
    anna = factories.UserFactory(full_name="Anna Beispiel", email="anna@example.org")
    bert = factories.UserFactory(full_name="Bert Muster", email="bert@kommune.example")
    audit_record(actor=anna, action="page_created", obj=page)
    audit_record(actor=bert, action="page_updated", obj=page)

    by_name = office_client.get(URL, {"person": "beispiel"})
    by_email = office_client.get(URL, {"person": "kommune.example"})

    assert actions(by_name) == ["page_created"]
    assert actions(by_email) == ["page_updated"]


def test_audit_filters_by_action_offered_by_its_label(office_client, entries):
    response = office_client.get(URL, {"action": "page_updated"})

    assert actions(response) == ["page_updated"]
    assert ("page_updated", "Seite geändert") in response.context["form"].fields["action"].choices


def test_audit_filters_by_days_in_berlin(office_client, office_user):
    page = Page.objects.create(slug="impressum", title_de="Impressum", body_de="Text")
    times = {
        "page_created": dt.datetime(2026, 3, 1, 22, 30, tzinfo=dt.UTC),  # 1 March, 23:30
        "page_updated": dt.datetime(2026, 3, 1, 23, 30, tzinfo=dt.UTC),  # 2 March, 00:30
        "call.updated": dt.datetime(2026, 3, 3, 23, 30, tzinfo=dt.UTC),  # 4 March, 00:30
    }
    for action, moment in times.items():
        entry = audit_record(actor=office_user, action=action, obj=page)
        AuditEntry.objects.filter(pk=entry.pk).update(created_at=moment)

    response = office_client.get(URL, {"date_from": "2026-03-02", "date_to": "2026-03-03"})

    assert actions(response) == ["page_updated"]


def test_audit_says_at_the_field_when_a_date_is_no_date(office_client, entries):
    response = office_client.get(URL, {"date_from": "31.02.2026"})

    assert response.status_code == 200
    assert response.context["form"].errors["date_from"] == [
        "Bitte ein Datum angeben, zum Beispiel 31.12.2026."
    ]
    assert len(actions(response)) == 3


def test_audit_says_at_the_field_when_the_range_is_reversed(office_client, entries):
    response = office_client.get(URL, {"date_from": "2026-03-05", "date_to": "2026-03-01"})

    assert response.context["form"].errors["date_to"] == [
        "Der letzte Tag darf nicht vor dem ersten liegen."
    ]
    assert "Der letzte Tag darf nicht vor dem ersten liegen." in response.content.decode()


CSV_URL = reverse("office:audit_export_csv")
XLSX_URL = reverse("office:audit_export_xlsx")


def csv_rows(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8").removeprefix("\ufeff")
    return [line.split(";") for line in text.splitlines()]


def test_audit_csv_exports_the_filtered_trail_in_words(office_client, office_user):
    reviewer = factories.UserFactory(full_name="Dana Gutachterin")
    entry = change_entry("reviews.assignment", {"reviewer": [None, reviewer.pk]})
    AuditEntry.objects.filter(pk=entry.pk).update(
        created_at=dt.datetime(2026, 3, 1, 23, 30, tzinfo=dt.UTC)
    )
    change_entry("applications.application", {"status": ["draft", "submitted"]})

    response = office_client.get(CSV_URL, {"object_type": "reviews.assignment"})

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "protokoll-" in response["Content-Disposition"]
    rows = csv_rows(response)
    assert rows[1][:2] == ["zeitpunkt", "person"]
    assert rows[2:] == [
        [
            "02.03.2026 00:30",
            "System",
            "",
            "Begutachtung zugewiesen",
            "reviews.reviewer_assigned",
            "Begutachtung",
            "1",
            "Eintrag",
            "Gutachter*in: Dana Gutachterin",
        ]
    ]


def test_audit_xlsx_exports_the_filtered_trail(office_client, office_user):
    page = Page.objects.create(slug="impressum", title_de="Impressum", body_de="Text")
    audit_record(actor=office_user, action="page_created", obj=page)
    audit_record(actor=office_user, action="page_updated", obj=page, changes={"x": [1, 2]})

    response = office_client.get(XLSX_URL, {"action": "page_updated"})

    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 3
    assert rows[2][1:5] == (
        office_user.full_name,
        office_user.email,
        "Seite geändert",
        "page_updated",
    )
    assert rows[2][8] == "x: 1 → 2"
    assert isinstance(rows[2][0], dt.datetime)


def test_audit_xlsx_is_bounded_and_says_so(office_client, office_user, monkeypatch):
    monkeypatch.setattr("office.exports.AUDIT_XLSX_LIMIT", 2)
    page = Page.objects.create(slug="impressum", title_de="Impressum", body_de="Text")
    for _ in range(3):
        audit_record(actor=office_user, action="page_updated", obj=page)

    rows = list(load_workbook(BytesIO(office_client.get(XLSX_URL).content)).active.values)

    assert len(rows) == 5
    assert rows[4][0].startswith("Weitere Einträge sind hier nicht enthalten")


@pytest.mark.parametrize("count", [2, 20])
@pytest.mark.parametrize("url", [CSV_URL, XLSX_URL])
def test_audit_export_query_count_does_not_grow(
    office_client, url, count, django_assert_num_queries
):
    for _ in range(count):
        reviewer = factories.UserFactory()
        change_entry("reviews.assignment", {"reviewer": [None, reviewer.pk]})

    # Session, user, OTP device, object types, entries with actors, named people.
    with django_assert_num_queries(6):
        response = office_client.get(url)
        if url == CSV_URL:
            rows = csv_rows(response)

    if url == CSV_URL:
        assert len(rows) == 2 + count


def test_audit_page_links_exports_with_its_filters(office_client, entries):
    html = office_client.get(URL, {"object_type": "core.page", "page": "1"}).content.decode()

    assert f'href="{CSV_URL}?object_type=core.page"' in html
    assert f'href="{XLSX_URL}?object_type=core.page"' in html


def test_audit_offers_its_filter_options_in_english_on_the_english_page(office_client, entries):
    office_client.cookies["django_language"] = "en"

    form = office_client.get(URL).context["form"]

    assert ("core.page", "Page") in form.fields["object_type"].choices
    assert ("page_updated", "Page changed") in form.fields["action"].choices
    assert form.fields["action"].choices[0] == ("", "All actions")


def test_audit_takes_a_day_written_the_german_way(office_client, office_user):
    page = Page.objects.create(slug="impressum", title_de="Impressum", body_de="Text")
    entry = audit_record(actor=office_user, action="page_updated", obj=page)
    AuditEntry.objects.filter(pk=entry.pk).update(
        created_at=dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    )
    audit_record(actor=office_user, action="page_created", obj=page)

    response = office_client.get(URL, {"date_from": "02.03.2026", "date_to": "2.3.2026"})

    assert actions(response) == ["page_updated"]


def test_audit_names_the_kind_of_each_object_in_words(office_client, entries):
    _application, page = entries

    html = table(office_client.get(URL))

    assert f"Seite #{page.pk}" in html
    assert "core.page #" not in html
