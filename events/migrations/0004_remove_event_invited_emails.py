from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0003_invitations_from_emails"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="event",
            name="invited_emails",
        ),
    ]
