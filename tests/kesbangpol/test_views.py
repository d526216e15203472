"""Region and office pages: owner 200, outsider 404, read-only 403 on writes, anonymous → login."""

import pytest

from kesbangpol.models import Instansi
from tests import factories

pytestmark = pytest.mark.django_db


def test_anonymous_is_sent_to_login(client):
    response = client.get("/wilayah/64.01/")
    assert response.status_code == 302
    assert response["Location"].startswith("/akun/masuk/?next=/wilayah/64.01/")


def test_operator_sees_their_kabupaten_and_office(login, operator_paser):
    client = login(operator_paser)
    response = client.get("/wilayah/64.01/")
    assert response.status_code == 200
    assert "Badan Kesatuan Bangsa dan Politik Kabupaten Paser" in response.content.decode()
    response = client.get(f"/instansi/{operator_paser.instansi_id}/")
    assert response.status_code == 200


def test_region_counts_link_to_the_offices_and_active_users_they_count(login, operator_paser):
    factories.pengguna("mantan_operator", "operator_kabkota", "64.01", is_active=False)
    kantor = operator_paser.instansi
    client = login(operator_paser)
    listing = client.get("/wilayah/").content.decode()
    # On a phone the rows stack, each cell naming its column (the count was scrolled off to the right).
    assert '<td class="text-end" data-label="Instansi"><a href="/wilayah/64.01/#instansi">1</a>' in listing
    assert "tabel-susun" in listing and '<td class="sebaris" data-label="Zona">WITA</td>' in listing
    body = client.get("/wilayah/64.01/").content.decode()
    # Two users, one of them deactivated: the office page lists one, and so does the count.
    assert f'data-label="Pengguna aktif"><a href="/instansi/{kantor.pk}/#pengguna">1</a>' in body
    halaman = client.get(f"/instansi/{kantor.pk}/").content.decode()
    assert 'id="pengguna"' in halaman and "Mantan Operator" not in halaman


def test_operator_of_paser_cannot_open_anything_of_penajam_paser_utara(login, operator_paser):
    ppu = factories.kesbangpol("64.09")
    client = login(operator_paser)
    for url in [
        "/wilayah/64.09/",
        f"/instansi/{ppu.pk}/",
        f"/instansi/{ppu.pk}/ubah/",
        "/wilayah/64.09/instansi/tambah/",
    ]:
        response = client.get(url)
        assert response.status_code == 404, url
        body = response.content.decode()
        assert "Penajam" not in body and str(ppu.pk) not in body.split("<main", 1)[1]
    listing = client.get("/wilayah/").content.decode()
    assert "Penajam" not in listing and "Kabupaten Paser" in listing


