"""The published recommendations for everyone: the list, a version with its table of
contents, search, filters, citation and licence, earlier versions, stable addresses of
recommendations, 404 for what is not published, and the query counts."""

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse

from recommendations import services
from recommendations.highlight import mark_matches
from tests.recommendations.helpers import (
    document_with_draft,
    next_published_version,
    office_user,
    published_version,
)

pytestmark = pytest.mark.django_db

PUBLISHED_ON = dt.datetime(2026, 3, 5, 10, 0, tzinfo=dt.UTC)


def _url(name, **kwargs):
    return reverse(f"recommendations_public:{name}", kwargs=kwargs)


def _page(client, name, **kwargs) -> str:
    params = kwargs.pop("params", None)
    response = client.get(_url(name, **kwargs), params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def actor():
    return office_user()


@pytest.fixture
def version(actor):
    with time_machine.travel(PUBLISHED_ON, tick=False):
        return published_version(actor=actor, recommendations=2)


# --- list and version page ----------------------------------------------------------------


def test_list_shows_documents_with_their_newest_published_version(client, version, actor):
    document_with_draft(actor=actor, slug="nur-entwurf")

    response = client.get(_url("document_list"))

    assert [d.slug for d in response.context["documents"]] == ["empfehlungen"]
    assert "Fassung 1.0 vom 5. März 2026" in response.content.decode()


def test_version_page_shows_label_date_and_every_recommendation(client, version):
    html = _page(client, "document_detail", slug="empfehlungen")

    assert "Fassung 1.0, veröffentlicht am 5. März 2026" in html
    for recommendation in version.recommendations.all():
        assert f'id="{recommendation.anchor}"' in html
        assert f'href="#{recommendation.anchor}"' in html
    assert "Absatz 2 der Empfehlung 2." in html
    assert "Weil es gerecht ist." in html


def test_version_page_table_of_contents_lists_chapters_and_numbered_recommendations(
    client, version
):
    response = client.get(_url("document_detail", slug="empfehlungen"))

    chapters = response.context["reading"].chapters
    assert [(c.title, [r.number for r in c.shown]) for c in chapters] == [
        ("Zugang zu Leistungen", ["1.1", "1.2"])
    ]
    assert f'href="#{chapters[0].anchor}"' in response.content.decode()


def test_search_shows_only_matching_recommendations_and_marks_the_words(client, version):
    response = client.get(_url("document_detail", slug="empfehlungen"), {"q": "absatz 1 der e"})
    html = response.content.decode()

    reading = response.context["reading"]
    assert (reading.total, reading.shown) == (2, 2)
    assert "<mark>Absatz 1 der E</mark>mpfehlung 1." in html

    response = client.get(_url("document_detail", slug="empfehlungen"), {"q": "Empfehlung 2"})
    assert [r.number for c in response.context["reading"].chapters for r in c.shown] == ["1.2"]
    assert "1 von 2 Empfehlungen passen." in response.content.decode()


def test_search_escapes_the_query_and_never_injects_markup(client, actor):
    draft = document_with_draft(actor=actor, recommendations=1)
    paragraph = draft.recommendations.get().paragraphs.get(position=1)
    services.paragraph_edit(paragraph=paragraph, text="Wenn a < b gilt.", actor=actor)
    services.version_publish(
        version=services.version_freeze(version=draft, label="1.0", actor=actor),
        licence="cc-by-4.0",
        actor=actor,
    )

    attack = client.get(
        _url("document_detail", slug="empfehlungen"), {"q": "<script>alert(1)</script>"}
    )
    matched = client.get(_url("document_detail", slug="empfehlungen"), {"q": "a < b"})

    assert "<script>alert(1)" not in attack.content.decode()
    assert attack.context["reading"].shown == 0
    assert "<mark>a &lt; b</mark>" in matched.content.decode()


def test_mark_matches_leaves_tags_and_entities_whole():
    from django.utils.safestring import mark_safe

    html = mark_safe('<p><a href="/absatz">Absatz</a> &amp; mehr</p>')

    assert (
        mark_matches(html, "absatz")
        == '<p><a href="/absatz"><mark>Absatz</mark></a> &amp; mehr</p>'
    )
    assert mark_matches(html, "amp") == '<p><a href="/absatz">Absatz</a> &amp; mehr</p>'
    assert mark_matches("<b>", "b") == "&lt;<mark>b</mark>&gt;"


def test_filter_by_field_of_action_shows_counts_and_matching_recommendations(client, actor):
    draft = document_with_draft(actor=actor, recommendations=2)
    staff = draft.recommendations.get(position=2)
    services.recommendation_edit(
        recommendation=staff,
        title=staff.title,
        rationale=staff.rationale,
        fields_of_action=["personal"],
        actor=actor,
    )
    services.version_publish(
        version=services.version_freeze(version=draft, label="1.0", actor=actor),
        licence="cc-by-4.0",
        actor=actor,
    )

    response = client.get(_url("document_detail", slug="empfehlungen"), {"feld": ["personal"]})
    html = response.content.decode()

    assert [r.title for c in response.context["reading"].chapters for r in c.shown] == [
        "Empfehlung 2"
    ]
    assert [(f.label, f.count, f.chosen) for f in response.context["reading"].fields] == [
        ("Bürgerservice", 1, False),
        ("Personal", 1, True),
    ]
    assert "Personal (1)" in html
    assert (
        '<input type="checkbox" name="feld" value="personal" id="id_feld_1" '
        'class="kern-form-check__checkbox" checked>'
    ) in html
    assert "1 von 2 Empfehlungen passen." in html


def test_an_unknown_field_of_action_is_said_at_the_field_and_filters_nothing(client, version):
    response = client.get(_url("document_detail", slug="empfehlungen"), {"feld": ["gibtsnicht"]})

    assert response.status_code == 200
    assert response.context["reading"].shown == 2
    assert response.context["form"].errors["feld"] == ["Dieses Handlungsfeld gibt es nicht."]


def test_version_page_shows_citation_and_licence_with_its_link(client, version):
    html = _page(client, "document_detail", slug="empfehlungen")

    assert (
        "ECCAR (Hrsg.): Handlungsempfehlungen, Fassung 1.0 vom 5. März 2026. "
        f"{settings.SITE_URL}/empfehlungen/empfehlungen/fassung/1/"
    ) in html
    assert (
        '<a class="kern-link" href="https://creativecommons.org/licenses/by/4.0/deed.de" '
        'rel="license">Creative Commons Namensnennung 4.0 International (CC BY 4.0)</a>'
    ) in html


def test_an_earlier_version_points_to_the_newest(client, version, actor):
    with time_machine.travel(PUBLISHED_ON + dt.timedelta(days=30), tick=False):
        next_published_version(previous=version, actor=actor)

    old = _page(client, "version_detail", slug="empfehlungen", sequence=1)
    newest = _page(client, "document_detail", slug="empfehlungen")

    assert (
        'Es gibt eine neuere Fassung: <a class="kern-link" href="/empfehlungen/empfehlungen/">'
        "Fassung 2.0 vom 4. April 2026</a>."
    ) in old
    assert "Es gibt eine neuere Fassung" not in newest
    assert 'href="/empfehlungen/empfehlungen/fassung/1/"' in newest


def test_the_page_says_the_pdf_is_being_made_until_it_is_stored(client, version):
    from recommendations.pdf import published_pdf_store

    before = _page(client, "document_detail", slug="empfehlungen")
    published_pdf_store(version_id=version.pk)
    after = _page(client, "document_detail", slug="empfehlungen")
    pdf_url = _url("version_pdf", slug="empfehlungen", sequence=1)

    assert "Das PDF wird erstellt" in before
    assert pdf_url not in before
    assert pdf_url in after


# --- stable addresses of recommendations ------------------------------------------------------


def _retitle(title):
    def edit(draft):
        recommendation = draft.recommendations.get(position=1)
        services.recommendation_edit(
            recommendation=recommendation,
            title=title,
            rationale=recommendation.rationale,
            fields_of_action=["buergerservice"],
            actor=recommendation.version.created_by,
        )

    return edit


def test_stable_url_follows_a_recommendation_into_the_newest_version(client, version, actor):
    key = version.recommendations.get(position=1).key
    next_published_version(previous=version, actor=actor, edit=_retitle("Neu gefasst"))

    newest = client.get(_url("recommendation_detail", slug="empfehlungen", key=key))
    first = client.get(
        _url("version_recommendation_detail", slug="empfehlungen", sequence=1, key=key)
    )

    assert (newest.context["recommendation"].title, newest.context["version"].label) == (
        "Neu gefasst",
        "2.0",
    )
    assert (first.context["recommendation"].title, first.context["version"].label) == (
        "Empfehlung 1",
        "1.0",
    )
    assert "Diese Empfehlung steht so in einer früheren Fassung" in first.content.decode()
    assert "Diese Empfehlung steht so in einer früheren Fassung" not in newest.content.decode()


def test_stable_url_of_a_removed_recommendation_shows_its_last_version_with_a_note(
    client, version, actor
):
    key = version.recommendations.get(position=1).key

    def remove(draft):
        services.recommendation_delete(
            recommendation=draft.recommendations.get(key=key), actor=actor
        )

    next_published_version(previous=version, actor=actor, edit=remove)

    response = client.get(_url("recommendation_detail", slug="empfehlungen", key=key))

    assert response.context["version"].label == "1.0"
    assert (
        'Die neueste ist <a class="kern-link" href="/empfehlungen/empfehlungen/">Fassung 2.0</a>'
        in response.content.decode()
    )


# --- what is not published ----------------------------------------------------------------------


def test_guessing_the_sequence_of_a_draft_answers_404(client, version, actor):
    draft = services.version_draft_create(document=version.document, actor=actor)
    added = services.recommendation_add(
        chapter=draft.chapters.get(), title="Noch geheim", actor=actor
    )

    assert client.get(_url("version_detail", slug="empfehlungen", sequence=2)).status_code == 404
    assert client.get(_url("version_pdf", slug="empfehlungen", sequence=2)).status_code == 404
    assert (
        client.get(_url("recommendation_detail", slug="empfehlungen", key=added.key)).status_code
        == 404
    )
    assert (
        client.get(
            _url("version_recommendation_detail", slug="empfehlungen", sequence=2, key=added.key)
        ).status_code
        == 404
    )
    assert "Noch geheim" not in _page(client, "document_detail", slug="empfehlungen")


def test_a_frozen_version_is_not_public(client, actor):
    draft = document_with_draft(actor=actor)
    services.version_freeze(version=draft, label="1.0", actor=actor)

    assert client.get(_url("document_detail", slug="empfehlungen")).status_code == 404
    assert client.get(_url("version_detail", slug="empfehlungen", sequence=1)).status_code == 404
    assert client.get(_url("document_list")).context["documents"] == []


def test_a_key_of_another_document_answers_404(client, version, actor):
    other = published_version(actor=actor, slug="anderes")
    key = other.recommendations.get().key

    assert (
        client.get(_url("recommendation_detail", slug="empfehlungen", key=key)).status_code == 404
    )


# --- query counts -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["document_detail", "document_list"])
def test_public_pages_query_count_does_not_grow_with_the_text(client, actor, name):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for size, slug in ((1, "eins"), (3, "drei")):
        published_version(actor=actor, recommendations=size, slug=slug)
        url = _url(name, slug=slug) if name == "document_detail" else _url(name)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))

    assert counts[0] == counts[1]


def test_a_version_of_200_recommendations_renders_in_a_fixed_number_of_queries(
    client, actor, django_assert_num_queries
):
    published_version(actor=actor, recommendations=200, paragraphs=1)

    with django_assert_num_queries(8):
        response = client.get(_url("document_detail", slug="empfehlungen"))

    assert response.context["reading"].shown == 200


def test_recommendation_page_query_count_is_fixed(client, version, django_assert_num_queries):
    key = version.recommendations.get(position=1).key

    with django_assert_num_queries(7):
        client.get(_url("recommendation_detail", slug="empfehlungen", key=key))
