"""PDF documents rendered as jobs: the governor's summary and the rakor report, access, storage,
verification, the outbox when the broker is down, and retries."""

import datetime
import errno
import hashlib
import io
import time

import pypdf
import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kesbangpol import dokumen
from kesbangpol.models import Audit, Dokumen, Wilayah
from laporan.models import LaporanTriwulan
from tests import factories
from tests.conftest import pekerja_celery, perlu_postgresql, serentak, tunggu_dokumen

pytestmark = pytest.mark.django_db
S = LaporanTriwulan.Status


def _teks(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages).split())


def _diterima(kode, judul, tingkat="tinggi", tren="baru", tepat=True, tahun=2026, tw=1):
    lap = factories.laporan(kode, tahun, tw)
    factories.potensi(lap, judul, tingkat=tingkat, tren=tren)
    waktu = datetime.datetime.combine(
        lap.periode.tenggat - datetime.timedelta(days=1 if tepat else -3), datetime.time(3), datetime.UTC
    )
    LaporanTriwulan.objects.filter(pk=lap.pk).update(
        status=S.DITERIMA, pertama_diajukan=waktu, tepat_waktu=tepat
    )
    return lap


@pytest.fixture
def kuartal(db):
    """Kaltim Q1 2026: Paser and PPU accepted (PPU late), Samarinda submitted but not yet accepted."""
    _diterima("64.01", "Sengketa lahan sawit Desa Luan", "tinggi", "baru")
    _diterima("64.09", "Ketegangan pasca Pilkada", "sedang", "meningkat", tepat=False)
    lap = factories.laporan("64.72", 2026, 1)
    factories.potensi(lap, "Belum diterima, tidak masuk ringkasan")
    LaporanTriwulan.objects.filter(pk=lap.pk).update(
        status=S.DIAJUKAN,
        tepat_waktu=True,
        pertama_diajukan=datetime.datetime(2026, 4, 2, tzinfo=datetime.UTC),
    )
    return lap.periode


def _minta(client, periode, django_capture_on_commit_callbacks, **data):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(
            reverse("laporan:minta_ringkasan", args=[periode.pk]),
            {"tanggal": "2026-04-20", "sifat": "Terbatas", **data},
        )


def test_governor_summary_has_the_figures_of_the_quarter(
    login, staf_kaltim, kuartal, django_capture_on_commit_callbacks
):
    kantor = factories.kesbangpol("64")
    kantor.kepala_nama, kantor.kepala_nip, kantor.tempat_surat = (
        "Drs. H. Sufian Agus, M.Si.",
        "197001011990031001",
        "Samarinda",
    )
    kantor.save()
    rakor = factories.rakor("64")
    induk = factories.rekomendasi(rakor, 9, "Memfasilitasi kegiatan FKDM :", kode_kantor=())
    factories.rekomendasi(rakor, 2, "FKDM Kecamatan.", induk=induk)
    response = _minta(login(staf_kaltim), kuartal, django_capture_on_commit_callbacks, nomor="400.10/7/BKBP")
    job = Dokumen.objects.get()
    assert response["Location"] == job.get_absolute_url()
    assert job.status == Dokumen.Status.SELESAI and job.progres == 100 and job.halaman >= 2
    pdf = job.berkas.read()
    assert hashlib.sha256(pdf).hexdigest() == job.sha256
    teks = _teks(pdf)
    assert "Samarinda, 20 April 2026" in teks and "Nomor : 400.10/7/BKBP" in teks
    assert "Dari 10 kabupaten/kota, 3 telah menyampaikan laporan (2 tepat waktu dan 1 terlambat)" in teks
    assert "Ringkasan ini disusun dari 2 laporan yang telah diterima" in teks
    assert "Tercatat 2 potensi konflik: 1 tingkat tinggi, 1 sedang, dan 0 rendah." in teks
    assert "Sengketa lahan sawit Desa Luan" in teks and "Belum diterima, tidak masuk ringkasan" not in teks
    assert "Drs. H. Sufian Agus, M.Si." in teks and "NIP 197001011990031001" in teks
    assert f"Kode verifikasi: {job.kode}" in teks and "Halaman 1 dari" in teks
    assert teks.startswith("PEMERINTAH PROVINSI KALIMANTAN TIMUR BADAN KESATUAN BANGSA")
    # The kab/kota that did not report are named, in the summary and in the table.
    assert "7 kabupaten/kota belum melapor: Kabupaten Kutai Kartanegara, Kabupaten Berau," in teks
    assert "Kabupaten Berau Belum melapor (belum mulai)" in teks
    # An open sub-point is numbered as the portal numbers it and read with its parent's sentence.
    assert "9b Memfasilitasi kegiatan FKDM: b. FKDM Kecamatan." in teks
    # Nothing unverified: one attachment (the list), no annex B of empty tables.
    assert "Lampiran : 1 (satu) berkas" in teks and "Lampiran B" not in teks
    # The QR code sits with the signature block, before the annex.
    assert teks.index("Keaslian dokumen ini") < teks.index("Lampiran A: daftar seluruh potensi konflik")