def test_not_found_page_is_indonesian_and_leaks_nothing(login, staf_kalbar):
    response = login(staf_kalbar).get("/wilayah/64.01/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Halaman tidak ditemukan" in body
    assert "Paser" not in body and "64.01" not in body


def test_province_staff_see_every_kabupaten_of_their_province(login, staf_kaltim):
    body = login(staf_kaltim).get("/wilayah/64/").content.decode()
    assert "Kabupaten Paser" in body and "Kota Samarinda" in body and "Kota Pontianak" not in body


def test_staff_add_an_office_in_their_province(login, staf_kaltim):
    response = login(staf_kaltim).post(
        "/wilayah/64.01/instansi/tambah/",
        {"nama": "Bappeda Kabupaten Paser", "jenis": "bappeda", "wilayah": "61.71"},
    )
    instansi = Instansi.objects.get(nama="Bappeda Kabupaten Paser")
    assert response.status_code == 302 and response["Location"] == f"/instansi/{instansi.pk}/"
    assert instansi.wilayah.kode == "64.01"  # the posted region was ignored
    history = instansi.history.get()
    assert history.history_user.username == "staf_kaltim" and history.history_type == "+"


def test_bad_input_rerenders_in_indonesian_and_saves_nothing(login, staf_kaltim):
    before = Instansi.objects.count()
    response = login(staf_kaltim).post(
        "/wilayah/64.01/instansi/tambah/",
        {"nama": "Kesbangpol kedua", "jenis": "kesbangpol", "kepala_nip": "12345", "email": "bukan-surel"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Periksa kembali isian berikut" in body
    assert "Wilayah ini sudah mempunyai Badan Kesbangpol." in body
    assert "NIP harus terdiri dari 18 angka." in body
    assert "Masukkan alamat email yang valid." in body or "alamat surel" in body.lower()
    assert 'value="Kesbangpol kedua"' in body  # typed values are kept
    assert Instansi.objects.count() == before


def test_pimpinan_reads_but_gets_403_on_every_write(login, pimpinan_kaltim):
    client = login(pimpinan_kaltim)
    paser = factories.kesbangpol("64.01")
    assert client.get(f"/instansi/{paser.pk}/").status_code == 200
    assert client.get(f"/instansi/{paser.pk}/ubah/").status_code == 403
    response = client.post(f"/instansi/{paser.pk}/ubah/", {"alamat": "diubah"})
    assert response.status_code == 403
    assert "Akses ditolak" in response.content.decode()
    assert client.post("/wilayah/64.01/instansi/tambah/", {"nama": "X", "jenis": "kpu"}).status_code == 403
    paser.refresh_from_db()
    assert paser.alamat == ""


def test_operator_updates_own_office_contacts_but_not_its_name_or_kind(login, operator_paser):
    client = login(operator_paser)
    pk = operator_paser.instansi_id
    response = client.post(
        f"/instansi/{pk}/ubah/",
        {
            "nama": "Nama Palsu",
            "jenis": "kpu",
            "alamat": "Jl. Jenderal Sudirman, Tanah Grogot",
            "telepon": "0543-21",
        },
    )
    assert response.status_code == 302
    instansi = Instansi.objects.get(pk=pk)
    assert instansi.alamat == "Jl. Jenderal Sudirman, Tanah Grogot"
    assert (
        instansi.nama == "Badan Kesatuan Bangsa dan Politik Kabupaten Paser"
        and instansi.jenis == "kesbangpol"
    )


def test_operator_cannot_edit_another_office_of_their_kabupaten(login, operator_paser):
    kpu = factories.instansi("64.01", "KPU Kabupaten Paser", Instansi.Jenis.KPU)
    client = login(operator_paser)
    assert client.get(f"/instansi/{kpu.pk}/").status_code == 200
    assert client.post(f"/instansi/{kpu.pk}/ubah/", {"alamat": "x"}).status_code == 403
    assert client.get("/wilayah/64.01/instansi/tambah/").status_code == 403


@pytest.mark.parametrize(
    ("persona", "teks"),
    [
        ("operator_paser", "Yang perlu Anda kerjakan"),
        ("staf_kaltim", "Kabupaten/kota dan instansi di Kalimantan Timur"),
        ("pimpinan_kaltim", "Ringkasan triwulan terakhir"),
        ("admin_nasional", "Seluruh provinsi"),
        ("tanpa_instansi", "Akun Anda belum terhubung ke instansi"),
    ],
)
def test_landing_page_depends_on_role(login, personas, persona, teks):
    response = login(personas[persona]).get("/")
    assert response.status_code == 200
    assert teks in response.content.decode()


def test_national_home_links_each_provinces_kabkota_count_to_its_list(login, admin_nasional):
    from kesbangpol.models import Wilayah

    n = Wilayah.objects.filter(provinsi__kode="64").count()
    assert f'<a href="/wilayah/64/#kabkota">{n}</a>' in login(admin_nasional).get("/").content.decode()
    body = login(admin_nasional).get("/wilayah/64/").content.decode()
    assert 'id="kabkota"' in body and body.count("<tr><td>64.") == n


def test_region_list_has_a_fixed_number_of_queries(login, admin_nasional, django_assert_max_num_queries):
    client = login(admin_nasional)
    with django_assert_max_num_queries(8):  # 7 + the bell's unread count
        response = client.get("/wilayah/?halaman=3")
    body = response.content.decode()
    assert body.count("<tr>") == 51  # header + 50 regions a page
    assert "Halaman 3 dari 12 (552 baris)" in body


def test_region_search_survives_pagination(login, admin_nasional):
    from kesbangpol.models import Wilayah

    expected = Wilayah.objects.filter(nama__icontains="Kota").count()
    assert expected > 50
    body = login(admin_nasional).get("/wilayah/?q=Kota").content.decode()
    assert f"({expected} baris)" in body and "?q=Kota&amp;halaman=2" in body
    page2 = login(admin_nasional).get("/wilayah/?q=Kota&halaman=2").content.decode()
    assert "Kabupaten Paser" not in page2 and 'value="Kota"' in page2
