"""Events stored before drafts existed were public at once: they stay published."""

from django.db import migrations
from django.db.models import F


def publish_existing(apps, schema_editor):
    Event = apps.get_model("events", "Event")
    Event.objects.filter(published_at__isnull=True).update(published_at=F("created_at"))


class Migration(migrations.Migration):
    dependencies = [("events", "0006_event_drafts_and_cancellation")]

    operations = [migrations.RunPython(publish_existing, migrations.RunPython.noop)]
