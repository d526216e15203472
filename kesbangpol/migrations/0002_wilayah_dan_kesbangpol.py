"""Loads the 38 provinces and 514 kab/kota from kesbangpol/data/wilayah.csv (source and date in
kesbangpol/data/README.md) and gives each region its Badan Kesbangpol office."""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "wilayah.csv"


def nama_kesbangpol(nama_wilayah, tingkat):
    prefix = "Provinsi " if tingkat == "provinsi" else ""
    return f"Badan Kesatuan Bangsa dan Politik {prefix}{nama_wilayah}"


def muat(apps, schema_editor):
    Wilayah = apps.get_model("kesbangpol", "Wilayah")
    Instansi = apps.get_model("kesbangpol", "Instansi")
    with DATA.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(line for line in f if not line.startswith("#")))
    provinsi = {}
    for row in rows:
        if row["tingkat"] == "provinsi":
            provinsi[row["kode"]] = Wilayah(kode=row["kode"], nama=row["nama"], tingkat="provinsi", zona_waktu=row["zona_waktu"])
    Wilayah.objects.bulk_create(provinsi.values())
    provinsi = {w.kode: w for w in Wilayah.objects.filter(tingkat="provinsi")}
    Wilayah.objects.bulk_create(
        Wilayah(kode=r["kode"], nama=r["nama"], tingkat=r["tingkat"], zona_waktu=r["zona_waktu"], provinsi=provinsi[r["kode"][:2]])
        for r in rows
        if r["tingkat"] != "provinsi"
    )
    Instansi.objects.bulk_create(
        Instansi(
            nama=nama_kesbangpol(w.nama, w.tingkat),
            singkatan=f"Kesbangpol {w.nama.removeprefix('Kabupaten ')}",
            jenis="kesbangpol",
            wilayah=w,
        )
        for w in Wilayah.objects.order_by("kode")
    )


def hapus(apps, schema_editor):
    apps.get_model("kesbangpol", "Instansi").objects.filter(jenis="kesbangpol").delete()
    Wilayah = apps.get_model("kesbangpol", "Wilayah")
    Wilayah.objects.exclude(tingkat="provinsi").delete()
    Wilayah.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("kesbangpol", "0001_initial")]

    operations = [migrations.RunPython(muat, hapus)]
