import pytest

from rakor.models import Peserta
from tests import factories
from tests.browser.conftest import masuk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DAFTAR = """Rakor ini menghasilkan rekomendasi yakni:
1. Mengoptimalkan Tim Pemantau Perkembangan Politik di Daerah (TP3D).
2. Masing-masing Pemerintah Daerah agar dapat memfasilitasi kegiatan FKDM :
3. FKDM Kabupaten/Kota.
4. FKDM Kecamatan.
5. Menyampaikan laporan Peta Potensi Konflik secara berkala (Triwulan)."""


def test_paste_assign_report_with_evidence_and_verify(live_server, page, screenshot):
    factories.pengguna("staf_kaltim", "staf_provinsi", "64", nama_lengkap="Dewi Lestari")
    factories.pengguna("admin_kaltim", "admin_provinsi", "64", nama_lengkap="Rahmat Hidayat")
    factories.pengguna("operator_paser", "operator_kabkota", "64.01", nama_lengkap="Nur Aini")
    rakor = factories.rakor("64", judul="Rakor Kesbangpol se-Kaltim 2026")
    Peserta.objects.create(rakor=rakor, instansi=factories.kesbangpol("64.01"), jabatan="Kepala Badan")

    masuk(page, live_server, "staf_kaltim")
    page.goto(f"{live_server.url}{rakor.get_absolute_url()}")
    page.get_by_role("link", name="Tempel daftar rekomendasi").click()
    page.locator("#id_teks").fill(DAFTAR)
    page.locator("#id_sasaran").select_option("kabkota")
    page.get_by_role("button", name="Lihat pratinjau").click()
    assert page.get_by_text("5 baris terbaca").is_visible()
    # Lines 3 and 4 come suggested as sub-points of line 2 (it ends in ":").
    assert page.locator("#id_form-2-sub").is_checked() and page.locator("#id_form-3-sub").is_checked()
    screenshot("rekomendasi-pratinjau")
    page.get_by_role("button", name="Simpan semua").click()
    assert page.get_by_text("3 rekomendasi disimpan (2 sub-butir)").is_visible()
    page.goto(f"{live_server.url}{rakor.get_absolute_url()}")
    assert page.get_by_role("heading", name="Rekomendasi (3)").is_visible()
    screenshot("rakor-dengan-rekomendasi")

    masuk(page, live_server, "operator_paser")
    page.goto(f"{live_server.url}/rekomendasi/saya/")
    page.get_by_role("link", name="3. Menyampaikan laporan Peta Potensi Konflik").click()
    page.get_by_label("Sesuai — diusulkan, menunggu verifikasi provinsi").check()
    page.locator("#id_narasi").fill("Laporan triwulan I sudah dikirim ke provinsi.")
    page.get_by_role("button", name="Kirim laporan").click()
    assert page.get_by_text("wajib disertai paling sedikit satu berkas bukti dukung").first.is_visible()
    page.get_by_label("Sesuai — diusulkan, menunggu verifikasi provinsi").check()
    page.locator("#id_berkas").set_input_files(
        files=[{"name": "laporan-tw1.pdf", "mimeType": "application/pdf", "buffer": factories.PDF_BYTES}]
    )
    page.get_by_role("button", name="Kirim laporan").click()
    page.get_by_text("Usulan “Sesuai” terkirim").wait_for()  # sent with a progress bar, then the page
    screenshot("penugasan-operator")

    masuk(page, live_server, "staf_kaltim")
    page.goto(f"{live_server.url}/rekomendasi/")
    screenshot("rekomendasi-dasbor")
    page.get_by_role("link", name="Badan Kesatuan Bangsa dan Politik Kabupaten Paser").click()
    assert page.get_by_role("cell", name="Menunggu verifikasi: Sesuai").is_visible()
    screenshot("instansi-penugasan")
    page.get_by_role("link", name="3. Menyampaikan laporan Peta Potensi Konflik").click()
    assert page.get_by_role("link", name="laporan-tw1.pdf").is_visible()
    page.get_by_label("Terima usulan").check()
    page.locator("#id_catatan").fill("Laporan diterima lengkap.")
    page.get_by_role("button", name="Simpan verifikasi").click()
    assert page.get_by_text("sekarang “Sesuai”").is_visible()
    screenshot("penugasan-diverifikasi")


