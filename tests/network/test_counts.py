"""Counts outside the network: the municipality's coordination and HR see their own
count, the office every model municipality's, always from the latest published monthly
snapshot, in bands of five and never below five; the XLSX export shows the same and a
total only where nothing is hidden."""

import re
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.models import Role
from network.services import counts_publish
from tests import factories
from tests.helpers import finish
from tests.network.helpers import members, staff
from tests.programme_helpers import model_cohort

INDEX = reverse("network:index")


def count_sentence(client) -> str:
    html = client.get(INDEX).content.decode()
    match = re.search(r'<p class="kern-body" id="member-count">(.*?)</p>', html, re.S)
    return match.group(1).strip() if match else ""


def month_name() -> str:
    from django.utils.formats import date_format

    return date_format(timezone.localdate(), "F Y")


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.HR])
def test_coordination_and_hr_see_a_count_of_five_or_more_as_its_band(login, call, muni_a, role):
    members(muni_a, 6)
    counts_publish(call=call)
    client = login(staff(muni_a, role=role))
    assert count_sentence(client) == (
        f"Ihre Kommune hat 5 bis 9 Mitglieder im Netzwerk (Stand: {month_name()})."
    )


@pytest.mark.parametrize("count", [0, 1, 2, 3, 4])
@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.HR])
def test_counts_below_five_read_weniger_als_5(login, call, muni_a, role, count):
    members(muni_a, count)
    counts_publish(call=call)
    client = login(staff(muni_a, role=role))
    assert count_sentence(client) == (
        f"Ihre Kommune hat weniger als 5 Mitglieder im Netzwerk (Stand: {month_name()})."
    )


def test_count_is_only_of_the_own_municipality(login, call, muni_a, muni_b):
    members(muni_b, 7)
    members(muni_a, 1)
    counts_publish(call=call)
    client = login(staff(muni_a, role=Role.COORDINATOR))
    assert count_sentence(client) == (
        f"Ihre Kommune hat weniger als 5 Mitglieder im Netzwerk (Stand: {month_name()})."
    )


def test_count_before_the_first_publication_says_none_is_published(login, call, muni_a):
    members(muni_a, 6)
    client = login(staff(muni_a, role=Role.HR))
    assert count_sentence(client) == "Es sind noch keine Mitgliederzahlen veröffentlicht."


@pytest.mark.parametrize("role", [Role.TEAM_MEMBER, Role.ADVISORY])
def test_other_municipal_roles_see_no_count(login, call, muni_a, role):
    members(muni_a, 6)
    client = login(staff(muni_a, role=role))
    assert count_sentence(client) == ""
    assert client.get(INDEX).context["count"] is None


def cohort(sizes: list[int]):
    """A cohort with one municipality per size, named K0, K1, ...; returns the call."""
    municipalities = [factories.MunicipalityFactory(name=f"K{n}") for n in range(len(sizes))]
    call = model_cohort(municipalities)
    for municipality, size in zip(municipalities, sizes, strict=True):
        members(municipality, size)
    counts_publish(call=call)
    return call


def office_table(office_client, call) -> tuple[list[tuple[str, str]], str]:
    html = office_client.get(reverse("network_office:counts", args=[call.pk])).content.decode()
    body = html.split('id="member-counts"')[1]
    rows = re.findall(
        r'<th scope="row" class="kern-table__header">(K\d+)</th>\s*'
        r'<td class="kern-table__cell">[^<]*</td>\s*<td class="kern-table__cell">([^<]*)</td>',
        body,
    )
    total = re.search(r'id="member-total">([^<]*)<', body).group(1)
    return rows, total


