import pytest

from laporan.models import LaporanTriwulan
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_map_draws_points_under_the_csp_without_tiles(live_server, page, screenshot):
    factories.pengguna("staf_kaltim", "staf_provinsi", "64", nama_lengkap="Dewi Lestari")
    lap = factories.laporan("64.01", 2026, 1)
    from laporan.models import JenisAktor

    # Created if missing: a transactional test may run after another emptied the migration's rows.
    aktor = {k: JenisAktor.objects.get_or_create(kode=k, defaults={"nama": n})[0] for k, n in
             (("WRG", "Warga"), ("PRS", "Perusahaan"))}  # fmt: skip
    factories.potensi(
        lap, "Sengketa lahan", latitude="-1.9183", longitude="116.2025", tingkat="tinggi",
        aktor_1=aktor["WRG"], aktor_2=aktor["PRS"],
    )  # fmt: skip
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
    # A click opens the point's details in words: level, source, who with whom, verification.
    page.locator("#peta .leaflet-interactive").first.click()
    popup = page.locator(".leaflet-popup-content")
    assert popup.get_by_text("Tingkat Tinggi · Sengketa sumber daya alam").is_visible()
    assert popup.get_by_text("Pihak: Warga – Perusahaan").is_visible()
    assert popup.get_by_text("Terkonfirmasi satu sumber").is_visible()
    assert not [e for e in errors if "Content Security Policy" in e], errors
    screenshot("peta-tanpa-latar")


def test_labels_never_overlap_there_is_a_legend_and_the_tile_hint_is_for_admins_only(
    live_server, page, screenshot
):
    from tests.browser.conftest import masuk

    factories.pengguna("staf_kaltim", "staf_provinsi", "64", nama_lengkap="Dewi Lestari")
    factories.pengguna("admin_kaltim", "admin_provinsi", "64", nama_lengkap="Rahmat Hidayat")
    lap = factories.laporan("64.01", 2026, 1)
    # Five points a few hundred metres apart: their labels would pile up.
    for i in range(5):
        factories.potensi(lap, f"Potensi {i}", latitude=f"-1.91{i}", longitude=f"116.20{i}", tingkat="sedang")
    LaporanTriwulan.objects.filter(pk=lap.pk).update(status="diterima", tepat_waktu=True)
    masuk(page, live_server, "staf_kaltim")
    page.goto(f"{live_server.url}/laporan/periode/{lap.periode_id}/")
    page.locator("#peta .leaflet-interactive").first.wait_for(timeout=10_000)
    page.wait_for_timeout(300)
    kotak = page.evaluate(
        """() => [...document.querySelectorAll('#peta .leaflet-tooltip')]
              .filter(e => getComputedStyle(e).visibility !== 'hidden')
              .map(e => { const r = e.getBoundingClientRect();
                          return [r.left, r.top, r.right, r.bottom]; })"""
    )
    assert 1 <= len(kotak) < 5
    for i, a in enumerate(kotak):
        for b in kotak[i + 1 :]:
            assert a[2] < b[0] or b[2] < a[0] or a[3] < b[1] or b[3] < a[1], (a, b)
    peta = page.locator("#peta").bounding_box()
    for left, top, right, bottom in kotak:
        assert peta["x"] <= left and right <= peta["x"] + peta["width"]
        assert peta["y"] <= top and bottom <= peta["y"] + peta["height"]
    assert page.locator(".legenda-peta").get_by_text("Tinggi").is_visible()
    assert page.get_by_test_id("petunjuk-admin").count() == 0 and "PETA_TILE_URL" not in page.content()
    screenshot("peta-label-legenda")
    masuk(page, live_server, "admin_kaltim")
    page.goto(f"{live_server.url}/laporan/periode/{lap.periode_id}/")
    assert page.get_by_test_id("petunjuk-admin").is_visible()
