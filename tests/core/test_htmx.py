from django.http import HttpResponse
from django.test import RequestFactory

from core.htmx import is_htmx, render_region, vary_on_htmx


def test_is_htmx_false_for_an_ordinary_request():
    assert is_htmx(RequestFactory().get("/")) is False


def test_is_htmx_true_for_an_htmx_request():
    assert is_htmx(RequestFactory().get("/", headers={"HX-Request": "true"})) is True


def test_is_htmx_false_for_a_history_restore():
    request = RequestFactory().get(
        "/", headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )

    assert is_htmx(request) is False


def test_vary_on_htmx_adds_the_header_to_vary():
    response = vary_on_htmx(HttpResponse())

    assert response["Vary"] == "HX-Request"


def test_render_region_picks_the_region_for_htmx(tmp_path, settings):
    _templates(tmp_path, settings)
    request = RequestFactory().get("/", headers={"HX-Request": "true"})

    response = render_region(request, page="page.html", region="region.html", context={"x": 1})

    assert response.content.decode().strip() == "region 1"
    assert response["Vary"] == "HX-Request"


def test_render_region_picks_the_page_without_htmx(tmp_path, settings):
    _templates(tmp_path, settings)
    request = RequestFactory().get("/")

    response = render_region(request, page="page.html", region="region.html", context={"x": 1})

    assert response.content.decode().strip() == "page 1"
    assert response["Vary"] == "HX-Request"


def _templates(tmp_path, settings):
    (tmp_path / "page.html").write_text("page {{ x }}")
    (tmp_path / "region.html").write_text("region {{ x }}")
    settings.TEMPLATES = [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "DIRS": [tmp_path],
            "OPTIONS": {},
        }
    ]
