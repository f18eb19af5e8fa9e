from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice


def login_verified(client, user):
    """Log ``client`` in as ``user`` with the second factor already passed."""
    client.force_login(user)
    if user.needs_second_factor:
        device = TOTPDevice.objects.create(user=user, name="Test", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


def finish(response) -> bytes:
    """Read a response to the end, as a browser would.

    Streaming responses (exports, file downloads) must be consumed rather than closed
    directly: the test client's own wrapper then releases the file without firing the
    signal that would close the database connection inside the test's transaction.
    """
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def minimal_pdf() -> bytes:
    """A real, one-page PDF (blank A4), as a PDF reader would accept it."""
    from io import BytesIO

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
