import pytest
from playwright.sync_api import expect

from kesbangpol.models import Instansi
from tests import factories
from tests.browser.conftest import masuk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Width of each attendance select's chosen text against the room its box leaves for it.
TEKS_PILIHAN = """() => [...document.querySelectorAll('#tabel-kehadiran select')].map(s => {
  const st = getComputedStyle(s), c = document.createElement('canvas').getContext('2d');
  c.font = `${st.fontWeight} ${st.fontSize} ${st.fontFamily}`;
  return [c.measureText(s.options[s.selectedIndex].text).width,
          s.clientWidth - parseFloat(st.paddingLeft) - parseFloat(st.paddingRight)];
})"""


def test_staff_create_rakor_add_speaker_participants_and_record_attendance(live_server, page, screenshot):
    factories.pengguna("staf_kaltim", "staf_provinsi", "64", nama_lengkap="Dewi Lestari")
    polpum = Instansi.objects.create(nama="Ditjen Polpum Kemendagri", jenis="kemendagri", wilayah=None)
    masuk(page, live_server, "staf_kaltim")

    page.get_by_role("link", name="Rakor", exact=True).click()
    page.get_by_role("link", name="Tambah rakor").click()
    page.locator("#id_judul").fill("Rakor Kesbangpol se-Kaltim Tahun 2027")
    page.locator("#id_tahun_anggaran").fill("2027")
    page.locator("#id_tanggal_mulai").fill("2027-02-23")
    page.locator("#id_tanggal_selesai").fill("2027-02-25")
    page.locator("#id_tempat").fill("Hotel Uji, Penajam")
    page.locator("#id_kabkota").select_option(label="Kab. Penajam Paser Utara")
    page.locator("#id_dibuka_oleh").fill("Wakil Bupati PPU")
    screenshot("rakor-form")
    page.get_by_role("button", name="Simpan").click()
    assert page.get_by_role("heading", name="Rakor Kesbangpol se-Kaltim Tahun 2027").is_visible()
    assert page.get_by_text("Selasa–Kamis, 23–25 Februari 2027").first.is_visible()

    page.get_by_role("link", name="Tambah narasumber").click()
    page.locator("#id_nama").fill("Andi Baso Indra Baharuddin, S.STP., M.Si.")
    page.locator("#id_instansi").select_option(str(polpum.pk))
    page.locator("#id_materi").fill("Isu Strategis Politik dan Pemerintahan Umum")
    page.locator("#id_moda").select_option("daring")
    page.get_by_role("button", name="Simpan").click()
    assert page.get_by_text("Materi: Isu Strategis Politik dan Pemerintahan Umum").is_visible()

    page.get_by_role("link", name="Undang instansi se-provinsi").click()
    page.get_by_label("Badan Kesbangpol").check()
    page.get_by_label("Bappeda").check()
    page.get_by_role("button", name="Undang").click()
    assert page.get_by_text("20 undangan instansi ditambahkan").is_visible()

    page.get_by_role("link", name="Tambah peserta").click()
    page.locator("#id_nama").fill("Nonding, S.Sos., M.M.")
    page.locator("#id_jabatan").fill("Kepala Badan Kesbangpol Kabupaten Paser")
    page.locator("#id_instansi").select_option(label="Badan Kesatuan Bangsa dan Politik Kabupaten Paser")
    page.get_by_role("button", name="Simpan", exact=True).click()
    assert page.get_by_text(
        "Nonding, S.Sos., M.M. (Badan Kesatuan Bangsa dan Politik Kabupaten Paser)"
    ).is_visible()

    page.get_by_role("link", name="Catat kehadiran", exact=True).click()
    page.wait_for_load_state()  # its script (deferred) wires "Tandai semua hadir"
    # Each choice reads in full (at 100 % width the columns cut it to "Diundang (belum d").
    lebar = page.evaluate(TEKS_PILIHAN)
    assert lebar and all(teks <= kotak for teks, kotak in lebar), lebar
    page.get_by_role("button", name="Tandai semua hadir").click()
    page.get_by_label("Kehadiran Kepala Bappeda", exact=False).first.select_option("tidak_hadir")
    screenshot("rakor-kehadiran")
    page.get_by_role("button", name="Simpan kehadiran").click()
    expect(page.get_by_text("Kehadiran disimpan")).to_be_visible()
    expect(page.get_by_text("20 dari 21 undangan hadir")).to_be_visible()
    screenshot("rakor-detail")
    page.get_by_label("Navigasi utama").get_by_role("link", name="Rakor", exact=True).click()
    assert page.get_by_role("link", name="Rakor Kesbangpol se-Kaltim Tahun 2027").is_visible()
    assert page.get_by_text("Hotel Uji, Penajam").is_visible() and page.get_by_text("20 / 21").is_visible()
    screenshot("rakor-daftar")


