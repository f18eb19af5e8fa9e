"""Sessions expire after a working day and the daily cleanup removes expired rows."""

import datetime as dt

from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone


def stored_session(*, expires_in: dt.timedelta) -> str:
    store = SessionStore()
    store["x"] = 1
    store.create()
    Session.objects.filter(pk=store.session_key).update(expire_date=timezone.now() + expires_in)
    return store.session_key


def test_session_cookie_lasts_a_working_day():
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60


def test_daily_cleanup_removes_expired_sessions(db, capsys):
    expired = stored_session(expires_in=-dt.timedelta(minutes=1))
    current = stored_session(expires_in=dt.timedelta(hours=1))
    call_command("evaluation_cleanup")
    assert list(Session.objects.values_list("pk", flat=True)) == [current]
    assert expired != current
    assert capsys.readouterr().out == "0 nonces, 0 invitations, 1 sessions deleted\n"


def test_clearsessions_is_scheduled_daily_and_named_in_the_readme():
    from core.scheduling import Daily, jobs

    readme = (settings.BASE_DIR / "README.md").read_text()
    assert "`manage.py clearsessions`" in readme
    (job,) = [job for job in jobs() if job.command == "clearsessions"]
    assert isinstance(job.schedule, Daily)
