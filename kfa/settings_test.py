"""Settings for the test suite: same as development, with fast hashing and inline tasks."""

from kfa.settings import *  # noqa: F403 -- tests extend the shared settings

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WHITENOISE_AUTOREFRESH = True

# Uploads made by tests go to a throw-away directory, never into var/media.
import tempfile  # noqa: E402 -- only needed for this one setting

STORAGES = {
    **STORAGES,  # noqa: F405
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": tempfile.mkdtemp(prefix="kfa-test-media-")},
    },
}

# On SQLite the tests use a database file, not the in-memory default: in memory, two
# requests of a browser test that write at once (an autosave and a form post) fail with
# "table is locked" instead of waiting, which the demo's file database never does.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.mkdtemp(prefix="kfa-test-db-")) / "test.sqlite3")  # noqa: F405
    }