def _struktur(pdf: bytes) -> tuple[dict, list[str]]:
    """The PDF catalogue's accessibility entries, and the structure tags in reading order."""
    root = pypdf.PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    tags = []

    def walk(node):
        node = node.get_object()
        if not isinstance(node, pypdf.generic.DictionaryObject):
            return
        if "/S" in node:
            tags.append(str(node["/S"]))
        kids = node.get("/K")
        for kid in (
            kids if isinstance(kids, pypdf.generic.ArrayObject) else [kids] if kids is not None else []
        ):
            walk(kid)

    if "/StructTreeRoot" in root:
        walk(root["/StructTreeRoot"])
    return {"lang": root.get("/Lang"), "marked": root.get("/MarkInfo", {}).get("/Marked")}, tags


def test_the_summary_is_a_tagged_pdf_a_screen_reader_can_follow(
    login, pimpinan_kaltim, kuartal, django_capture_on_commit_callbacks
):
    _minta(login(pimpinan_kaltim), kuartal, django_capture_on_commit_callbacks)
    response = login(pimpinan_kaltim).get(
        reverse("kesbangpol:dokumen_unduh", args=[Dokumen.objects.get().pk])
    )
    katalog, tags = _struktur(b"".join(response.streaming_content))
    assert katalog == {"lang": "id", "marked": True}
    # Its sections are headings and its figures tables with header cells, in the order they are read.
    assert tags[0] == "/Document" and tags.count("/H2") >= 5
    assert "/Table" in tags and "/TH" in tags
    assert tags.index("/H2") < tags.index("/Table", tags.index("/H2"))


def test_who_may_request_and_download(
    login,
    staf_kaltim,
    pimpinan_kaltim,
    operator_paser,
    staf_kalbar,
    kuartal,
    django_capture_on_commit_callbacks,
):
    assert _minta(login(operator_paser), kuartal, django_capture_on_commit_callbacks).status_code == 404
    assert _minta(login(staf_kalbar), kuartal, django_capture_on_commit_callbacks).status_code == 404
    assert _minta(login(pimpinan_kaltim), kuartal, django_capture_on_commit_callbacks).status_code == 302
    job = Dokumen.objects.get()
    unduh = reverse("kesbangpol:dokumen_unduh", args=[job.pk])
    for user in (staf_kaltim, pimpinan_kaltim):
        response = login(user).get(unduh)
        assert response.status_code == 200 and b"".join(response.streaming_content)[:5] == b"%PDF-"
    for user in (operator_paser, staf_kalbar):
        assert login(user).get(unduh).status_code == 404
        assert login(user).get(job.get_absolute_url()).status_code == 404
    assert (
        "Ringkasan Peta Potensi Konflik"
        not in login(staf_kalbar).get(reverse("kesbangpol:dokumen_list")).content.decode()
    )


def test_hostile_markup_in_a_report_is_printed_as_text(
    login, staf_kaltim, django_capture_on_commit_callbacks
):
    lap = _diterima("64.01", '<img src="file:///etc/passwd"> sengketa')
    _minta(login(staf_kaltim), lap.periode, django_capture_on_commit_callbacks)
    teks = _teks(Dokumen.objects.get().berkas.read())
    assert '<img src="file:///etc/passwd"> sengketa' in teks
    assert "root:x:0:0" not in teks


