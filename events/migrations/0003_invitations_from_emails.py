"""Each line of an event's former invitation list becomes an invitation row.

The rows get no token: nobody has been sent a link yet. The office sends the invitations
from the event's page. A registration already made with the address (under the old
rule, after logging in) is linked, so the office sees that the person has registered.
Lines that are no valid address (or too long for one) are left out; they could never
have been used.
"""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import migrations


def _addresses(text):
    seen = []
    for line in text.splitlines():
        email = line.strip().lower()
        # validate_email passes up to 320 characters; the column holds 254.
        if not email or email in seen or len(email) > 254:
            continue
        try:
            validate_email(email)
        except ValidationError:
            continue
        seen.append(email)
    return seen


def forwards(apps, schema_editor):
    Event = apps.get_model("events", "Event")
    Invitation = apps.get_model("events", "Invitation")
    Registration = apps.get_model("events", "Registration")
    for event in Event.objects.exclude(invited_emails=""):
        for email in _addresses(event.invited_emails):
            registration = (
                Registration.objects.filter(event=event, email=email)
                .exclude(status="cancelled")
                .first()
            )
            Invitation.objects.create(event=event, email=email, registration=registration)


def backwards(apps, schema_editor):
    Event = apps.get_model("events", "Event")
    Invitation = apps.get_model("events", "Invitation")
    for event in Event.objects.filter(invitations__isnull=False).distinct():
        emails = (
            Invitation.objects.filter(event=event, withdrawn_at__isnull=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
        event.invited_emails = "\n".join(emails)
        event.save(update_fields=["invited_emails"])
    Invitation.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0002_invitation"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
