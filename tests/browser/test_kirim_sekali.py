"""A form is sent once (static/js/portal.js): on a slow link the answer takes seconds, and a second
click on its button must not save the same thing twice."""

import pytest
from django.urls import reverse

from laporan.models import PotensiKonflik
from tests import factories
from tests.browser.conftest import masuk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_clicking_save_again_while_the_answer_is_on_its_way_sends_the_form_once(live_server, page):
    factories.pengguna("operator_paser", "operator_kabkota", "64.01")
    laporan = factories.laporan("64.01", 2026, 1)
    masuk(page, live_server, "operator_paser")
    page.goto(live_server.url + reverse("laporan:potensi_tambah", args=[laporan.pk]))
    page.locator("#id_judul").fill("Sengketa lahan sawit Desa Luan")
    page.locator("#id_sumber").select_option("sda")
    page.locator("#id_bidang").select_option("ekonomi")
    page.locator("#id_tingkat").select_option("sedang")
    # The server's answer is held, as on a slow link, while the operator clicks again and again.
    tertahan = []

    def tahan(route):
        tertahan.append(route)

    page.route("**/potensi/tambah/", tahan)
    simpan = page.get_by_role("button", name="Simpan")
    simpan.scroll_into_view_if_needed()
    kotak = simpan.bounding_box()
    for _ in range(3):  # the mouse, as a person clicks: no waiting for the page to change first
        page.mouse.click(kotak["x"] + kotak["width"] / 2, kotak["y"] + kotak["height"] / 2)
        page.wait_for_timeout(300)
    assert [r.request.method for r in tertahan] == ["POST"]
    tertahan[0].continue_()
    page.wait_for_url(f"**{laporan.get_absolute_url()}#potensi")
    assert page.get_by_text("Potensi konflik disimpan.").is_visible()
    assert list(PotensiKonflik.objects.values_list("judul", flat=True)) == ["Sengketa lahan sawit Desa Luan"]
