"""The Satu Data package of an accepted period (Perpres 39/2019): a de-identified aggregate dataset for
the province's Satu Data officer, as a ZIP of two CSV files and a metadata file.

What goes in: the potensi and kejadian of the period's **accepted** reports, **verified** at least by
one source, and **not rahasia** (the package is classified *biasa*). Region codes are Kepmendagri's.

Suppression (``MIN``): no cell may point at a single item. A count of potensi for one kab/kota ×
sumber × tingkat × tren below ``MIN`` is published as ``<3``; a kab/kota whose accepted reports hold
fewer than ``MIN`` kejadian has its kejadian count published as ``<3`` and its casualty figures left
empty (``*``). Zero counts are not listed (a long table: only the combinations that occur). No totals
are published beside suppressed cells, so none can be recovered by subtraction.
"""

import csv
import io
import json
import zipfile
from collections import Counter, defaultdict

from django.utils import timezone

from kesbangpol import access
from laporan.models import KejadianKonflik, LaporanTriwulan, PotensiKonflik, Verifikasi

MIN = 3
DITEKAN = f"<{MIN}"


def _terbit(qs):
    return access.tanpa_rahasia(qs.exclude(verifikasi=Verifikasi.BELUM))


def _csv(kolom, baris) -> bytes:
    out = io.StringIO()
    tulis = csv.writer(out)
    tulis.writerow(kolom)
    tulis.writerows(baris)
    return ("\ufeff" + out.getvalue()).encode()


def paket(periode, kantor=None) -> tuple[bytes, dict]:
    """The ZIP and its metadata (returned too, for the page and the tests). Three queries."""
    diterima = LaporanTriwulan.objects.filter(
        periode=periode, kabkota__provinsi=periode.provinsi, status=LaporanTriwulan.Status.DITERIMA
    )
    nama = dict(periode.provinsi.kabkota.values_list("kode", "nama"))
    potensi = Counter(
        _terbit(PotensiKonflik.objects.filter(laporan__in=diterima)).values_list(
            "laporan__kabkota__kode", "sumber", "tingkat", "tren"
        )
    )
    kejadian = defaultdict(lambda: [0, 0, 0, 0])
    for kode, *korban in _terbit(KejadianKonflik.objects.filter(laporan__in=diterima)).values_list(
        "laporan__kabkota__kode", "meninggal", "luka", "mengungsi"
    ):
        r = kejadian[kode]
        kejadian[kode] = [r[0] + 1] + [a + b for a, b in zip(r[1:], korban, strict=True)]
    tw = [periode.tahun, periode.triwulan]
    baris_potensi = [
        [kode, nama.get(kode, ""), *tw, sumber, tingkat, tren, n if n >= MIN else DITEKAN]
        for (kode, sumber, tingkat, tren), n in sorted(potensi.items())
    ]
    baris_kejadian = [
        [kode, nama.get(kode, ""), *tw] + (r if r[0] >= MIN else [DITEKAN, "*", "*", "*"])
        for kode, r in sorted(kejadian.items())
    ]
    ditekan = sum(1 for b in baris_potensi if b[-1] == DITEKAN) + sum(
        1 for b in baris_kejadian if b[4] == DITEKAN
    )
    provinsi = periode.provinsi
    metadata = {
        "judul": f"Potensi dan kejadian konflik sosial per kabupaten/kota, {provinsi.nama}, {periode}",
        "produsen_data": kantor.nama if kantor else f"Badan Kesbangpol {periode.provinsi.nama}",
        "kode_wilayah_produsen": periode.provinsi.kode,
        "periode": {"tahun": periode.tahun, "triwulan": periode.triwulan, "mulai": str(periode.mulai),
                    "selesai": str(periode.selesai)},
        "frekuensi": "triwulanan",
        "klasifikasi": "biasa",
        "tanggal_dibuat": timezone.localtime().isoformat(timespec="seconds"),
        "satuan": {"jumlah": "butir potensi konflik", "jumlah_kejadian": "kejadian",
                   "meninggal": "jiwa", "luka": "jiwa", "mengungsi": "jiwa"},
        "cakupan": "Laporan triwulan kabupaten/kota yang telah diterima provinsi; butir terkonfirmasi "
        "sedikitnya satu sumber; tanpa butir berklasifikasi rahasia.",
        "definisi": {
            "potensi_konflik": "Keadaan yang dapat berkembang menjadi konflik sosial (UU 7/2012).",
            "kejadian_konflik": "Benturan fisik antarkelompok yang terjadi pada triwulan itu.",
            "sumber": "Sumber konflik menurut UU 7/2012 Pasal 5: " + "; ".join(
                f"{v} = {label}" for v, label in PotensiKonflik.Sumber.choices),
            "tingkat": "; ".join(f"{v} = {label}" for v, label in PotensiKonflik.Tingkat.choices),
            "tren": "Dibanding triwulan sebelumnya: " + "; ".join(
                f"{v} = {label}" for v, label in PotensiKonflik.Tren.choices),
        },
        "kode_referensi": {
            "kode_wilayah": "Kepmendagri Nomor 300.2.2-2138 Tahun 2025 (kode kabupaten/kota)",
            "sumber": "UU Nomor 7 Tahun 2012 tentang Penanganan Konflik Sosial, Pasal 5",
        },
        "aturan_penekanan": f"Sel jumlah di bawah {MIN} ditulis '{DITEKAN}'; kabupaten/kota dengan kurang "
        f"dari {MIN} kejadian ditulis '{DITEKAN}' dan angka korbannya '*'. Kombinasi bernilai nol tidak "
        "dicantumkan; tidak ada jumlah total di samping sel yang ditekan.",
        "sel_ditekan": ditekan,
        "berkas": ["potensi.csv", "kejadian.csv", "metadata.json"],
    }  # fmt: skip
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "potensi.csv",
            _csv(["kode_wilayah", "kabupaten_kota", "tahun", "triwulan", "sumber", "tingkat", "tren",
                  "jumlah"], baris_potensi),
        )  # fmt: skip
        z.writestr(
            "kejadian.csv",
            _csv(["kode_wilayah", "kabupaten_kota", "tahun", "triwulan", "jumlah_kejadian", "meninggal",
                  "luka", "mengungsi"], baris_kejadian),
        )  # fmt: skip
        z.writestr("metadata.json", json.dumps(metadata, ensure_ascii=False, indent=2))
    return out.getvalue(), metadata
