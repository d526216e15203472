"""The national admin's export of every province's quarter: asked on the province chooser (1366 px,
and on a 390 px phone), followed on the job's page, downloaded as Excel."""

import pytest

from tests import factories
from tests.browser.conftest import masuk
from tests.browser.test_beranda import _tanpa_geser_samping

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("lebar", [1366, 390])
def test_national_admin_asks_for_the_national_export_and_downloads_it(live_server, page, screenshot, lebar):
    factories.pengguna("admin_nasional", "admin_nasional", None, nama_lengkap="Admin Nasional")
    for kode in ("64.01", "61.01"):
        lap = factories.laporan(kode, 2026, 1, status="diterima")
        factories.potensi(lap, f"Potensi {kode}")
    page.set_viewport_size({"width": lebar, "height": 900})
    masuk(page, live_server, "admin_nasional")
    page.goto(f"{live_server.url}/laporan/matriks/")
    bagian = page.get_by_role("region", name="Ekspor nasional")
    bagian.get_by_label("Triwulan").select_option(label="Triwulan I 2026")
    _tanpa_geser_samping(page)
    screenshot(f"ekspor-nasional-minta-{lebar}")
    bagian.get_by_role("button", name="Buat ekspor nasional (Excel)").click()
    assert page.get_by_text("Permintaan ekspor nasional dicatat").is_visible()
    unduh = page.get_by_role("link", name="Unduh Excel")
    unduh.wait_for()
    screenshot(f"ekspor-nasional-selesai-{lebar}")
    _tanpa_geser_samping(page)
    with page.expect_download() as info:
        unduh.click()
    assert info.value.suggested_filename.endswith(".xlsx")
