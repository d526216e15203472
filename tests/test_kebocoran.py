"""Nothing of another region leaks (PRODUCT.md §2), checked with sentinel data.

Every URL of the URLconf (portal and admin) is filled with the ids of records an outsider must not
see: every model's secret record shares one primary key, so ``/rakor/777777/``,
``/rekomendasi/penugasan/777777/``, ``/laporan/777777/``, ``/admin/…/777777/change/`` … each reach
one. Each outsider walks them all before the secret records exist and again after: every answer
(status, redirect, page text, export cells, PDF text) must be the same — so no name, id, count or
existence leaks, in pages, exports, errors or PDFs — and no answer may carry the sentinel text.
The owners walk the same URLs and must find it, which shows the walk reaches the records.
"""

import datetime
import io
import re
import uuid
import zipfile

import openpyxl
import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from kesbangpol.models import Dokumen, Instansi, User, Wilayah
from laporan.actions import siapkan_periode
from laporan.models import (
    Indikator,
    KejadianKonflik,
    LaporanSegera,
    LaporanTriwulan,
    Periode,
    PotensiKonflik,
    RealisasiIndikator,
)
from rakor.models import Agenda, Arahan, Dokumentasi, Narasumber, Orang, Peserta, Rakor
from rekomendasi.models import BuktiDukung, Penugasan, Rekomendasi, TindakLanjut
from tests import factories
from tests.test_every_url import URLS

pytestmark = pytest.mark.django_db

PK_A, TANDA_A = 777777, "SENTINELPASER"  # Kab. Paser's own records (Kaltim)
PK_B, TANDA_B = 888888, "SENTINELKALBAR"  # Kalimantan Barat's records
UUID_A = uuid.UUID("7a7a7a7a-0000-4000-8000-000000000777")
UUID_B = uuid.UUID("8b8b8b8b-0000-4000-8000-000000000888")
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)
# The walk itself writes these (the audit trail records refused attempts; the two-factor set-up page
# gives each visitor an unconfirmed device; each walker gets an API token), so they change between
# walks; they are still searched for the sentinel.
BERUBAH = ("/admin/kesbangpol/audit/", "/admin/otp_totp/totpdevice/", "/admin/kesbangpol/tokenakses/")
LEWATI = ("/akun/keluar/", "/admin/logout/")