def test_verification_valid_tampered_and_unknown(
    client, login, staf_kaltim, kuartal, django_capture_on_commit_callbacks
):
    _minta(login(staf_kaltim), kuartal, django_capture_on_commit_callbacks)
    job = Dokumen.objects.get()
    pdf = job.berkas.read()
    client.logout()
    url = reverse("verifikasi", args=[job.kode])
    page = client.get(url).content.decode()
    assert job.sha256 in page and job.judul in page
    assert "Sengketa lahan sawit" not in page  # no report content
    cocok = client.post(url, {"berkas": SimpleUploadedFile("a.pdf", pdf)}).content.decode()
    assert "Cocok." in cocok
    ubah = pdf.replace(b"Sengketa", b"Sengketb", 1) if b"Sengketa" in pdf else pdf + b"%"
    assert "Tidak cocok." in client.post(url, {"berkas": SimpleUploadedFile("a.pdf", ubah)}).content.decode()
    palsu = client.get(reverse("verifikasi", args=["xxxxxxxxxx"]))
    assert palsu.status_code == 404
    assert "tidak pernah menerbitkan dokumen dengan kode" in palsu.content.decode()
    assert "XXXXXXXXXX" in palsu.content.decode()


def test_rendering_twice_keeps_one_file_and_a_job_left_running_completes(login, staf_kaltim, kuartal):
    job = Dokumen.objects.create(
        jenis="ringkasan_gubernur",
        objek_id=kuartal.pk,
        provinsi=kuartal.provinsi,
        judul="x",
        diminta_oleh=staf_kaltim,
    )
    # As if a worker died mid-task: the job says "berjalan"; the redelivered task finishes it.
    Dokumen.objects.filter(pk=job.pk).update(status=Dokumen.Status.BERJALAN, progres=40)
    assert dokumen.render(job.pk) == Dokumen.Status.SELESAI
    job.refresh_from_db()
    nama, sha = job.berkas.name, job.sha256
    assert dokumen.render(job.pk) == Dokumen.Status.SELESAI  # a duplicate delivery changes nothing
    job.refresh_from_db()
    assert (job.berkas.name, job.sha256, job.percobaan) == (nama, sha, 1)


@pytest.mark.parametrize(
    ("galat", "apa", "saran"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), "penyimpanan berkas di server penuh",
         "mengosongkan ruang disk"),
        (OSError(errno.EROFS, "Read-only file system"), "tidak dapat ditulisi", "izin tulis"),
        (OperationalError("server closed the connection"), "basis data tidak dapat dihubungi", "PostgreSQL"),
        (RuntimeError("boom"), "kesalahan tak terduga", "log worker"),
    ],
)  # fmt: skip
def test_a_failing_job_shows_its_retries_then_says_what_failed_and_what_the_admin_should_do(
    login, staf_kaltim, kuartal, monkeypatch, galat, apa, saran
):
    from kesbangpol.tasks import render_dokumen

    assert (
        render_dokumen.max_retries == 3 and render_dokumen.acks_late and render_dokumen.reject_on_worker_lost
    )
    job = Dokumen.objects.create(
        jenis="ringkasan_gubernur", objek_id=kuartal.pk, provinsi=kuartal.provinsi, judul="x"
    )
    terlihat = []

    def gagal_membuat(html):
        # What the person watching the page sees while this attempt runs.
        terlihat.append(Dokumen.objects.values_list("status", "pesan_galat").get(pk=job.pk))
        raise galat

    from kesbangpol.celery import app

    monkeypatch.setattr(dokumen, "render_html", gagal_membuat)
    sebelum, app.conf.task_eager_propagates = app.conf.task_eager_propagates, False  # as a worker does
    try:
        render_dokumen.apply(args=[job.pk])
    finally:
        app.conf.task_eager_propagates = sebelum
    assert [t[0] for t in terlihat] == [Dokumen.Status.BERJALAN] * 4  # the first and three retries
    assert terlihat[0][1] == ""
    assert terlihat[1][1].startswith("Percobaan ke-1 dari 4 gagal (") and apa in terlihat[1][1]
    assert "dicoba lagi otomatis" in terlihat[3][1] and "ke-3 dari 4" in terlihat[3][1]
    job.refresh_from_db()
    assert job.status == Dokumen.Status.GAGAL and job.percobaan == 4
    assert apa in job.pesan_galat and saran in job.pesan_galat and "minta dokumen ini lagi" in job.pesan_galat
    assert "Error" not in job.pesan_galat and "OSError" not in job.pesan_galat
    body = login(staf_kaltim).get(job.get_absolute_url()).content.decode()
    assert f'class="text-danger" role="status">{job.pesan_galat}' in body.replace("&#x27;", "'")


