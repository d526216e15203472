from django.db import migrations


def muat(apps, schema_editor):
    from laporan import kodebuku

    kodebuku.muat(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("laporan", "0005_kodebuku")]

    operations = [migrations.RunPython(muat, migrations.RunPython.noop)]
