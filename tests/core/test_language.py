from django.conf import settings

from core.content import ensure_pages


def test_site_speaks_german_even_to_an_english_browser(client, db):
    ensure_pages()
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "de"
    assert '<html lang="de">' in response.content.decode()


def test_chosen_english_is_kept(client, db):
    ensure_pages()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/")
    assert response["Content-Language"] == "en"
    assert '<html lang="en">' in response.content.decode()


def test_language_switch_sets_the_choice(client, db):
    ensure_pages()
    client.post("/i18n/sprache/", {"language": "en", "next": "/"})
    assert client.get("/")["Content-Language"] == "en"