def test_with_the_broker_down_the_request_answers_at_once_and_the_job_waits(
    login, staf_kaltim, kuartal, django_capture_on_commit_callbacks, monkeypatch
):
    from kesbangpol.celery import app

    # Celery reads CELERY_BROKER_URL from the environment before its own settings (CI sets it).
    monkeypatch.setenv("CELERY_BROKER_URL", "redis://127.0.0.1:1/0")
    before = app.conf.broker_url, app.conf.task_always_eager
    app.conf.broker_url, app.conf.task_always_eager = "redis://127.0.0.1:1/0", False
    try:
        start = time.monotonic()
        response = _minta(login(staf_kaltim), kuartal, django_capture_on_commit_callbacks)
        elapsed = time.monotonic() - start
    finally:
        app.conf.broker_url, app.conf.task_always_eager = before
    assert response.status_code == 302 and elapsed < 5, elapsed
    job = Dokumen.objects.get()
    assert job.status == Dokumen.Status.ANTRE and job.dikirim_pada is None
    client = login(staf_kaltim)
    status = reverse("kesbangpol:dokumen_status", args=[job.pk])
    assert client.get(status).json()["tertahan"] is False
    assert (
        'id="dok-tertahan" class="alert alert-warning d-none"'
        in client.get(job.get_absolute_url()).content.decode()
    )
    # A minute later nobody has taken it: the page says the worker is not answering, and that it
    # will complete on its own.
    Dokumen.objects.filter(pk=job.pk).update(dibuat=timezone.now() - datetime.timedelta(seconds=60))
    assert client.get(status).json()["tertahan"] is True
    body = client.get(job.get_absolute_url()).content.decode()
    assert (
        'id="dok-tertahan" class="alert alert-warning"' in body and "(worker Celery) belum menjawab" in body
    )


def test_builders_use_the_same_number_of_queries_for_3_and_30_kabkota(staf_kaltim):
    jatim = Wilayah.objects.get(kode="35")
    kabkota = list(jatim.kabkota.order_by("kode"))
    assert len(kabkota) >= 30
    b = dokumen.builder("ringkasan_gubernur")

    def hitung():
        periode = LaporanTriwulan.objects.filter(kabkota__provinsi=jatim).first().periode
        with CaptureQueriesContext(connection) as ctx:
            b.html(periode, {})
        return len(ctx.captured_queries)

    for w in kabkota[:3]:
        _diterima(w.kode, f"Potensi {w.kode}")
    hitung()  # the first render creates the eight periods of the chart
    tiga = hitung()
    for w in kabkota[3:30]:
        _diterima(w.kode, f"Potensi {w.kode}")
    assert hitung() == tiga