def _rahasia(kode_prov: str, kode_kab: str, pk: int, tanda: str, identitas: uuid.UUID, periode=None):
    """One region's records of every kind, each with primary key ``pk`` and ``tanda`` in its text."""
    provinsi, kabkota = Wilayah.objects.get(kode=kode_prov), Wilayah.objects.get(kode=kode_kab)
    kantor = factories.kesbangpol(kode_kab)
    instansi = Instansi.objects.create(
        pk=pk, wilayah=kabkota, nama=f"Bappeda {tanda}", jenis=Instansi.Jenis.BAPPEDA, email=f"{tanda}@x.id"
    )
    factories.pengguna(
        f"pengguna_{tanda.lower()}", User.Peran.OPERATOR_KABKOTA, kode_kab, pk=pk, nama_lengkap=f"Pak {tanda}"
    )
    orang = Orang.objects.create(pk=pk, nama=f"Ibu {tanda}", jabatan=f"Kabid {tanda}", instansi=kantor)
    rakor = Rakor.objects.create(
        pk=pk,
        provinsi=provinsi,
        judul=f"Rakor {tanda}",
        tema=f"Tema {tanda}",
        tahun_anggaran=2026,
        tanggal_mulai=datetime.date(2026, 2, 3),
        tanggal_selesai=datetime.date(2026, 2, 4),
        tempat=f"Hotel {tanda}",
        penyelenggara=factories.kesbangpol(kode_prov),
        dibuka_oleh=f"Bupati {tanda}",
        notulen=f"Notulen {tanda}",
    )
    narasumber = Narasumber.objects.create(pk=pk, rakor=rakor, orang=orang, materi=f"Materi {tanda}")
    narasumber.bahan.save(f"{tanda}.pdf", ContentFile(factories.PDF_BYTES), save=False)
    narasumber.bahan_nama = f"{tanda}.pdf"
    narasumber.save()
    Agenda.objects.create(
        pk=pk, rakor=rakor, tanggal=rakor.tanggal_mulai, jam_mulai=datetime.time(9), acara=f"Acara {tanda}"
    )
    Arahan.objects.create(pk=pk, rakor=rakor, isi=f"Arahan {tanda}", disampaikan_oleh=f"Sekda {tanda}")
    Peserta.objects.create(pk=pk, rakor=rakor, instansi=kantor, orang=orang, jabatan=f"Kepala {tanda}")
    dok = Dokumentasi(
        pk=pk, rakor=rakor, nama_asli=f"{tanda}.png", jenis_berkas="png", ukuran=len(PNG), keterangan=tanda
    )
    dok.berkas.save(f"{tanda}.png", ContentFile(PNG), save=False)
    dok.save()
    rek = Rekomendasi.objects.create(pk=pk, rakor=rakor, nomor=1, isi=f"Rekomendasi {tanda}")
    penugasan = Penugasan.objects.create(pk=pk, rekomendasi=rek, instansi=kantor)
    tl = TindakLanjut.objects.create(
        pk=pk, penugasan=penugasan, tanggal=datetime.date(2026, 3, 1), status="belum_sesuai", narasi=tanda
    )
    bukti = BuktiDukung(pk=pk, tindak_lanjut=tl, nama_asli=f"{tanda}.pdf", jenis_berkas="pdf", ukuran=10)
    bukti.berkas.save(f"{tanda}.pdf", ContentFile(factories.PDF_BYTES), save=False)
    bukti.save()
    periode = periode or Periode.objects.untuk(provinsi, 2026, 1)
    laporan = LaporanTriwulan(pk=pk, periode=periode, kabkota=kabkota)
    laporan.save(transisi=True, force_insert=True)
    PotensiKonflik(
        pk=pk,
        laporan=laporan,
        identitas=identitas,
        judul=f"Potensi {tanda}",
        pihak=f"Pihak {tanda}",
        kecamatan=f"Kec {tanda}",
        latitude=-1,
        longitude=116,
        sumber="sda",
        bidang="ekonomi",
        tingkat="tinggi",
        tren="baru",
    ).save(lewati_kunci=True, force_insert=True)
    KejadianKonflik(
        pk=pk, laporan=laporan, tanggal=datetime.date(2026, 2, 1), uraian=f"Kejadian {tanda}", meninggal=3
    ).save(lewati_kunci=True, force_insert=True)
    iku = Indikator.objects.create(
        pk=pk, wilayah=kabkota, renstra_mulai=2025, renstra_selesai=2029, kode=f"IKU-{tanda}",
        nama=f"IKU {tanda}", satuan="persen", frekuensi="triwulan",
    )  # fmt: skip
    RealisasiIndikator.objects.create(
        pk=pk, laporan=laporan, indikator=iku, nilai=1, catatan=f"Capaian {tanda}"
    )
    job = Dokumen(
        pk=pk,
        jenis="ringkasan_gubernur",
        objek_id=periode.pk,
        provinsi=provinsi,
        judul=f"Ringkasan {tanda}",
        status=Dokumen.Status.SELESAI,
        sha256="0" * 64,
    )
    job.berkas.save(f"{tanda}.pdf", ContentFile(factories.PDF_BYTES), save=False)
    job.save()
    return rakor, instansi