def office_xlsx(office_client, call) -> list[tuple]:
    response = office_client.get(reverse("network_office:counts_export", args=[call.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(finish(response))).active
    return [row for row in sheet.iter_rows(values_only=True)]


def test_office_sees_counts_with_small_ones_hidden(office_client):
    call = cohort([6, 3, 0])
    rows, total = office_table(office_client, call)
    assert rows == [("K0", "5 bis 9"), ("K1", "weniger als 5"), ("K2", "weniger als 5")]
    assert total == "nicht ausgewiesen"


def test_office_sees_the_total_when_nothing_is_hidden(office_client):
    call = cohort([6, 5])
    rows, total = office_table(office_client, call)
    assert rows == [("K0", "5 bis 9"), ("K1", "5 bis 9")]
    assert total == "10 bis 14"


def test_office_total_is_hidden_beside_hidden_counts_whatever_they_hold(office_client):
    # 2 + 3 + 0 hidden beside 6: a total of 11 would tell that the three hold 5, and
    # last month's total beside this month's would pin the one that changed.
    call = cohort([6, 2, 3, 0])
    rows, total = office_table(office_client, call)
    assert rows == [
        ("K0", "5 bis 9"),
        ("K1", "weniger als 5"),
        ("K2", "weniger als 5"),
        ("K3", "weniger als 5"),
    ]
    assert total == "nicht ausgewiesen"


def test_xlsx_export_holds_the_same_published_counts(office_client):
    call = cohort([6, 3, 0])
    cells = office_xlsx(office_client, call)
    header = cells.index(
        ("Kommune", "Amtlicher Schlüssel", "Land", "Mitglieder (von)", "Mitglieder (bis)")
    )
    body = [(name, low, high) for name, _key, _land, low, high in cells[header + 1 :]]
    assert body == [
        ("K0", 5, 9),
        ("K1", "weniger als 5", None),
        ("K2", "weniger als 5", None),
        ("Insgesamt", "nicht ausgewiesen", None),
    ]


def test_xlsx_export_has_no_number_below_five_anywhere(office_client):
    call = cohort([7, 4, 1, 2])
    numbers = [
        value
        for row in office_xlsx(office_client, call)
        for value in row
        if isinstance(value, int | float)
    ]
    assert numbers == [5, 9]


def test_xlsx_export_shows_the_total_only_where_the_page_does(office_client):
    call = cohort([6, 12])
    assert office_xlsx(office_client, call)[-1] == ("Insgesamt", None, None, 15, 19)


def test_counts_are_refused_to_everyone_but_the_office(login, call, muni_a):
    client = login(staff(muni_a, role=Role.COORDINATOR))
    assert client.get(reverse("network_office:counts", args=[call.pk])).status_code == 403
    assert client.get(reverse("network_office:counts_export", args=[call.pk])).status_code == 403


def test_counts_of_a_call_without_cohort_answer_404(office_client):
    call = factories.CallFactory()
    assert office_client.get(reverse("network_office:counts", args=[call.pk])).status_code == 404


def test_coordinator_count_and_office_count_agree(login, office_client, call, muni_a, muni_b):
    # Two views of the same number: both hide it, so neither completes the other.
    members(muni_a, 3)
    members(muni_b, 8)
    counts_publish(call=call)
    rows, total = office_table_by_name(office_client, call)
    assert rows == {"Musterstadt": "weniger als 5", "Andersdorf": "5"}
    assert total == "nicht ausgewiesen"
    coordinator = login(staff(muni_a, role=Role.COORDINATOR))
    assert count_sentence(coordinator) == (
        f"Ihre Kommune hat weniger als 5 Mitglieder im Netzwerk (Stand: {month_name()})."
    )


def office_table_by_name(office_client, call) -> tuple[dict, str]:
    response = office_client.get(reverse("network_office:counts", args=[call.pk]))
    counts = response.context["counts"]
    rows = {
        row.municipality.name: "weniger als 5" if row.count is None else str(row.count)
        for row in counts.rows
    }
    return rows, "nicht ausgewiesen" if counts.total is None else str(counts.total)


SMALL_NUMBER = re.compile(r"(?<![\w.,:/-])[1-4](?![\w.,:/-])")


def visible_text(html: str) -> str:
    """The text of <main>, without the fixed consent text (it cites Art. 6 (1) GDPR)."""
    from network.consent import CONSENT_SECTIONS

    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main.split(">", 1)[1]))
    for _heading, paragraph in CONSENT_SECTIONS:
        text = text.replace(str(paragraph), "")
    return text


@pytest.mark.parametrize("who", ["coordinator", "hr", "team_member", "office"])
def test_no_page_shows_an_outsider_a_number_below_five(db, login, who):
    """Every network page an outsider can open, with 3 members in their municipality,
    2 and 3 sign-ups for workshops: no number from 1 to 4 appears anywhere."""
    from network.models import NetworkCoordinator, SharedDocument, WorkshopSignup
    from network.services import signup_add
    from tests.network.helpers import member, workshop
    from tests.test_permissions import all_patterns, build_path

    home = factories.MunicipalityFactory(name="Musterstadt")
    empty = factories.MunicipalityFactory(name="Andersdorf")
    large = factories.MunicipalityFactory(name="Beispielhausen")
    call = model_cohort(
        [home, empty, large],
        call=factories.CallFactory(title_de="Kohorte Nord", slug="kohorte-nord"),
    )
    small = [member(home, full_name=f"Mitglied {name}") for name in "ABC"]
    members(large, 7)
    counts_publish(call=call)
    local = workshop(call, home, days=-1, title="Vor Ort", capacity=10)
    national = workshop(call, None, title="Bundesweit", capacity=10)
    for person in small[:2]:  # signed up before it began
        WorkshopSignup.objects.create(membership=person.network_membership, workshop=local)
    for person in small:
        signup_add(membership=person.network_membership, workshop=national)
    appointed = NetworkCoordinator.objects.create(
        user=factories.UserFactory(full_name="Derya Netz")
    )
    document = SharedDocument.objects.create(title="Leitfaden", file_name="l.pdf", file="x.pdf")
    kwargs = {
        "workshop_pk": local.pk,
        "national_workshop_pk": national.pk,
        "network_call_pk": call.pk,
        "document_pk": document.pk,
        "network_coordinator_pk": appointed.pk,
    }
    people = {
        "coordinator": staff(home, role=Role.COORDINATOR, full_name="Koordination"),
        "hr": staff(home, role=Role.HR, full_name="Personalamt"),
        "team_member": staff(home, role=Role.TEAM_MEMBER, full_name="Kollegin"),
        "office": factories.UserFactory(role=Role.OFFICE, full_name="Geschäftsstelle"),
    }
    client = login(people[who])
    opened = []
    for name, route, _callback in all_patterns():
        if name.split(":")[0] not in ("network", "network_office"):
            continue
        response = client.get(build_path(route, kwargs, name))
        body = finish(response)
        if response.status_code != 200:
            continue
        opened.append(name)
        if response["Content-Type"].startswith("text/html"):
            text = visible_text(body.decode())
            assert SMALL_NUMBER.findall(text) == [], (name, text)
        else:
            sheet = load_workbook(BytesIO(body)).active
            numbers = [v for row in sheet.iter_rows(values_only=True) for v in row]
            assert [v for v in numbers if isinstance(v, int) and v < 5] == [], name
    assert "network:index" in opened
