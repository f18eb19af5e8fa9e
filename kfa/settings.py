"""Settings for development, the demo and the tests.

Everything that differs between machines comes from the environment, so that the
same code runs on a laptop with SQLite and on several stateless app servers that
share one PostgreSQL database (see ``settings_production``).
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("KFA_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


SECRET_KEY = os.environ.get(
    "DJANGO_SECRET_KEY", "insecure-development-key-only-for-the-local-demo-and-tests"
)
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
SITE_URL = os.environ.get("KFA_SITE_URL", "http://127.0.0.1:8000")
DEMO_DATA_ALLOWED = True

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    "core",
    "accounts",
    "municipalities",
    "calls",
    "applications",
    "reviews",
    "office",
    "selection",
    "programme",
    "trainings",
    "network",
    "advisory",
    "events",
    "evaluation",
    "recommendations",
    "progress",
    "funding",
    "kfa",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # After the log-in is known (the refusal page shows the navigation) and before
    # anything reads the body (CSRF's check reads the form only after every middleware).
    "core.middleware.RequestBodyLimitMiddleware",
    "accounts.middleware.RequireSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "kfa.urls"
WSGI_APPLICATION = "kfa.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site",
                "kfa.menu.main_menu",
                "kfa.menu.programme_area",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'kfa.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the demo's web server and task worker read while the other writes;
    # IMMEDIATE transactions take the write lock up front, so select_for_update-style
    # critical sections (submission, caps) serialise instead of failing midway.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["accounts.backends.EmailBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "core:home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sessions live in the database so that any app server can answer any request.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# The language choice is read only by the server; no script needs to see it.
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
# A working day: a log-in does not outlive the day it was made on a shared office
# computer. Expired rows are deleted by the daily `manage.py clearsessions` (and by
# `manage.py evaluation_cleanup`), so old sessions do not pile up in the database.
SESSION_COOKIE_AGE = 60 * 60 * 8

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("Deutsch")), ("en", _("Englisch"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Berlin"

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/kern", BASE_DIR / "node_modules" / "@kern-ux" / "native" / "dist"),
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
]
STORAGES = {
    # Uploads sit outside the static web root and are only ever served through views
    # that check permissions; production points this at shared storage.
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(Path(os.environ.get("KFA_MEDIA_DIR", VAR_DIR / "media")))},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The largest file anyone may upload is the register (20 MB; PDFs at most 10 MB). A
# request body may be 1 MB larger for the other fields and the multipart framing;
# anything larger is refused before it is read (core.middleware.RequestBodyLimitMiddleware),
# and the proxy in front must keep the same limit (README, "Running in production").
LARGEST_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_REQUEST_BODY_BYTES = LARGEST_UPLOAD_BYTES + 1024 * 1024
# Form fields without files: far more than any form's text, far less than a file.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Uploads larger than this go to a temporary file instead of memory while received.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# The demo (DEBUG) keeps every mail in its browser mailbox at /demo-postfach/; without
# DEBUG, mails go to the console unless EMAIL_BACKEND says otherwise.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "core.demo_mailbox.DatabaseEmailBackend"
    if DEBUG
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "127.0.0.1")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Kommunen für alle <kommunen-fuer-alle@eccar.example>"
)

TASKS = {
    "default": {
        "BACKEND": os.environ.get("KFA_TASK_BACKEND", "django_tasks_db.backend.DatabaseBackend"),
    }
}

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if os.environ.get("REDIS_URL"):
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
    }

# Minutes between a survey's closing and its results: figures are shown only once no
# answer can still arrive, so two visits never differ by one person's answers.
EVALUATION_SETTLING_MINUTES = 15

OTP_TOTP_ISSUER = "Kommunen für alle"

# Failed log-ins within the window before a client is locked out of an account for
# the rest of the window, and failures from all clients together before every client
# not known to the account is (accounts.services.throttling).
LOGIN_FAILURE_LIMIT = 5
LOGIN_ACCOUNT_FAILURE_LIMIT = 30
LOGIN_FAILURE_WINDOW_MINUTES = 15

# Public event registration without a confirmed address: the place is held this long
# for the link in the mail; the unconfirmed registration is deleted after a day. At most
# so many such registrations per client and per address within the window.
EVENTS_HOLD_MINUTES = 30
EVENTS_UNCONFIRMED_HOURS = 24
EVENTS_LIMIT_WINDOW_MINUTES = 60
EVENTS_LIMIT_PER_CLIENT = 10
EVENTS_LIMIT_PER_ADDRESS = 3
# From this many registrations of one client within the window, the office is shown them.
EVENTS_SUSPICIOUS_BURST = 3

# The official municipality register shipped with the repository (dl-de/by-2-0).
REGISTER_CSV = BASE_DIR / "data" / "gemeindeverzeichnis" / "AuszugGV4QAktuell.csv"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("KFA_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # PDF rendering reports every layout step at INFO; only problems matter.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Outside production, WhiteNoise serves static files straight from the finders,
# so the demo needs no collectstatic step.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
FORMAT_MODULE_PATH = ["kfa.formats"]
