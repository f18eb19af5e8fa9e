from django.contrib.staticfiles import finders

from core.content import ensure_pages


def test_favicon_ico_redirects_permanently_to_the_static_icon(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/img/favicon.svg"


def test_static_icon_exists(db):
    assert finders.find("img/favicon.svg") is not None


def test_every_page_names_its_icon(client, db):
    ensure_pages()
    html = client.get("/").content.decode()
    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in html
