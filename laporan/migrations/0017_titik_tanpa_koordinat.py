from django.db import migrations
from django.db.models import Q


def sesuaikan(apps, schema_editor):
    """Rows saved before a titik needed coordinates: a titik without both is lowered to what is
    filled (desa/kelurahan, else kecamatan, else kabupaten/kota saja), as 0016 did for the others."""
    for model in ("PotensiKonflik", "KejadianKonflik", "LaporanSegera"):
        Model = apps.get_model("laporan", model)
        tanpa = Model.objects.filter(Q(latitude=None) | Q(longitude=None), ketelitian_lokasi="titik")
        tanpa.exclude(desa="").update(ketelitian_lokasi="desa")
        tanpa.filter(desa="").exclude(kecamatan="").update(ketelitian_lokasi="kecamatan")
        tanpa.filter(desa="", kecamatan="").update(ketelitian_lokasi="kabkota")


class Migration(migrations.Migration):
    dependencies = [
        ("laporan", "0016_ketelitian_lokasi_sesuai_isian"),
    ]

    operations = [
        migrations.RunPython(sesuaikan, migrations.RunPython.noop),
    ]