def _teks(response) -> str:
    """What a person or a program gets out of an answer, with per-request noise masked."""
    jenis = response.get("Content-Type", "")
    isi = b"".join(response.streaming_content) if response.streaming else response.content
    if "spreadsheet" in jenis:
        wb = openpyxl.load_workbook(io.BytesIO(isi), read_only=True)
        teks = response.get("Content-Disposition", "") + "\n".join(
            " ".join("" if v is None else str(v) for v in row)
            for ws in wb.worksheets
            for row in ws.iter_rows(values_only=True)
        )
        return re.sub(r"^Waktu \d{4}-\d\d-\d\d \d\d:\d\d .*$", "Waktu", teks, flags=re.M)  # an export's time
    nama = response.get("Content-Disposition", "")  # a download's file name is shown too
    if "pdf" in jenis and isi.startswith(b"%PDF") and b"startxref" in isi:
        from pypdf import PdfReader

        return nama + "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(isi)).pages)
    if "zip" in jenis:
        return nama + "\n".join(zipfile.ZipFile(io.BytesIO(isi)).namelist())
    teks = nama + isi.decode("utf-8", errors="replace")
    teks = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "csrf", teks)
    teks = re.sub(r'"sisa_detik": \d+', "", teks)  # /akun/sesi/: the session's seconds left, the clock's
    teks = re.sub(r'<td class="field-last_login[^"]*">[^<]*</td>', "", teks)  # the walk signs in
    teks = re.sub(r'<td class="[^"]*token-dipakai"[^>]*>[^<]*</td>', "", teks)  # the walk's API token
    return re.sub(r"^DTSTAMP:.*$", "", teks, flags=re.M)


def alamat(pk: int, kode: str, identitas: uuid.UUID) -> list[str]:
    """Every URL of the URLconf (but signing out) with its ids, region code and identity filled."""
    paths = []
    for _name, pattern in URLS:
        path = pattern.replace("999999", str(pk)).replace("64.01", kode)
        path = path.replace("00000000-0000-4000-8000-000000000000", str(identitas))
        if path not in LEWATI:
            paths.append(path)
    return paths


def _token(user) -> str:
    """The user's API token for the walks (one per user, made once, every part of the data)."""
    from kesbangpol.models import TokenAkses

    token = _TOKEN.get(user.pk)
    if token is None or not TokenAkses.objects.filter(pengguna=user).exists():
        token = _TOKEN[user.pk] = TokenAkses.buat(user, "jalan", 30, TokenAkses.Cakupan.values)[1]
    return token


_TOKEN: dict[int, str] = {}


def _jalan(client, user, pk: int, kode: str, identitas: uuid.UUID) -> dict:
    """Every URL as ``user`` signed in, and every API URL again with the user's token alone."""
    token = _token(user)
    client.force_login(user, backend="kesbangpol.backends.PenggunaBackend")
    hasil = {}
    for path in alamat(pk, kode, identitas):
        response = client.get(path)
        assert response.status_code < 500, (user.username, path)
        hasil[path] = (response.status_code, response.get("Location", ""), _teks(response))
    client.logout()
    for path in alamat(pk, kode, identitas):
        if path.startswith("/api/v1/") and "dokumentasi" not in path:
            response = client.get(path, HTTP_AUTHORIZATION=f"Bearer {token}")
            assert response.status_code < 500, (user.username, path)
            hasil["token " + path] = (response.status_code, "", _teks(response))
    return hasil


def _bandingkan(sebelum: dict, sesudah: dict, tanda: str, siapa: str):
    for path, (status, lokasi, teks) in sesudah.items():
        assert tanda not in teks and tanda.lower() not in teks.lower(), (siapa, path)
        if path.startswith(BERUBAH):
            continue
        assert (status, lokasi) == sebelum[path][:2], (siapa, path, sebelum[path][:2], (status, lokasi))
        assert teks == sebelum[path][2], (siapa, path)


def _dasar():
    """What the outsiders have of their own, so their pages are not empty: a province-wide rakor
    that invites PPU, with an item assigned to PPU, and PPU's report of the same quarter."""
    rakor = factories.rakor("64", judul="Rakor bersama Kaltim")
    Peserta.objects.create(rakor=rakor, instansi=factories.kesbangpol("64.09"), jabatan="Kepala Badan")
    factories.rekomendasi(rakor, isi="Rekomendasi bersama", kode_kantor=("64.09",))
    factories.laporan("64.09")
    # The daily reminder job opens every province's recent quarters; without it the first walk's
    # matrix would open them and change the home page between two walks.
    siapkan_periode(timezone.localdate())
    kalbar = factories.rakor("61", judul="Rakor Kalbar sendiri", penyelenggara=factories.kesbangpol("61"))
    factories.rekomendasi(kalbar, isi="Rekomendasi Kalbar", kode_kantor=("61.01",))


