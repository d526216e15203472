"""What `make bench` measures of rakor: (label, URL, user, kind); kind "daftar" is a list or detail
page (target ≥ 0.35 of the bare page), "dasbor" a dashboard (≥ 0.2), "lain" has no target."""

import datetime

from rakor.models import Rakor


def bench_pages():
    """Pages `make bench` measures on the demo data."""
    kaltim = Rakor.objects.get(provinsi__kode="64", tanggal_mulai=datetime.date(2024, 4, 23))
    return [
        ("daftar rakor (staf provinsi)", "/rakor/", "staf_kaltim", "daftar"),
        ("daftar rakor (operator)", "/rakor/", "operator_paser", "daftar"),
        ("halaman rakor Kaltim 2024 (52 peserta)", kaltim.get_absolute_url(), "staf_kaltim", "daftar"),
        ("kalender rakor", "/rakor/kalender/", "staf_kaltim", "daftar"),
        ("catat kehadiran (52 baris)", f"{kaltim.get_absolute_url()}peserta/", "staf_kaltim", "lain"),
        (
            "daftar hadir PDF (52 baris)",
            f"{kaltim.get_absolute_url()}daftar-hadir.pdf",
            "staf_kaltim",
            "lain",
        ),
    ]
