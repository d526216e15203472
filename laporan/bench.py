"""What `make bench` measures of laporan: its pages (see rakor/bench.py for the row shape), the
governor's summary PDF and the Excel import."""

import datetime

from kesbangpol.models import User, Wilayah
from laporan.demo import TEMA
from laporan.models import LaporanTriwulan, Periode, PotensiKonflik

S = LaporanTriwulan.Status


def bench_pages():
    """Pages `make bench` measures: (label, URL, user, kind), kind "daftar" for lists and detail
    pages, "dasbor" for dashboards and the matrix."""
    laporan = (
        LaporanTriwulan.objects.filter(kabkota__kode="64.01", status=S.DITERIMA)
        .select_related("periode")
        .order_by("-periode__tahun", "-periode__triwulan")
        .first()
    )
    periode = laporan.periode
    return [
        ("matriks kelengkapan (Kaltim, 8 triwulan)", "/laporan/matriks/", "staf_kaltim", "dasbor"),
        (f"agregat {periode} Kaltim", f"/laporan/periode/{periode.pk}/", "staf_kaltim", "dasbor"),
        ("daftar laporan operator", "/laporan/", "operator_paser", "daftar"),
        (f"laporan Kab. Paser {periode}", laporan.get_absolute_url(), "operator_paser", "daftar"),
        # Planning synchronisation: Kalteng's register (the demo's, with the national data's reports).
        ("keselarasan IKU (Kalteng)", "/laporan/iku/keselarasan/", "staf_kalteng", "dasbor"),
        ("capaian IKU (Kalteng, triwulan lalu)", "/laporan/iku/capaian/", "staf_kalteng", "dasbor"),
        ("register IKU Kab. Kapuas", "/laporan/iku/", "operator_kapuas", "daftar"),
    ]