def test_no_page_export_error_or_pdf_shows_another_regions_records(client, personas):
    _dasar()
    luar_a = ["operator_ppu", "staf_kalbar", "tanpa_instansi"]
    sebelum = {p: _jalan(client, personas[p], PK_A, "64.01", UUID_A) for p in luar_a}
    _rahasia("64", "64.01", PK_A, TANDA_A, UUID_A)
    for p in luar_a:
        _bandingkan(sebelum[p], _jalan(client, personas[p], PK_A, "64.01", UUID_A), TANDA_A, p)
    milik = _jalan(client, personas["operator_paser"], PK_A, "64.01", UUID_A)
    for path in ("/rakor/777777/", "/rekomendasi/penugasan/777777/", "/laporan/777777/"):
        assert milik[path][0] == 200 and TANDA_A in milik[path][2], path
    for path in ("/api/v1/penugasan/777777/", "/api/v1/laporan/777777/", "/api/v1/potensi/"):
        assert TANDA_A in milik["token " + path][2], path  # the token walk reaches them
    staf = _jalan(client, personas["staf_kaltim"], PK_A, "64.01", UUID_A)
    assert sum(TANDA_A in teks for _, _, teks in staf.values()) >= 15

    luar_b = [
        "operator_paser",
        "operator_ppu",
        "staf_kaltim",
        "admin_kaltim",
        "pimpinan_kaltim",
        "tanpa_instansi",
    ]
    sebelum = {p: _jalan(client, personas[p], PK_B, "61.01", UUID_B) for p in luar_b}
    kalbar = Wilayah.objects.get(kode="61")
    # The matrix creates a province's periods when first shown (staf_kalbar's walk above did).
    Periode.objects.filter(provinsi=kalbar, tahun=2026, triwulan=1).delete()
    periode_b = Periode.objects.create(pk=PK_B, provinsi=kalbar, tahun=2026, triwulan=1, tenggat="2026-04-10")
    _rahasia("61", "61.01", PK_B, TANDA_B, UUID_B, periode=periode_b)
    for p in luar_b:
        _bandingkan(sebelum[p], _jalan(client, personas[p], PK_B, "61.01", UUID_B), TANDA_B, p)
    milik = _jalan(client, personas["staf_kalbar"], PK_B, "61.01", UUID_B)
    assert sum(TANDA_B in teks for _, _, teks in milik.values()) >= 15
    nasional = _jalan(client, personas["admin_nasional"], PK_B, "61.01", UUID_B)
    assert nasional["/admin/rakor/rakor/888888/change/"][0] == 200


PK_C, TANDA_C = 666666, "SENTINELRAHASIA"
UUID_C = uuid.UUID("6c6c6c6c-0000-4000-8000-000000000666")


