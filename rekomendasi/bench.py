"""What `make bench` measures of rekomendasi (see rakor/bench.py for the row shape)."""

import datetime

from kesbangpol.models import Instansi, Wilayah
from rakor.models import Rakor


def bench_pages():
    kaltim = Wilayah.objects.get(kode="64")
    rakor = Rakor.objects.get(provinsi=kaltim, tanggal_mulai=datetime.date(2024, 4, 23))
    paser = Instansi.objects.kesbangpol().get(wilayah__kode="64.01")
    return [
        ("dasbor rekomendasi (staf provinsi)", "/rekomendasi/", "staf_kaltim", "dasbor"),
        (
            "halaman instansi: penugasan Kesbangpol Paser",
            f"/rekomendasi/instansi/{paser.pk}/",
            "operator_paser",
            "daftar",
        ),
        ("rekomendasi rakor Kaltim 2024", f"/rekomendasi/rakor/{rakor.pk}/", "staf_kaltim", "daftar"),
        (
            "penugasan terlambat se-provinsi",
            "/rekomendasi/penugasan/?status=terlambat",
            "staf_kaltim",
            "daftar",
        ),
    ]
