"""Request bodies above the cap are refused before they are read."""

import pytest
from django.conf import settings
from django.urls import reverse

from core.uploads import MAX_UPLOAD_BYTES
from municipalities.forms import MAX_UPLOAD_BYTES as MAX_REGISTER_BYTES
from tests import factories
from tests.funding.helpers import funded_cohort
from tests.helpers import login_verified

pytestmark = pytest.mark.django_db

FIFTY_MB = 50 * 1024 * 1024
READ_ALLOWED = 64 * 1024


class RefusingInput:
    """A multipart body with one 50 MB PDF that fails the test once more than a
    little of it is read."""

    HEAD = (
        b"--grenze\r\n"
        b'Content-Disposition: form-data; name="receipt"; filename="beleg.pdf"\r\n'
        b"Content-Type: application/pdf\r\n\r\n%PDF-1.4\n"
    )

    def __init__(self):
        self.read_bytes = 0

    def read(self, size=-1):
        size = READ_ALLOWED if size is None or size < 0 else size
        start = self.read_bytes
        self.read_bytes += size
        assert self.read_bytes <= READ_ALLOWED, "the body was read past the cap"
        data = self.HEAD[start : start + size]
        return data + b"0" * (size - len(data))

    def readline(self, size=-1):
        return self.read(size)


def post_fifty_megabytes(client, url):
    body = RefusingInput()
    response = client.generic(
        "POST",
        url,
        CONTENT_TYPE="multipart/form-data; boundary=grenze",
        CONTENT_LENGTH=str(FIFTY_MB),
        **{"wsgi.input": body},
    )
    return response, body


def test_request_cap_lies_just_above_the_largest_allowed_file():
    largest = max(MAX_UPLOAD_BYTES, MAX_REGISTER_BYTES)

    assert largest < settings.MAX_REQUEST_BODY_BYTES <= largest + 2 * 1024 * 1024


def test_request_fifty_megabyte_receipt_is_refused_without_reading_it(client):
    coordinator = factories.CoordinatorFactory()
    funded_cohort([coordinator.municipality])
    login_verified(client, coordinator)

    response, body = post_fifty_megabytes(
        client, reverse("funding:expense_create", kwargs={"funding_year": 2026})
    )

    assert (response.status_code, body.read_bytes) == (413, 0)
    assert response.context["status"] == 413
    assert "Die Anfrage ist zu groß" in response.content.decode()


def test_request_fifty_megabytes_to_a_public_form_are_refused_without_reading_them(client):
    response, body = post_fifty_megabytes(client, reverse("accounts:login"))

    assert (response.status_code, body.read_bytes) == (413, 0)


def test_request_with_a_bad_content_length_is_not_an_error(client):
    response = client.generic("POST", reverse("accounts:login"), b"email=a", CONTENT_LENGTH="viel")

    assert response.status_code == 200
