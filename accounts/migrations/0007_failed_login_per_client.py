from django.db import migrations, models


def forget_failures(apps, schema_editor):
    # Failures count for 15 minutes only, and the old rows name the address in plain
    # text: they go rather than being carried over.
    apps.get_model("accounts", "FailedLogin").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0006_municipality_claims_and_link_states"),
    ]

    operations = [
        migrations.RunPython(forget_failures, migrations.RunPython.noop),
        migrations.RemoveField(model_name="failedlogin", name="email"),
        migrations.AddField(
            model_name="failedlogin",
            name="account_hash",
            field=models.CharField(default="", max_length=64),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="failedlogin",
            name="client_hash",
            field=models.CharField(default="", max_length=64),
            preserve_default=False,
        ),
        migrations.AddIndex(
            model_name="failedlogin",
            index=models.Index(
                fields=["account_hash", "client_hash", "created_at"],
                name="failedlogin_account_client",
            ),
        ),
        migrations.AddIndex(
            model_name="failedlogin",
            index=models.Index(fields=["account_hash", "created_at"], name="failedlogin_account"),
        ),
    ]
