"""The top navigation on the widths offices use, from a 320 px phone to a 1366 px screen: every link and
"Keluar" on screen, nothing pushed past the right edge (a 1280 px screen used to scroll sideways
for staff and admins)."""

import pytest

from tests import factories
from tests.browser.conftest import masuk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PERSONA = [
    (
        "admin_kaltim",
        "admin_provinsi",
        "64",
        {"is_staff": True, "nama_lengkap": "Bambang Sutrisno Hadiwijaya"},
    ),
    ("staf_kaltim", "staf_provinsi", "64", {"nama_lengkap": "Dewi Lestari Anggraini"}),
    ("operator_paser", "operator_kabkota", "64.01", {"nama_lengkap": "Nur Aini Rahmawati"}),
]


@pytest.mark.parametrize("username,peran,kode,extra", PERSONA, ids=[p[0] for p in PERSONA])
def test_the_navigation_fits_from_a_small_laptop_to_1366(
    live_server, page, screenshot, username, peran, kode, extra
):
    from kesbangpol.models import Notifikasi

    user = factories.pengguna(username, peran, kode, **extra)
    # A full bell: the demo's admin had 86 unread, and "Keluar" went 8 px past a 1366 px screen.
    Notifikasi.objects.bulk_create(
        Notifikasi(penerima=user, jenis="pengingat_laporan", judul=f"Pengingat {i}") for i in range(120)
    )
    masuk(page, live_server, username)
    nav = page.get_by_role("navigation", name="Navigasi utama")
    for lebar in (320, 390, 992, 1100, 1200, 1280, 1339, 1340, 1366):
        page.set_viewport_size({"width": lebar, "height": 800})
        page.goto(f"{live_server.url}/")
        assert page.evaluate("document.documentElement.scrollWidth") <= lebar, lebar
        menu = nav.get_by_role("button", name="Buka menu")
        # Below 1200 px the menu opens from its button, as on a phone; from 1200 px it is one row.
        assert menu.is_visible() == (lebar < 1200), lebar
        if lebar < 1200:
            menu.click()
            # Open, the menu wraps a long name and role instead of pushing the page wider.
            assert page.evaluate("document.documentElement.scrollWidth") <= lebar, (lebar, "menu terbuka")
        for nama, tautan in (
            ("Beranda", nav.get_by_role("link", name="Beranda")),
            ("Laporan", nav.get_by_role("link", name="Laporan")),
            ("Notifikasi", nav.get_by_test_id("lonceng")),
        ):
            kotak = tautan.bounding_box()
            assert kotak and kotak["x"] + kotak["width"] <= lebar, (nama, lebar)
        keluar = nav.get_by_role("button", name="Keluar")
        assert keluar.is_visible()
        kotak = keluar.bounding_box()
        assert kotak["x"] + kotak["width"] <= lebar, lebar
        if lebar >= 1200:  # one row: every item on the brand's line
            merek = nav.get_by_role("link", name="Portal Koordinasi Kesbangpol").bounding_box()
            assert abs(kotak["y"] + kotak["height"] / 2 - (merek["y"] + merek["height"] / 2)) < 12, lebar
        screenshot(f"navigasi-{username}-{lebar}")
