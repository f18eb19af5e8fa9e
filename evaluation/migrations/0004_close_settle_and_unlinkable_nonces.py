"""Surveys get the moment they were closed under the answer lock; used nonces lose their
counter key and their plain digest; responses lose their day; page nonces leave the
sessions they were kept in.

Existing rows are kept: a survey whose end has passed counts as closed at its end (no
answer can be on its way in while this migration runs); each used nonce is kept under
the keyed HMAC of its old digest, which no nonce found anywhere can be matched to any
more, but which still counts the row for its survey until the daily cleanup.
"""

from django.db import migrations, models
from django.utils import timezone
from django.utils.crypto import salted_hmac

# The session keys the answer pages used to keep their nonces under.
SESSION_KEYS = ("evaluation_nonces", "evaluation_nonces_used")


def close_ended_surveys(apps, schema_editor):
    Survey = apps.get_model("evaluation", "Survey")
    Survey.objects.filter(closed_at__isnull=True, closes_at__lte=timezone.now()).update(
        closed_at=models.F("closes_at")
    )


def rekey_used_nonces(apps, schema_editor):
    UsedNonce = apps.get_model("evaluation", "UsedNonce")
    for old in list(UsedNonce.objects.values_list("digest", flat=True)):
        new = salted_hmac("evaluation.used-nonce.legacy", old, algorithm="sha256").hexdigest()
        UsedNonce.objects.filter(digest=old).update(digest=new)


def scrub_sessions(apps, schema_editor):
    from django.contrib.sessions.backends.db import SessionStore

    Session = apps.get_model("sessions", "Session")
    store = SessionStore()
    for key, data in Session.objects.values_list("session_key", "session_data").iterator():
        decoded = store.decode(data)
        if not any(name in decoded for name in SESSION_KEYS):
            continue
        for name in SESSION_KEYS:
            decoded.pop(name, None)
        Session.objects.filter(session_key=key).update(session_data=store.encode(decoded))


class Migration(migrations.Migration):
    dependencies = [
        ("evaluation", "0003_invitations_and_nonce_survey"),
        ("sessions", "0001_initial"),
    ]

    operations = [
        migrations.RemoveField(model_name="response", name="submitted_on"),
        migrations.AddField(
            model_name="survey",
            name="closed_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="Geschlossen am"
            ),
        ),
        migrations.RunPython(close_ended_surveys, migrations.RunPython.noop),
        migrations.RemoveField(model_name="usednonce", name="id"),
        migrations.AlterField(
            model_name="usednonce",
            name="digest",
            field=models.CharField(max_length=64, primary_key=True, serialize=False),
        ),
        migrations.RunPython(rekey_used_nonces, migrations.RunPython.noop),
        migrations.RunPython(scrub_sessions, migrations.RunPython.noop),
    ]