def test_evidence_upload_shows_its_progress_on_a_slow_link(live_server, page):
    factories.pengguna("operator_paser", "operator_kabkota", "64.01", nama_lengkap="Nur Aini")
    rakor = factories.rakor("64")
    p = factories.rekomendasi(rakor, 1, "Sampaikan Peta Potensi Konflik").penugasan.get()
    masuk(page, live_server, "operator_paser")
    page.goto(f"{live_server.url}{p.get_absolute_url()}")
    # 1.5 MB at 256 KiB/s: about six seconds of upload, as from a kab/kota office.
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 50, "downloadThroughput": 1_000_000, "uploadThroughput": 256 * 1024},
    )
    besar = factories.PDF_BYTES + b"%" * 1_500_000
    page.get_by_label("Sesuai — diusulkan, menunggu verifikasi provinsi").check()
    page.locator("#id_narasi").fill("SK pembentukan terlampir.")
    page.locator("#id_berkas").set_input_files(
        files=[{"name": "sk.pdf", "mimeType": "application/pdf", "buffer": besar}]
    )
    page.get_by_role("button", name="Kirim laporan").click()
    progres = page.locator(".unggah-progres")
    progres.wait_for(state="visible", timeout=5_000)
    assert "Mengunggah" in progres.inner_text()
    assert page.get_by_role("button", name="Kirim laporan").is_disabled()
    page.get_by_text("Usulan “Sesuai” terkirim").wait_for(timeout=30_000)
    assert page.url.endswith(p.get_absolute_url())


def test_staff_find_an_office_by_typing_and_assign_it(live_server, page, screenshot):
    factories.pengguna("staf_kaltim", "staf_provinsi", "64", nama_lengkap="Dewi Lestari")
    bappeda = factories.instansi("64.01", "Badan Perencanaan Pembangunan Daerah Kabupaten Paser")
    rakor = factories.rakor("64")
    rek = factories.rekomendasi(rakor, 1, "Sinkronkan program", kode_kantor=())
    masuk(page, live_server, "staf_kaltim")
    page.goto(f"{live_server.url}{rek.get_absolute_url()}")
    page.get_by_label("Cari instansi atau kabupaten/kota").fill("paser")
    kelompok = page.locator(".kelompok-instansi:visible legend")
    assert kelompok.all_inner_texts() == ["Kabupaten Paser", "Kabupaten Penajam Paser Utara"]
    # The long name is there in full, not cut off by a narrow select box.
    page.get_by_label("Badan Perencanaan Pembangunan Daerah Kabupaten Paser").check()
    assert page.get_by_text("1 instansi dipilih").is_visible()
    screenshot("tugaskan-cari-instansi")
    page.get_by_role("button", name="Tugaskan").click()
    page.get_by_role("link", name="Badan Perencanaan Pembangunan Daerah Kabupaten Paser").wait_for()
    assert list(rek.penugasan.values_list("instansi_id", flat=True)) == [bappeda.pk]


BENTUK = "(e) => ({radius: getComputedStyle(e).borderRadius, gambar: getComputedStyle(e).backgroundImage})"


def test_a_choice_of_one_looks_like_one_round_buttons_with_a_dot_when_chosen(live_server, page):
    """Bootstrap's cut CSS once lost its [type=radio] rules (Django names the type in Python, which
    the purge did not read): the follow-up status looked like three checkboxes, and the chosen one
    was a plain blue square."""
    factories.pengguna("operator_paser", "operator_kabkota", "64.01")
    rek = factories.rekomendasi(factories.rakor("64"), isi="Sampaikan Peta Potensi Konflik")
    penugasan = rek.penugasan.get()
    masuk(page, live_server, "operator_paser")
    page.goto(f"{live_server.url}{penugasan.get_absolute_url()}")
    pilihan = page.get_by_label("Belum sesuai (sedang dikerjakan)")
    assert pilihan.evaluate(BENTUK) == {"radius": "50%", "gambar": "none"}
    pilihan.check()
    dipilih = pilihan.evaluate(BENTUK)
    assert dipilih["radius"] == "50%" and "circle" in dipilih["gambar"]
