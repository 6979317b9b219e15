"""A SENCo, and only a SENCo, has a setting: a database rule, not only a form rule.

A SENCo membership without a setting would see every case whose child has no setting.
Memberships that break the rule stop the migration with their ids, to be fixed by hand
(give the SENCo their setting, or clear the setting of another role) before migrating.
"""

from django.db import migrations, models


def refuse_broken_memberships(apps, schema_editor):
    Membership = apps.get_model("people", "Membership")
    senco = models.Q(role="senco")
    broken = Membership.objects.filter(
        (senco & models.Q(setting__isnull=True)) | (~senco & models.Q(setting__isnull=False))
    )
    ids = sorted(broken.values_list("pk", flat=True))
    if ids:
        raise RuntimeError(
            "A SENCo, and only a SENCo, has a setting; fix these memberships first: "
            + ", ".join(str(pk) for pk in ids)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0002_caseload_target"),
    ]

    operations = [
        migrations.RunPython(refuse_broken_memberships, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="membership",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("role", "senco"), ("setting__isnull", False)),
                    models.Q(models.Q(("role", "senco"), _negated=True), ("setting__isnull", True)),
                    _connector="OR",
                ),
                name="membership_setting_iff_senco",
                violation_error_message="A SENCo, and only a SENCo, has a setting.",
            ),
        ),
    ]
