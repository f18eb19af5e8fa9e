"""The selection's guardrails: nothing before the application deadline, closed rules
after the release, every rule change audited, and a decision that breaks a rule is
released only where a reason stands behind each break."""

import datetime as dt
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEntry
from selection import services
from selection.models import Decision, RuleOverride, SelectionRun

BERLIN = ZoneInfo("Europe/Berlin")


def save_rules(world, **changes):
    values = {
        "places": 3,
        "max_per_land": 2,
        "cover_needs": False,
        "diversity_weight": Decimal("0"),
        "limits": {},
    }
    values.update(changes)
    return services.selection_rules_save(call=world.call, actor=world.office, **values)


def adopt(world):
    save_rules(world)
    run = services.selection_run_create(call=world.call, actor=world.office)
    return services.decision_adopt(run=run, actor=world.office, waiting_list_length=2)


def release(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.decision_release(call=world.call, actor=world.office)


def extend_deadline(world):
    """The office extends the call: its deadline lies ahead again (23:59 Berlin time)."""
    day = timezone.localdate() + dt.timedelta(days=10)
    world.call.deadline = dt.datetime.combine(day, dt.time(23, 59), BERLIN)
    world.call.save(update_fields=["deadline"])
    return day


def deadline_words(day: dt.date) -> str:
    months = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August"]
    months += ["September", "Oktober", "November", "Dezember"]
    return f"{day.day}. {months[day.month - 1]} {day.year}, 23:59 Uhr"


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


# --- before the deadline -------------------------------------------------------------


def test_run_before_the_deadline_is_refused_naming_the_deadline(world):
    day = extend_deadline(world)

    with pytest.raises(services.SelectionError) as refused:
        services.selection_run_create(call=world.call, actor=world.office)

    assert str(refused.value) == (
        f"Der Auswahlassistent kann erst nach dem Bewerbungsschluss am {deadline_words(day)} "
        "gestartet werden: Bis dahin können noch Bewerbungen eingehen."
    )
    assert SelectionRun.objects.count() == 0


def test_run_button_before_the_deadline_is_disabled_and_says_why(office_client, world):
    day = extend_deadline(world)

    html = office_client.get(reverse("selection:call", args=[world.call.pk])).content.decode()

    assert 'disabled aria-describedby="run-too-early"' in html
    assert f"Bewerbungsschluss am {deadline_words(day)} gestartet werden" in text(html)


def test_run_view_before_the_deadline_shows_the_reason_and_stores_nothing(office_client, world):
    extend_deadline(world)

    response = office_client.post(
        reverse("selection:run_create", args=[world.call.pk]), follow=True
    )

    shown = [str(m) for m in response.context["messages"]]
    assert len(shown) == 1
    assert shown[0].startswith("Der Auswahlassistent kann erst nach dem Bewerbungsschluss")
    assert SelectionRun.objects.count() == 0


def test_adopt_before_the_deadline_is_refused(office_client, world):
    save_rules(world)
    run = services.selection_run_create(call=world.call, actor=world.office)
    extend_deadline(world)

    page = office_client.get(reverse("selection:run_detail", args=[world.call.pk, run.pk]))
    response = office_client.post(
        reverse("selection:decision_adopt", args=[world.call.pk, run.pk]),
        {"waiting_list_length": "2"},
        follow=True,
    )

    assert 'disabled aria-describedby="adopt-too-early"' in page.content.decode()
    shown = [str(m) for m in response.context["messages"]]
    assert len(shown) == 1
    assert shown[0].startswith("Eine Auswahl kann erst nach dem Bewerbungsschluss")
    assert Decision.objects.count() == 0


def test_release_before_the_deadline_is_refused(office_client, world):
    adopt(world)
    day = extend_deadline(world)

    page = office_client.get(reverse("selection:decision", args=[world.call.pk]))
    response = office_client.post(
        reverse("selection:decision_release", args=[world.call.pk]), follow=True
    )

    assert 'disabled aria-describedby="release-blocked"' in page.content.decode()
    shown = [str(m) for m in response.context["messages"]]
    assert shown == [
        f"Die Entscheidung kann erst nach dem Bewerbungsschluss am {deadline_words(day)} "
        "freigegeben werden: Bis dahin können noch Bewerbungen eingehen."
    ]
    assert Decision.objects.get().released_at is None


# --- rules of a released decision ---------------------------------------------------


def test_rules_of_a_released_decision_cannot_be_saved(world, django_capture_on_commit_callbacks):
    adopt(world)
    release(world, django_capture_on_commit_callbacks)

    with pytest.raises(ValidationError) as refused:
        save_rules(world, places=5)

    assert refused.value.messages[0].startswith("Die Entscheidung ist am ")
    assert world.call.selection_rules.places == 3


def test_rules_page_of_a_released_decision_is_disabled_and_refuses_posts(
    office_client, world, django_capture_on_commit_callbacks
):
    adopt(world)
    release(world, django_capture_on_commit_callbacks)
    url = reverse("selection:rules", args=[world.call.pk])

    html = office_client.get(url).content.decode()
    response = office_client.post(url, {"places": "7", "diversity_weight": "0"}, follow=True)

    assert re.search(r'<input[^>]*name="places"[^>]*disabled', html)
    assert 'disabled aria-describedby="rules-locked"' in html
    assert "können nicht mehr geändert werden" in text(html)
    assert "Festlegung hinzufügen" not in html
    shown = [str(m) for m in response.context["messages"]]
    assert len(shown) == 1
    assert shown[0].endswith(
        "Die Auswahlregeln gehören zu ihr und können nicht mehr geändert werden."
    )
    world.call.selection_rules.refresh_from_db()
    assert world.call.selection_rules.places == 3


def test_overrides_of_a_released_decision_cannot_be_added_or_removed(
    office_client, world, django_capture_on_commit_callbacks
):
    adopt(world)
    services.rule_override_add(
        call=world.call,
        actor=world.office,
        application=world.apps["Feldheim"],
        kind="out",
        reason="Zurückgezogen",
    )
    release(world, django_capture_on_commit_callbacks)

    office_client.post(
        reverse("selection:override_add", args=[world.call.pk]),
        {"application": world.apps["Bergdorf"].pk, "kind": "in", "reason": "Wichtig"},
    )
    office_client.post(
        reverse("selection:override_remove", args=[world.call.pk, world.apps["Feldheim"].pk])
    )

    assert list(RuleOverride.objects.values_list("application__municipality__name", "kind")) == [
        ("Feldheim", "out")
    ]


# --- audited rule changes ------------------------------------------------------------


def test_first_rules_are_audited_with_their_values(world):
    save_rules(world, limits={"size:small": (1, None)})

    entry = AuditEntry.objects.get(action="selection.rules_changed")
    assert entry.actor == world.office
    assert entry.object_type == "selection.selectionrules"
    assert entry.changes == {
        "places": [None, 3],
        "max_per_land": [None, 2],
        "cover_needs": [None, False],
        "diversity_weight": [None, "0.00"],
        "Kommunen unter 20.000 Einwohner*innen: mindestens": [None, 1],
    }


def test_rule_change_is_audited_with_before_and_after(world):
    save_rules(world, limits={"size:small": (1, None)})

    save_rules(
        world, max_per_land=1, diversity_weight=Decimal("0.2"), limits={"size:large": (None, 2)}
    )

    entry = AuditEntry.objects.filter(action="selection.rules_changed").latest("id")
    assert entry.changes == {
        "max_per_land": [2, 1],
        "diversity_weight": ["0.00", "0.20"],
        "Kommunen unter 20.000 Einwohner*innen: mindestens": [1, None],
        "Kommunen über 100.000 Einwohner*innen: höchstens": [None, 2],
    }


def test_saving_the_same_rules_again_records_nothing(world):
    save_rules(world, diversity_weight=Decimal("0.2"))

    save_rules(world, diversity_weight=Decimal("0.20"))

    assert AuditEntry.objects.filter(action="selection.rules_changed").count() == 1


def test_rule_change_reads_in_german_on_the_audit_page(office_client, world):
    save_rules(world)
    save_rules(world, max_per_land=1, diversity_weight=Decimal("0.25"))

    html = office_client.get(reverse("office:audit")).content.decode()

    page = text(html)
    assert "Auswahlregeln geändert" in page
    assert "selection.rules_changed" not in page
    assert "Auswahlregeln geändert Modellkommunen 2025: 3 Auswahlregeln #" in page
    assert "Höchstens je Land: 2 → 1 Gewicht der Vielfalt: 0,00 → 0,25" in page


# --- rules the decision breaks -------------------------------------------------------


def change(world, name, kind, reason):
    services.outcome_change(
        call=world.call,
        application_id=world.apps[name].pk,
        actor=world.office,
        kind=kind,
        rank=None,
        reason=reason,
    )


def test_decision_page_counts_places_from_the_rules_and_names_the_broken_rule(office_client, world):
    save_rules(world, places=1, max_per_land=None)
    run = services.selection_run_create(call=world.call, actor=world.office)
    services.decision_adopt(run=run, actor=world.office, waiting_list_length=2)
    change(world, "Bergdorf", "selected", "Starke Zusage der Verwaltungsspitze")

    html = office_client.get(reverse("selection:decision", args=[world.call.pk])).content.decode()

    assert '<span id="decision-count">2 von 1 Platz</span>' in html
    breaks = text(html.split('id="rule-breaks"')[1].split("</section>")[0])
    assert "Die Entscheidung hält 1 Auswahlregel nicht ein" in breaks
    assert (
        "Plätze: 1 – 2 ausgewählt. Begründete Änderungen: "
        "Bergdorf: Starke Zusage der Verwaltungsspitze"
    ) in breaks


def test_decision_that_breaks_the_land_rule_without_reason_cannot_be_released(
    office_client, world, django_capture_on_commit_callbacks
):
    adopt(world)  # Altstadt and Bergdorf from Nordrhein-Westfalen, Dornburg from Thüringen
    save_rules(world, max_per_land=1)

    html = office_client.get(reverse("selection:decision", args=[world.call.pk])).content.decode()
    with pytest.raises(services.SelectionError) as refused:
        release(world, django_capture_on_commit_callbacks)

    assert (
        "Höchstens 1 Kommune je Land – Nordrhein-Westfalen: 2 ausgewählt. "
        "Keine begründete Änderung steht dahinter."
    ) in text(html)
    assert 'disabled aria-describedby="release-blocked"' in html
    assert str(refused.value).startswith(
        "Die Entscheidung hält diese Regeln nicht ein, und keine begründete Änderung steht "
        "dahinter: Höchstens 1 Kommune je Land (Nordrhein-Westfalen: 2 ausgewählt)."
    )
    assert Decision.objects.get().released_at is None


def test_decision_that_breaks_a_rule_with_a_recorded_reason_can_be_released(
    office_client, world, django_capture_on_commit_callbacks
):
    adopt(world)
    change(world, "Carlshafen", "selected", "Einziger Antrag mit Ratsbeschluss")

    html = office_client.get(reverse("selection:decision", args=[world.call.pk])).content.decode()
    release(world, django_capture_on_commit_callbacks)

    assert (
        "Höchstens 2 Kommunen je Land – Nordrhein-Westfalen: 3 ausgewählt. Begründete "
        "Änderungen: Carlshafen: Einziger Antrag mit Ratsbeschluss"
    ) in text(html)
    assert "release-blocked" not in html
    assert Decision.objects.get().released_at is not None


def test_decision_that_misses_a_group_minimum_names_the_reason_behind_it(office_client, world):
    save_rules(world, limits={"size:medium": (2, None)})
    run = services.selection_run_create(call=world.call, actor=world.office)
    services.decision_adopt(run=run, actor=world.office, waiting_list_length=2)
    change(world, "Dornburg", "not_selected", "Bewerbung zurückgezogen")

    html = office_client.get(reverse("selection:decision", args=[world.call.pk])).content.decode()

    assert (
        "Kommunen mit 20.000 bis 100.000 Einwohner*innen: mindestens 2 – 1 ausgewählt. "
        "Begründete Änderungen: Dornburg: Bewerbung zurückgezogen"
    ) in text(html)


def test_decision_within_the_rules_shows_no_broken_rule(office_client, world):
    adopt(world)

    html = office_client.get(reverse("selection:decision", args=[world.call.pk])).content.decode()

    assert 'id="rule-breaks"' not in html
    assert '<span id="decision-count">3 von 3 Plätzen</span>' in html
    assert "release-blocked" not in html