def bench_dokumen():
    """`make bench` rows for documents: the Celery task's own work against raw WeasyPrint on the
    same HTML (Kalteng, 14 kab/kota), and seconds per page of the annex for one province's items
    against 38 provinces' worth."""
    import time

    from django.template.loader import render_to_string

    from kesbangpol import dokumen
    from kesbangpol.models import Dokumen
    from kesbangpol.pdf import render_html

    kalteng = Wilayah.objects.get(kode="62")
    periode = (
        Periode.objects.filter(provinsi=kalteng, laporan__status=S.DITERIMA)
        .order_by("-tahun", "-triwulan")
        .first()
    )
    staf = User.objects.filter(peran=User.Peran.STAF_PROVINSI, instansi__wilayah=kalteng).first()
    render_html("<p>pemanasan</p>")  # fonts and WeasyPrint's caches, so the first figure is not an outlier
    task, raw = [], []
    for _ in range(5):
        job = Dokumen.objects.create(
            jenis="ringkasan_gubernur",
            objek_id=periode.pk,
            provinsi=kalteng,
            judul="bench",
            diminta_oleh=staf,
        )
        t = time.perf_counter()
        dokumen.render(job.pk)
        task.append(time.perf_counter() - t)
        job.refresh_from_db()
        html = dokumen.builder("ringkasan_gubernur").html(
            periode, {}, {"dokumen": job, "url_verifikasi": job.url_verifikasi}
        )
        t = time.perf_counter()
        render_html(html)
        raw.append(time.perf_counter() - t)
        job.berkas.delete(save=False)
        job.delete()
    t_task, t_raw = min(task), min(raw)  # best of five: the least disturbed run of each
    satu = list(PotensiKonflik.objects.filter(laporan__periode=periode).select_related("laporan__kabkota"))
    semua = list(PotensiKonflik.objects.select_related("laporan__kabkota")[:760])
    semua = (semua * (760 // max(len(semua), 1) + 1))[:760]  # ~38 provinces × 20 items
    per_halaman = []
    for daftar in (satu, semua):
        html = render_to_string("laporan/pdf/lampiran.html", {"lampiran_daftar": daftar})
        t = time.perf_counter()
        _, halaman = render_html(html)
        per_halaman.append((len(daftar), halaman, (time.perf_counter() - t) / halaman))
    return [
        (
            f"ringkasan Gubernur {kalteng.nama} ({kalteng.kabkota.count()} kab/kota): tugas Celery",
            f"{t_task:.2f} s",
        ),
        ("WeasyPrint saja pada HTML yang sama", f"{t_raw:.2f} s"),
        ("beban portal di atas WeasyPrint", f"{100 * (t_task - t_raw) / t_raw:.0f}%"),
        (
            f"lampiran 1 provinsi ({per_halaman[0][0]} butir, {per_halaman[0][1]} hlm)",
            f"{per_halaman[0][2]:.3f} s/hlm",
        ),
        (
            f"lampiran 38 provinsi ({per_halaman[1][0]} butir, {per_halaman[1][1]} hlm)",
            f"{per_halaman[1][2]:.3f} s/hlm",
        ),
    ]


def bench_impor(jumlah_laporan=5):
    """The Excel import against the bulk operation it stands for, in seconds: 5 uploads of the
    report template with the sheet's maximum of rows each, through the same `impor()` the upload
    page calls, against `bulk_create` of the same objects; then every report's own template
    downloaded and uploaded again (every row an update) against `bulk_update` of the same rows.
    Everything is rolled back."""
    import io
    import time

    import openpyxl
    from django.db import transaction
    from simple_history.utils import bulk_create_with_history

    from laporan import impor

    paser = Wilayah.objects.get(kode="64.01")
    operator = User.objects.get(username="operator_paser")
    baris = impor.MAKS_BARIS
    hasil = {"baris": baris * jumlah_laporan}

    class Batal(Exception):
        pass

    def unggah(laporan, berkas):
        t = time.perf_counter()
        for lap, isi in zip(laporan, berkas, strict=True):
            galat = impor.impor(io.BytesIO(isi), lap, operator)
            assert not galat, galat.daftar[:3]
        return time.perf_counter() - t

    try:
        with transaction.atomic():
            laporan = []
            for i in range(jumlah_laporan):
                periode = Periode.objects.create(
                    provinsi=paser.provinsi,
                    tahun=2090 + i,
                    triwulan=1,
                    tenggat=datetime.date(2090 + i, 4, 10),
                )
                laporan.append(LaporanTriwulan.objects.create(periode=periode, kabkota=paser))
            berkas = []
            for lap in laporan:
                wb = openpyxl.load_workbook(io.BytesIO(impor.templat(lap)))
                ws = wb["Potensi"]
                for n in range(baris):
                    tema, sumber, bidang = TEMA[n % len(TEMA)]
                    ws.append(
                        ["", f"[Bench] {tema} {n}", "Tanah Grogot", "Tanah Grogot", -1.9 + n / 1e5, 116.2]
                        + [sumber, bidang, "Warga dan perusahaan", "Latar belakang.", "sedang", "baru"]
                        + ["pencegahan", "Mediasi.", "Rapat koordinasi."]
                    )
                out = io.BytesIO()
                wb.save(out)
                berkas.append(out.getvalue())
            # What the import spends before it writes anything: reading the sheets and checking rows.
            t = time.perf_counter()
            for lap, isi in zip(laporan, berkas, strict=True):
                impor.baca(io.BytesIO(isi), lap, operator)
            hasil["baca"] = time.perf_counter() - t
            hasil["impor"] = unggah(laporan, berkas)
            items = PotensiKonflik.objects.filter(laporan__in=laporan)
            assert items.count() == baris * jumlah_laporan
            # Every row an update: each report's own template, downloaded after the import.
            for lap in laporan:
                lap.refresh_from_db()
            hasil["unggah_ulang"] = unggah(laporan, [impor.templat(lap) for lap in laporan])
            semua = list(items)
            for p in semua:
                p.langkah += " Diperbarui."
            t = time.perf_counter()
            # The columns a template row sets, and the version the re-upload bumps.
            kolom = [impor.KODE[k][0] if k in impor.KODE else k for k in impor.POTENSI if k != "id"] + [
                "versi"
            ]
            PotensiKonflik.objects.bulk_update(semua, kolom, batch_size=500)
            hasil["bulk_update"] = time.perf_counter() - t
            salinan = [
                PotensiKonflik(
                    **{f.attname: getattr(p, f.attname) for f in p._meta.concrete_fields if f.attname != "id"}
                )
                for p in semua
            ]
            items._raw_delete(PotensiKonflik.objects.db)
            t = time.perf_counter()
            PotensiKonflik.objects.bulk_create(salinan, batch_size=1000)
            hasil["bulk_create"] = time.perf_counter() - t
            # The same rows each with its history row, as the import must write them (the audit trail).
            for p in salinan:
                p.pk = None
            items._raw_delete(PotensiKonflik.objects.db)
            t = time.perf_counter()
            bulk_create_with_history(salinan, PotensiKonflik, batch_size=500, default_user=operator)
            hasil["bulk_create_riwayat"] = time.perf_counter() - t
            raise Batal
    except Batal:
        pass
    return hasil