def test_no_page_export_notification_mail_or_pdf_shows_a_rahasia_item_to_an_uncleared_user(
    client, personas, django_capture_on_commit_callbacks
):
    """The same walk inside the owning province: rahasia records of Kaltim (Paser's potensi, kejadian
    and urgent report, a rakor photo, a PDF that contains them) with the sentinel. Every user of
    Kaltim without a grant walks every URL and finds no trace; the one user the province cleared by
    name finds them."""
    from kesbangpol.models import IzinRahasia, Notifikasi
    from laporan import segera

    _dasar()
    kaltim = Wilayah.objects.get(kode="64")
    operator = personas["operator_paser"]
    IzinRahasia.objects.create(provinsi=kaltim, pengguna=operator)  # may file it; sees it too
    lap = LaporanTriwulan(
        pk=PK_C, periode=Periode.objects.untuk(kaltim, 2026, 1), kabkota=operator.instansi.wilayah
    )
    lap.save(transisi=True, force_insert=True)
    p = PotensiKonflik(
        pk=PK_C, laporan=lap, identitas=UUID_C, judul=f"Potensi {TANDA_C}", pihak=f"Pihak {TANDA_C}",
        sumber="sara", bidang="agama", tingkat="tinggi", tren="baru", klasifikasi="rahasia",
    )  # fmt: skip
    p.save(lewati_kunci=True, force_insert=True)
    k = KejadianKonflik(
        pk=PK_C,
        laporan=lap,
        tanggal=datetime.date(2026, 2, 1),
        uraian=f"Kejadian {TANDA_C}",
        klasifikasi="rahasia",
    )
    k.save(lewati_kunci=True, force_insert=True)
    with django_capture_on_commit_callbacks(execute=True):
        segera.ajukan(
            LaporanSegera(
                pk=PK_C, judul=f"Segera {TANDA_C}", uraian=f"Uraian {TANDA_C}",
                tanggal=datetime.date(2026, 2, 2), meninggal=1, klasifikasi="rahasia",
            ),
            operator,
        )  # fmt: skip
    rakor = factories.rakor("64", judul="Rakor Kaltim terbuka")
    dok = Dokumentasi(
        pk=PK_C, rakor=rakor, nama_asli=f"{TANDA_C}.png", jenis_berkas="png", ukuran=len(PNG),
        keterangan=f"Foto {TANDA_C}", klasifikasi="rahasia",
    )  # fmt: skip
    dok.berkas.save(f"{TANDA_C}.png", ContentFile(PNG), save=False)
    dok.save()
    job = Dokumen(
        pk=PK_C, jenis="ringkasan_gubernur", objek_id=lap.periode_id, provinsi=kaltim,
        judul=f"Ringkasan {TANDA_C}", status=Dokumen.Status.SELESAI, sha256="0" * 64, klasifikasi="rahasia",
    )  # fmt: skip
    job.berkas.save(f"{TANDA_C}.pdf", ContentFile(factories.PDF_BYTES), save=False)
    job.save()
    for nama in (
        "staf_kaltim",
        "admin_kaltim",
        "pimpinan_kaltim",
        "operator_ppu",
        "staf_kalbar",
        "admin_nasional",
    ):
        for path, (_, _, teks) in _jalan(client, personas[nama], PK_C, "64.01", UUID_C).items():
            assert TANDA_C not in teks and TANDA_C.lower() not in teks.lower(), (nama, path)
    # The exports of the period that holds them, in every format and table.
    rekap = f"/laporan/periode/{lap.periode_id}/ekspor/"
    LaporanTriwulan.objects.filter(pk=PK_C).update(status="diajukan")  # the period's figures count it
    for nama in ("staf_kaltim", "admin_kaltim", "pimpinan_kaltim"):
        client.force_login(personas[nama], backend="kesbangpol.backends.PenggunaBackend")
        for q in ("", "?format=csv", "?format=csv&tabel=kejadian", "?hanya=diterima"):
            response = client.get(rekap + q)
            assert response.status_code == 200 and TANDA_C not in _teks(response), (nama, q)
    IzinRahasia.objects.create(provinsi=kaltim, pengguna=personas["pimpinan_kaltim"])
    client.force_login(personas["pimpinan_kaltim"], backend="kesbangpol.backends.PenggunaBackend")
    assert TANDA_C in _teks(client.get(rekap + "?format=csv"))  # the control: the walk reaches it
    assert not [n for n in Notifikasi.objects.all() if TANDA_C in n.judul + n.isi]
    from django.core import mail

    assert mail.outbox and not [m for m in mail.outbox if TANDA_C in m.subject + m.body]
    milik = _jalan(client, operator, PK_C, "64.01", UUID_C)
    assert TANDA_C in milik["/laporan/666666/"][2] and TANDA_C in milik["/laporan/segera/666666/"][2]
    for path in ("/api/v1/laporan/666666/", "/api/v1/potensi/666666/", "/api/v1/laporan-segera/666666/"):
        assert TANDA_C in milik["token " + path][2], path
    assert sum(TANDA_C in teks for _, _, teks in milik.values()) >= 5