@pytest.mark.parametrize("persona", ["pimpinan_kaltim", "staf_kaltim"])
def test_rakor_page_fits_a_phone_without_sideways_scrolling(live_server, page, screenshot, persona):
    import datetime

    from rakor.models import Agenda

    factories.pengguna("pimpinan_kaltim", "pimpinan", "64", nama_lengkap="Kepala Badan")
    factories.pengguna("staf_kaltim", "staf_provinsi", "64", nama_lengkap="Dewi Lestari")
    rakor = factories.rakor("64", judul="Rapat Koordinasi Kesbangpol se-Kalimantan Timur Tahun 2024")
    Agenda.objects.create(
        rakor=rakor,
        tanggal=rakor.tanggal_mulai,
        jam_mulai=datetime.time(19),
        acara="Pembukaan oleh Wakil Bupati",
    )
    for n in range(1, 4):
        factories.rekomendasi(
            rakor,
            n,
            "Mendorong Pemerintah Kabupaten/Kota untuk membentuk SOTK " * 3,
            kode_kantor=("64.01", "64.09", "64.72"),
        )
    factories.peserta_banyak(rakor, 5)
    page.set_viewport_size({"width": 390, "height": 844})
    masuk(page, live_server, persona)
    page.goto(f"{live_server.url}{rakor.get_absolute_url()}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.get_by_role("navigation", name="Bagian halaman ini").is_visible()
    screenshot(f"rakor-390-{persona}")


def test_an_items_progress_stays_in_its_column_and_links_to_its_assignments(live_server, page):
    """ "3 dari 10 sesuai · 4 menunggu" used to run past the column into the side panel at 1366 px."""
    from kesbangpol.models import Wilayah
    from rekomendasi.models import Penugasan

    factories.pengguna("staf_kaltim", "staf_provinsi", "64", nama_lengkap="Dewi Lestari")
    rakor = factories.rakor("64", judul="Rapat Koordinasi Kesbangpol se-Kalimantan Timur Tahun 2024")
    kode = Wilayah.objects.filter(provinsi__kode="64").order_by("kode").values_list("kode", flat=True)[:10]
    rek = factories.rekomendasi(rakor, 1, "Mendorong Pemerintah Kabupaten/Kota membentuk SOTK " * 3, kode)
    penugasan = list(rek.penugasan.order_by("pk"))
    Penugasan.objects.filter(pk__in=[p.pk for p in penugasan[:3]]).update(status=Penugasan.Status.SESUAI)
    Penugasan.objects.filter(pk__in=[p.pk for p in penugasan[3:7]]).update(usulan=Penugasan.Status.SESUAI)
    page.set_viewport_size({"width": 1366, "height": 900})
    masuk(page, live_server, "staf_kaltim")
    page.goto(f"{live_server.url}{rakor.get_absolute_url()}")
    progres = page.get_by_role("link", name="3 dari 10 sesuai · 4 menunggu")
    butir, teks = page.locator(".progres-butir").bounding_box(), progres.bounding_box()
    kolom = page.locator("section#rekomendasi").bounding_box()
    assert teks["x"] + teks["width"] <= butir["x"] + butir["width"] + 1
    assert butir["x"] + butir["width"] <= kolom["x"] + kolom["width"] + 1
    progres.click()
    page.wait_for_url(f"{live_server.url}{rek.get_absolute_url()}#penugasan")
    expect(
        page.get_by_role("heading", name="Penugasan (3 dari 10 sesuai, 4 menunggu verifikasi)")
    ).to_be_visible()


def _di_layar(locator, lebar: int = 390) -> bool:
    box = locator.bounding_box()
    return box is not None and box["x"] >= 0 and box["x"] + box["width"] <= lebar


def test_attendance_is_recorded_on_a_phone_with_every_field_in_view(live_server, page, screenshot):
    """At 390 px the attendance form hid each row's "Kehadiran", "Diwakili oleh", mode and delete
    box past the table's edge; rows now stack, each field named, so a clerk at the door can record."""
    from rakor.models import Peserta

    factories.pengguna("staf_kaltim", "staf_provinsi", "64", nama_lengkap="Dewi Lestari")
    rakor = factories.rakor("64", judul="Rapat Koordinasi Kesbangpol se-Kalimantan Timur Tahun 2024")
    factories.peserta_banyak(rakor, 4)
    page.set_viewport_size({"width": 390, "height": 844})
    masuk(page, live_server, "staf_kaltim")
    page.goto(f"{live_server.url}/rakor/{rakor.pk}/peserta/")
    page.wait_for_load_state()
    tabel = page.locator("#tabel-kehadiran")
    for nama in ("Kehadiran", "Diwakili oleh", "Moda", "Hapus"):
        kolom = tabel.locator(f"td[data-label='{nama}']")
        assert kolom.count() == 4 and all(_di_layar(kolom.nth(i)) for i in range(4)), nama
    screenshot("rakor-kehadiran-390")
    orang = f"Peserta Uji {rakor.pk}-0"
    page.get_by_label(f"Kehadiran {orang}").select_option("diwakilkan")
    page.get_by_label(f"Diwakili oleh (untuk {orang})").fill("Sekretaris Badan")
    page.get_by_role("button", name="Simpan kehadiran").click()
    expect(page.get_by_text("Kehadiran disimpan")).to_be_visible()
    assert Peserta.objects.get(orang__nama=orang).diwakili_oleh == "Sekretaris Badan"


def test_an_items_assignments_show_their_status_on_a_phone(live_server, page, screenshot):
    factories.pengguna("pimpinan_kaltim", "pimpinan", "64", nama_lengkap="Kepala Badan")
    rakor = factories.rakor("64", judul="Rapat Koordinasi Kesbangpol se-Kalimantan Timur Tahun 2024")
    rek = factories.rekomendasi(rakor, 1, "Membentuk SOTK", ("64.01", "64.09", "64.72"))
    page.set_viewport_size({"width": 390, "height": 844})
    masuk(page, live_server, "pimpinan_kaltim")
    page.goto(f"{live_server.url}{rek.get_absolute_url()}#penugasan")
    status = page.locator(".penugasan-rek td[data-label='Status']")
    assert status.count() == 3 and all(_di_layar(status.nth(i)) for i in range(3))
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot("rekomendasi-390")