def test_rakor_report_lists_speakers_attendance_and_recommendations(
    login, staf_kaltim, django_capture_on_commit_callbacks
):
    from rakor.models import Narasumber, Orang

    rakor = factories.rakor("64", judul="Rakor Kesbangpol se-Kaltim 2024")
    orang = Orang.objects.create(nama="Fahmi Idris", instansi=factories.kesbangpol("64"))
    Narasumber.objects.create(rakor=rakor, orang=orang, materi="Tahapan dan Jadwal Pilkada Tahun 2024")
    induk = factories.rekomendasi(rakor, 9, "Memfasilitasi kegiatan FKDM", kode_kantor=())
    factories.rekomendasi(rakor, 1, "FKDM Kecamatan.", induk=induk, kode_kantor=("64.01", "64.09"))
    with django_capture_on_commit_callbacks(execute=True):
        response = login(staf_kaltim).post(reverse("rakor:laporan_hasil", args=[rakor.pk]))
    job = Dokumen.objects.get(jenis="laporan_rakor")
    assert response["Location"] == job.get_absolute_url() and job.status == Dokumen.Status.SELESAI
    teks = _teks(job.berkas.read())
    assert "Fahmi Idris" in teks and "Tahapan dan Jadwal Pilkada Tahun 2024" in teks
    assert "Memfasilitasi kegiatan FKDM" in teks and "LAPORAN HASIL RAPAT KOORDINASI" in teks
    # The parent has no assignments of its own: its sub-points carry the figures, not "0 0".
    assert "9 Memfasilitasi kegiatan FKDM a. FKDM Kecamatan. (0/2 sesuai) — —" in teks


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_the_sweep_hands_a_waiting_job_to_a_real_worker_once_redis_is_back(staf_kaltim):
    lap = _diterima("64.01", "Sengketa lahan")
    job = Dokumen.objects.create(
        jenis="ringkasan_gubernur",
        objek_id=lap.periode_id,
        provinsi=lap.periode.provinsi,
        judul="Ringkasan",
        diminta_oleh=staf_kaltim,
    )  # queued while the broker was down: never handed over
    with pekerja_celery():
        assert dokumen.sapu() == 1
        tunggu_dokumen(job)
    assert job.status == Dokumen.Status.SELESAI and job.sha256
    assert dokumen.sapu() == 0  # nothing left waiting


def test_qr_address_is_the_configured_one_or_the_requesters_never_localhost(
    login, staf_kaltim, kuartal, django_capture_on_commit_callbacks, settings
):
    settings.PORTAL_URL_DIATUR = False
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "portal.kaltim.example.go.id"]
    client = login(staf_kaltim)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("laporan:minta_ringkasan", args=[kuartal.pk]),
            {"tanggal": "2026-04-20", "sifat": "Terbatas"},
            HTTP_HOST="portal.kaltim.example.go.id",
            secure=True,
        )
    job = Dokumen.objects.get()
    assert job.url_verifikasi == f"https://portal.kaltim.example.go.id/verifikasi/{job.kode}/"
    assert f"portal.kaltim.example.go.id/verifikasi/{job.kode}" in _teks(job.berkas.read())
    settings.PORTAL_URL_DIATUR, settings.PORTAL_URL = True, "https://kesbangpol.kaltimprov.go.id"
    assert job.url_verifikasi == f"https://kesbangpol.kaltimprov.go.id/verifikasi/{job.kode}/"


def test_letterhead_names_the_government_as_it_writes_itself():
    from kesbangpol.models import Wilayah
    from laporan.pdf import nama_pemda

    nama = {
        w.kode: nama_pemda(w)
        for w in Wilayah.objects.provinsi().filter(kode__in=["11", "31", "34", "64", "91"])
    }
    assert nama == {
        "11": "Pemerintah Aceh",
        "31": "Pemerintah Provinsi Daerah Khusus Jakarta",
        "34": "Pemerintah Daerah Daerah Istimewa Yogyakarta",
        "64": "Pemerintah Provinsi Kalimantan Timur",
        "91": "Pemerintah Provinsi Papua",
    }


def _ringkas(per_kabkota):
    from laporan.pdf import kalimat_ringkasan

    m = {"kolom": [{"lapor": 5, "tepat": 5}], "baris": []}
    a = {
        "per_tingkat": [("tinggi", "Tinggi", 0), ("sedang", "Sedang", 5), ("rendah", "Rendah", 0)],
        "per_tren": [("baru", "Baru", 5), ("meningkat", "Meningkat", 0)],
        "per_kabkota": [{"laporan__kabkota__nama": n, "baru_naik": b} for n, b in per_kabkota],
        "jumlah_laporan": 5,
        "korban": {"jumlah": 0},
    }
    return " ".join(kalimat_ringkasan(m, a, 5))


def test_most_is_said_only_when_one_kabkota_really_has_the_most():
    assert "terbanyak di Kabupaten Paser (3)" in _ringkas([("Kabupaten Paser", 3), ("Kota Bontang", 2)])
    dua = _ringkas([("Kabupaten Paser", 2), ("Kota Bontang", 2), ("Kabupaten Berau", 1)])
    assert "terbanyak di Kabupaten Paser dan Kota Bontang (masing-masing 2)" in dua
    lima = _ringkas([(f"Kabupaten {i}", 1) for i in range(5)])
    assert "terbanyak" not in lima and "tersebar di 5 kabupaten/kota (masing-masing 1)." in lima


