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
