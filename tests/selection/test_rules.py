from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from selection import services
from selection.demo import ensure_demo_rules
from selection.forms import RulesForm
from selection.models import GroupLimit, RuleOverride, SelectionRules


def rules_data(**overrides) -> dict:
    data = {"places": "10", "max_per_land": "", "diversity_weight": "0", "cover_needs": ""}
    data.update(overrides)
    return data


def test_rules_form_accepts_german_decimal_comma():
    form = RulesForm(rules_data(diversity_weight="0,25"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["diversity_weight"] == Decimal("0.25")


def test_rules_form_refuses_weight_above_one():
    form = RulesForm(rules_data(diversity_weight="1,5"))
    assert not form.is_valid()
    assert form.errors["diversity_weight"] == ["Das Gewicht liegt zwischen 0 und 1."]


def test_rules_form_refuses_negative_minimum():
    form = RulesForm(rules_data(size_small_min="-1"))
    assert not form.is_valid()
    assert form.errors["size_small_min"] == ["Bitte keine negative Zahl angeben."]


def test_rules_save_refuses_minimum_above_maximum_at_the_field(world):
    with pytest.raises(ValidationError) as exc:
        services.selection_rules_save(
            call=world.call,
            actor=world.office,
            places=10,
            max_per_land=None,
            cover_needs=False,
            diversity_weight=Decimal("0"),
            limits={"size:small": (3, 2)},
        )
    assert exc.value.message_dict == {
        "size_small_min": ["Das Minimum (3) ist größer als das Maximum (2)."]
    }


def test_rules_save_refuses_minimum_above_places(world):
    with pytest.raises(ValidationError) as exc:
        services.selection_rules_save(
            call=world.call,
            actor=world.office,
            places=3,
            max_per_land=None,
            cover_needs=False,
            diversity_weight=Decimal("0"),
            limits={"region:east": (4, None)},
        )
    assert exc.value.message_dict == {
        "region_east_min": ["Das Minimum (4) ist größer als die Zahl der Plätze (3)."]
    }


def test_rules_page_shows_error_at_the_field(office_client, world):
    url = reverse("selection:rules", args=[world.call.pk])
    response = office_client.post(
        url, rules_data(places="3", size_small_min="5", size_small_max="4")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Das Minimum (5) ist größer als das Maximum (4)." in html
    assert 'aria-invalid="true" aria-describedby="id_size_small_min_error"' in html
    assert not SelectionRules.objects.filter(call=world.call).exists()


def test_rules_page_saves_rules_and_limits(office_client, world):
    url = reverse("selection:rules", args=[world.call.pk])
    response = office_client.post(
        url,
        rules_data(
            places="3",
            max_per_land="2",
            diversity_weight="0,2",
            cover_needs="on",
            region_east_min="1",
            size_large_max="1",
        ),
    )
    assert response.status_code == 302
    rules = SelectionRules.objects.get(call=world.call)
    assert (rules.places, rules.max_per_land, rules.cover_needs, rules.diversity_weight) == (
        3,
        2,
        True,
        Decimal("0.20"),
    )
    limits = {(g.group, g.minimum, g.maximum) for g in GroupLimit.objects.filter(rules=rules)}
    assert limits == {("region:east", 1, None), ("size:large", None, 1)}


def test_rules_page_shows_saved_values(office_client, world):
    ensure_demo_rules(call=world.call)
    response = office_client.get(reverse("selection:rules", args=[world.call.pk]))
    html = response.content.decode()
    assert 'name="region_east_min" value="3"' in html
    assert 'name="diversity_weight" value="0,20"' in html


def test_override_without_reason_is_refused_at_the_field(office_client, world):
    url = reverse("selection:override_add", args=[world.call.pk])
    response = office_client.post(
        url, {"application": world.apps["Bergdorf"].pk, "kind": "out", "reason": "  "}
    )
    assert response.status_code == 200
    assert "Bitte begründen Sie die Festlegung." in response.content.decode()
    assert RuleOverride.objects.count() == 0


def test_override_with_reason_is_stored_and_audited(office_client, world):
    from core.models import AuditEntry

    url = reverse("selection:override_add", args=[world.call.pk])
    response = office_client.post(
        url,
        {"application": world.apps["Bergdorf"].pk, "kind": "out", "reason": "Zusage fehlt"},
    )
    assert response.status_code == 302
    override = RuleOverride.objects.get()
    assert (override.application, override.kind, override.reason) == (
        world.apps["Bergdorf"],
        "out",
        "Zusage fehlt",
    )
    assert AuditEntry.objects.filter(action="selection.override_set").count() == 1


def test_override_remove_deletes_it(office_client, world):
    services.rule_override_add(
        call=world.call,
        actor=world.office,
        application=world.apps["Bergdorf"],
        kind="in",
        reason="Pflicht",
    )
    url = reverse("selection:override_remove", args=[world.call.pk, world.apps["Bergdorf"].pk])
    response = office_client.post(url)
    assert response.status_code == 302
    assert RuleOverride.objects.count() == 0


def test_ensure_demo_rules_twice_creates_them_once(world):
    ensure_demo_rules(call=world.call)
    rules = ensure_demo_rules(call=world.call)
    assert SelectionRules.objects.count() == 1
    assert (rules.places, rules.max_per_land, rules.cover_needs, rules.diversity_weight) == (
        10,
        2,
        True,
        Decimal("0.20"),
    )
    assert dict(rules.group_limits.values_list("group", "minimum")) == {
        "size:small": 2,
        "size:medium": 2,
        "size:large": 2,
        "size:kreis": 1,
        "region:east": 3,
    }


# One of them asks whether the decision is released (the rules are closed then).
QUERIES_RULES_PAGE = 9


@pytest.mark.parametrize("count", [1, 3])
def test_rules_page_overrides_query_count_is_constant(
    office_client, world, django_assert_num_queries, count
):
    for name in ["Altstadt", "Bergdorf", "Dornburg"][:count]:
        services.rule_override_add(
            call=world.call,
            actor=world.office,
            application=world.apps[name],
            kind="out",
            reason=f"Grund {name}",
        )
    url = reverse("selection:rules", args=[world.call.pk])
    office_client.get(url)
    with django_assert_num_queries(QUERIES_RULES_PAGE):
        response = office_client.get(url)
    assert response.content.decode().count("Grund ") == count
