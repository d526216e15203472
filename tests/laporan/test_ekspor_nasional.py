"""The national export: every province's items of one quarter in one workbook, built by a Celery task
with progress and stored like a PDF; national admins only; rahasia items never in it."""

import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kesbangpol import dokumen
from kesbangpol.models import Audit, Dokumen
from laporan.ekspor import Triwulan
from tests import factories
from tests.conftest import pekerja_celery, tunggu_dokumen
from tests.kesbangpol.test_dokumen import _diterima

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("kabar_per_permintaan")]


def _data():
    _diterima("64.01", "Sengketa lahan Paser")
    lap = _diterima("61.01", "Tapal batas Kalbar")
    factories.potensi(lap, "Potensi RAHASIANASIONAL", klasifikasi="rahasia")
    factories.potensi(factories.laporan("62.01", status="diajukan"), "Diajukan Kalteng")


def _lembar(isi: bytes) -> dict[str, list[tuple]]:
    wb = openpyxl.load_workbook(io.BytesIO(isi), read_only=True)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb.worksheets}


def test_a_national_admin_asks_follows_progress_and_downloads_every_province(login, admin_nasional):
    _data()
    client = login(admin_nasional)
    pilih = client.get(reverse("laporan:matriks")).content.decode()
    assert "Ekspor nasional" in pilih and "Triwulan I 2026" in pilih
    response = client.post(reverse("laporan:ekspor_nasional"), {"triwulan": "20261"})
    job = Dokumen.objects.get(jenis="ekspor_nasional")
    assert response["Location"] == job.get_absolute_url()
    assert job.status == Dokumen.Status.SELESAI and job.progres == 100 and job.provinsi is None
    assert job.judul == "Rekap nasional potensi dan kejadian konflik Triwulan I 2026"
    halaman = client.get(job.get_absolute_url()).content.decode()
    assert "Unduh Excel" in halaman and "halaman" not in halaman.split("Ukuran")[1][:80]
    unduh = client.get(reverse("kesbangpol:dokumen_unduh", args=[job.pk]))
    assert unduh["Content-Disposition"].endswith(f'-{job.kode}.xlsx"')
    isi = b"".join(unduh.streaming_content) if unduh.streaming else unduh.content
    lembar = _lembar(isi)
    potensi = {baris[4] for baris in lembar["Potensi"][1:]}
    assert potensi == {"Sengketa lahan Paser", "Tapal batas Kalbar", "Diajukan Kalteng"}  # no rahasia item
    keterangan = dict(lembar["Keterangan"][1:])
    assert keterangan["Butir rahasia"] == "tidak termasuk (ekspor nasional)"
    assert keterangan["Cakupan"].endswith("(3 provinsi)")
    assert Audit.objects.filter(aksi="minta_pdf", objek=f"dokumen:{job.pk}").exists()
    assert (
        client.get(reverse("kesbangpol:dokumen_list")).content.decode().count("Nasional (semua provinsi)")
        == 1
    )
    # Only accepted reports, on request: Kalteng's submitted one is left out then.
    client.post(reverse("laporan:ekspor_nasional"), {"triwulan": "20261", "hanya_diterima": "on"})
    diterima = Dokumen.objects.filter(jenis="ekspor_nasional").latest("pk")
    assert diterima.judul.endswith("(laporan diterima)") and diterima.status == Dokumen.Status.SELESAI


def test_only_national_admins_ask_and_province_users_never_see_a_national_file(
    client, login, personas, admin_nasional
):
    _data()
    url = reverse("laporan:ekspor_nasional")
    response = client.post(url, {"triwulan": "20261"})
    assert response.status_code == 302 and response["Location"].startswith("/akun/masuk/")
    for nama in ("staf_kaltim", "admin_kaltim", "pimpinan_kaltim", "operator_paser"):
        assert login(personas[nama]).post(url, {"triwulan": "20261"}).status_code == 403, nama
        assert "Ekspor nasional" not in login(personas[nama]).get(reverse("laporan:matriks")).content.decode()
    assert not Dokumen.objects.exists()
    admin = login(admin_nasional)
    response = admin.post(url, {"triwulan": "19991"}, follow=True)
    assert "Pilih salah satu dari delapan triwulan terakhir." in response.content.decode()
    assert not Dokumen.objects.exists()
    assert admin.get(url).status_code == 405
    admin.post(url, {"triwulan": "20261"})
    job = Dokumen.objects.get()
    for nama in ("staf_kaltim", "admin_kaltim", "pimpinan_kaltim"):
        c = login(personas[nama])
        assert c.get(job.get_absolute_url()).status_code == 404, nama
        assert c.get(reverse("kesbangpol:dokumen_unduh", args=[job.pk])).status_code == 404, nama
        assert job.judul not in c.get(reverse("kesbangpol:dokumen_list")).content.decode(), nama


def test_the_build_reports_progress_per_province_and_its_queries_do_not_grow_with_the_items(admin_nasional):
    def ukur():
        job = Dokumen.objects.create(
            jenis="ekspor_nasional", objek_id=Triwulan(2026, 1).pk, judul="uji", diminta_oleh=admin_nasional
        )
        with CaptureQueriesContext(connection) as ctx:
            dokumen.render(job.pk)
        job.refresh_from_db()
        assert job.status == Dokumen.Status.SELESAI
        progres = [q["sql"] for q in ctx.captured_queries if "progres" in q["sql"] and "UPDATE" in q["sql"]]
        return len(ctx), len(progres)

    _data()
    sedikit, langkah = ukur()
    assert langkah >= 3 + 2  # each of the three provinces, the start and the end
    for kode in ("64.02", "64.03", "61.02"):
        lap = factories.laporan(kode, 2026, 1, status="diterima")
        for i in range(6):
            factories.potensi(lap, f"Tambahan {kode} {i}")
    assert ukur()[0] == sedikit


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_builds_the_national_export(admin_nasional):
    _data()
    with pekerja_celery():
        job = dokumen.minta("ekspor_nasional", Triwulan(2026, 1), admin_nasional)
        tunggu_dokumen(job)
    assert job.status == Dokumen.Status.SELESAI and job.berkas.name.endswith(".xlsx")
    potensi = {b[4] for b in _lembar(job.berkas.read())["Potensi"][1:]}
    assert potensi == {"Sengketa lahan Paser", "Tapal batas Kalbar", "Diajukan Kalteng"}
