"""Settings for the test suite: same as development, with fast hashing and inline tasks."""

from kfa.settings import *  # noqa: F403 -- tests extend the shared settings

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WHITENOISE_AUTOREFRESH = True
