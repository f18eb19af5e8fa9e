"""The data step of selection 0003, in a migration of its own: on PostgreSQL the schema
step creates its indexes at the end of its transaction, which must not hold updated rows
of the same table."""

from django.db import migrations


def unsend_letters_without_recipients(apps, schema_editor):
    """A letter that reached nobody was never sent: it is due again, so the retry job
    sends it once a coordinator can receive it."""
    LetterDispatch = apps.get_model("selection", "LetterDispatch")
    LetterDispatch.objects.filter(sent_at__isnull=False, recipient_count=0).update(sent_at=None)


def ineligible_get_their_letter(apps, schema_editor):
    """Applications screened out as formally ineligible and left out of the run carry
    their own outcome; a letter still due to one of them becomes the ineligible letter."""
    Screening = apps.get_model("reviews", "Screening")
    Outcome = apps.get_model("selection", "Outcome")
    LetterDispatch = apps.get_model("selection", "LetterDispatch")
    screened_out = Screening.objects.filter(status="not_eligible").values("application_id")
    outcomes = Outcome.objects.filter(application_id__in=screened_out, in_run=False)
    outcomes.filter(proposed_kind="not_selected").update(proposed_kind="ineligible")
    outcomes.filter(kind="not_selected").update(kind="ineligible")
    LetterDispatch.objects.filter(
        application_id__in=screened_out, sent_at__isnull=True, outcome="not_selected"
    ).update(outcome="ineligible")


class Migration(migrations.Migration):
    dependencies = [
        ("selection", "0003_letters_reach_people"),
        ("reviews", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(unsend_letters_without_recipients, migrations.RunPython.noop),
        migrations.RunPython(ineligible_get_their_letter, migrations.RunPython.noop),
    ]
