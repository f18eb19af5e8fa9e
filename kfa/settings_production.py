"""Production settings: PostgreSQL, HTTPS only, strict cookies, stateless app servers."""

import os

from django.core.exceptions import ImproperlyConfigured

from kfa.settings import *  # noqa: F403 -- production extends the shared settings

DEBUG = False
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set to a random value of 50+ characters.")

SITE_URL = os.environ.get("KFA_SITE_URL", "")
if not SITE_URL.startswith("https://"):
    # Links in e-mails are built from it; a wrong value would send people nowhere.
    raise ImproperlyConfigured("KFA_SITE_URL must be set to the https:// address of the site.")
# Demo accounts have published passwords; they must never be created here.
DEMO_DATA_ALLOWED = False

SECURE_SSL_REDIRECT = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = False
WHITENOISE_AUTOREFRESH = False
