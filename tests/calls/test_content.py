import datetime as dt

import pytest
from django.urls import reverse

from core.attribution import REGISTER_ATTRIBUTION
from core.content import KEY_DATES, ensure_pages
from core.models import Page


def test_ensure_pages_creates_every_page_once(db):
    created = ensure_pages()

    again = ensure_pages()

    assert sorted(p.slug for p in created) == sorted(Page.Slug.values)
    assert again == []
    assert Page.objects.count() == len(Page.Slug.values)


def test_ensure_pages_keeps_a_page_the_office_edited(db):
    ensure_pages()
    Page.objects.filter(slug="impressum").update(body_de="Von der Geschäftsstelle geschrieben.")

    ensure_pages()

    assert Page.objects.get(slug="impressum").body_de == "Von der Geschäftsstelle geschrieben."


def test_ensure_pages_texts_exist_in_german_and_english(db):
    ensure_pages()

    missing = [p.slug for p in Page.objects.all() if not (p.title_en and p.body_en)]

    assert missing == []


def test_about_page_names_the_register_source(db):
    ensure_pages()

    assert REGISTER_ATTRIBUTION in Page.objects.get(slug="ueber").body_de


def test_programme_page_leaves_its_dates_to_the_start_page_s_list(db):
    ensure_pages()

    body = Page.objects.get(slug="programm").body_de
    assert "November 2025" not in body
    assert "kontakt@kommunen-fuer-alle.example" in body


def test_programme_dates_are_the_seed_s(db):
    assert [(d.days, d.hours) for d in KEY_DATES] == [
        ((dt.date(2025, 10, 24),), None),
        ((dt.date(2025, 10, 28),), None),
        ((dt.date(2025, 11, 1),), None),
        ((dt.date(2025, 11, 3),), (dt.time(14), dt.time(16))),
        ((dt.date(2025, 11, 18), dt.date(2025, 11, 19)), None),
        ((dt.date(2026, 4, 20), dt.date(2026, 4, 21)), None),
        ((dt.date(2028, 12, 31),), None),
    ]
    assert "Jena" in KEY_DATES[5].label_de


@pytest.mark.parametrize("slug", ["impressum", "datenschutz", "barrierefreiheit", "ueber"])
def test_pages_render(client, db, slug):
    ensure_pages()

    response = client.get(reverse("core:page", args=[slug]))

    assert response.status_code == 200
    assert "<h2>" in response.content.decode()
