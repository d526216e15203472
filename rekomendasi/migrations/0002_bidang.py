"""The fields of recommendations named in the product brief; admins edit the list afterwards."""

from django.db import migrations

BIDANG = [
    "Kelembagaan/SOTK",
    "Politik dan Pemilu",
    "Ideologi dan Wawasan Kebangsaan",
    "Ormas",
    "Kewaspadaan Dini dan Konflik",
    "Kerukunan Umat Beragama/FKUB",
    "P4GN",
    "Paskibraka/DPPI",
    "Anggaran",
    "Lainnya",
]


def muat(apps, schema_editor):
    Bidang = apps.get_model("rekomendasi", "Bidang")
    for urutan, nama in enumerate(BIDANG, start=1):
        Bidang.objects.get_or_create(nama=nama, defaults={"urutan": urutan * 10})


class Migration(migrations.Migration):
    dependencies = [("rekomendasi", "0001_awal")]

    operations = [migrations.RunPython(muat, migrations.RunPython.noop)]
