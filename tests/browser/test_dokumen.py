import datetime

import pytest

from laporan.models import LaporanTriwulan
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_pimpinan_requests_the_governor_summary_sees_progress_and_downloads_it(live_server, page, screenshot):
    factories.pengguna("pimpinan_kaltim", "pimpinan", "64", nama_lengkap="Kepala Badan")
    lap = factories.laporan("64.01", 2026, 1)
    factories.potensi(lap, "Sengketa lahan sawit Desa Luan", tingkat="tinggi")
    LaporanTriwulan.objects.filter(pk=lap.pk).update(
        status="diterima",
        tepat_waktu=True,
        pertama_diajukan=datetime.datetime(2026, 4, 5, tzinfo=datetime.UTC),
    )
    page.goto(f"{live_server.url}/akun/masuk/")
    page.get_by_label("Nama pengguna").fill("pimpinan_kaltim")
    page.get_by_label("Sandi").fill(factories.PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/laporan/periode/{lap.periode_id}/")
    page.get_by_role("button", name="Buat ringkasan PDF").click()
    assert page.get_by_role("progressbar", name="Kemajuan pembuatan dokumen").is_visible()
    page.get_by_role("link", name="Unduh PDF").wait_for(state="visible", timeout=30_000)
    assert page.get_by_text("Selesai").first.is_visible()
    screenshot("dokumen-selesai")
    with page.expect_download() as info:
        page.get_by_role("link", name="Unduh PDF").click()
    path = info.value.path()
    with open(path, "rb") as f:
        assert f.read(5) == b"%PDF-"
    assert info.value.suggested_filename.endswith(".pdf")