def test_the_province_emblem_uploaded_by_its_admin_heads_the_letter(
    login, admin_kaltim, staf_kaltim, kuartal, django_capture_on_commit_callbacks
):
    from django.core.exceptions import ValidationError
    from django.core.files.base import ContentFile

    from kesbangpol.berkas import validate_lambang
    from tests.test_kebocoran import PNG

    kantor = factories.kesbangpol("64")
    palsu = ContentFile(b"<svg onload=alert(1)>", name="lambang.png")
    with pytest.raises(ValidationError, match="PNG atau JPEG"):
        validate_lambang(palsu)
    kantor.lambang.save("lambang.png", ContentFile(PNG))
    _minta(login(staf_kaltim), kuartal, django_capture_on_commit_callbacks)
    pdf = Dokumen.objects.get().berkas.read()
    assert pdf.count(b"/Subtype /Image") >= 1
    # Without an emblem the letter prints with none (and no broken image).
    kantor.lambang.delete()
    Dokumen.objects.all().delete()
    _minta(login(staf_kaltim), kuartal, django_capture_on_commit_callbacks)
    assert b"/Subtype /Image" not in Dokumen.objects.get().berkas.read()


def test_the_public_check_is_throttled_per_address(client, settings):
    import random

    settings.VERIFIKASI_PER_MENIT = 5
    # Fresh addresses each run: with Redis the counters outlive the test.
    satu, dua = (f"10.{random.randrange(256)}.{random.randrange(256)}.{n}" for n in (7, 8))
    with time_machine.travel("2026-11-22 08:00:05 +0700", tick=False) as traveller:
        for i in range(5):
            assert client.get(f"/verifikasi/KODE{i}/", REMOTE_ADDR=satu).status_code == 404
        dibatasi = client.get("/verifikasi/KODE9/", REMOTE_ADDR=satu)
        assert dibatasi.status_code == 429
        assert "Terlalu banyak pemeriksaan dari alamat Anda" in dibatasi.content.decode()
        assert Audit.objects.filter(aksi="verifikasi_dibatasi", alamat=satu).count() == 1
        # Another address is not affected, and the next minute the first may check again.
        assert client.get("/verifikasi/KODE9/", REMOTE_ADDR=dua).status_code == 404
        traveller.shift(60)
        assert client.get("/verifikasi/KODE9/", REMOTE_ADDR=satu).status_code == 404


def test_a_double_click_gets_the_job_already_under_way(
    login, staf_kaltim, pimpinan_kaltim, kuartal, django_capture_on_commit_callbacks
):
    client = login(staf_kaltim)
    with time_machine.travel("2026-04-20 09:00 +0800", tick=False) as traveller:
        pertama = _minta(client, kuartal, django_capture_on_commit_callbacks)
        kedua = client.post(
            reverse("laporan:minta_ringkasan", args=[kuartal.pk]),
            {"tanggal": "2026-04-20", "sifat": "Terbatas"},
        )
        assert kedua["Location"] == pertama["Location"] and Dokumen.objects.count() == 1
        body = client.get(kedua["Location"]).content.decode()
        assert "baru saja Anda minta" in body and "tidak dibuat dua kali" in body
        # Other settings, another person, or a minute later: a new document.
        _minta(client, kuartal, django_capture_on_commit_callbacks, sifat="Rahasia")
        _minta(login(pimpinan_kaltim), kuartal, django_capture_on_commit_callbacks)
        traveller.shift(61)
        _minta(login(staf_kaltim), kuartal, django_capture_on_commit_callbacks)
    assert Dokumen.objects.count() == 4


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_orders_make_one_job(staf_kaltim, kuartal):
    """Two requests at once from the same user (two tabs, a double click the browser sent twice)."""
    perlu_postgresql("dua permintaan serentak butuh penguncian baris PostgreSQL")

    def pesan(client):
        data = {"tanggal": "2026-04-20", "sifat": "Terbatas"}
        return client.post(reverse("laporan:minta_ringkasan", args=[kuartal.pk]), data)["Location"]

    hasil = serentak(staf_kaltim, pesan, pesan)
    assert len(set(hasil)) == 1 and Dokumen.objects.count() == 1
