import pytest

from laporan.models import LaporanTriwulan
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_map_draws_points_under_the_csp_without_tiles(live_server, page, screenshot):
    factories.pengguna("staf_kaltim", "staf_provinsi", "64", nama_lengkap="Dewi Lestari")
    lap = factories.laporan("64.01", 2026, 1)
    factories.potensi(lap, "Sengketa lahan", latitude="-1.9183", longitude="116.2025", tingkat="tinggi")
    LaporanTriwulan.objects.filter(pk=lap.pk).update(status="diterima", tepat_waktu=True)
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{live_server.url}/akun/masuk/")
    page.get_by_label("Nama pengguna").fill("staf_kaltim")
    page.get_by_label("Sandi").fill(factories.PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/laporan/periode/{lap.periode_id}/")
    page.locator("#peta .leaflet-interactive").first.wait_for(timeout=10_000)
    assert page.locator("#peta .leaflet-interactive").count() == 1
    assert page.get_by_text("Kab. Paser: Sengketa lahan").is_visible()
    assert not [e for e in errors if "Content Security Policy" in e], errors
    screenshot("peta-tanpa-latar")
