"""The Django admin shows each admin what the portal shows them, and imports stay in scope."""

import io

import pytest
import tablib
from openpyxl import load_workbook

from kesbangpol.models import Instansi, User
from kesbangpol.resources import InstansiResource, PenggunaResource, kesalahan_impor
from tests import factories

pytestmark = pytest.mark.django_db


def test_provincial_admin_lists_only_their_province(login, admin_kaltim):
    factories.instansi("61.71", "Bappeda Kota Pontianak")
    body = login(admin_kaltim).get("/admin/kesbangpol/instansi/?all=").content.decode()
    assert "Kabupaten Paser" in body
    assert "Pontianak" not in body


def test_provincial_admin_cannot_open_another_province_office(login, admin_kaltim):
    pontianak = factories.kesbangpol("61.71")
    client = login(admin_kaltim)
    # The admin treats an out-of-scope id exactly like a missing one.
    response = client.get(f"/admin/kesbangpol/instansi/{pontianak.pk}/change/")
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert "Pontianak" not in client.get("/admin/").content.decode()
    assert client.get(f"/admin/kesbangpol/instansi/{pontianak.pk}/history/").status_code == 404


def test_non_admin_roles_are_kept_out_of_the_admin(login, staf_kaltim):
    response = login(staf_kaltim).get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_provincial_admin_cannot_grant_national_admin(login, admin_kaltim):
    body = login(admin_kaltim).get("/admin/kesbangpol/user/add/").content.decode()
    assert "Operator Kesbangpol Kabupaten/Kota" in body
    assert "Admin Nasional" not in body
    assert "Kota Pontianak" not in body  # office choices are scoped too


def test_export_of_offices_holds_only_the_province_and_no_ids(login, admin_kaltim):
    response, _ = factories.ekspor_admin(login(admin_kaltim), "/admin/kesbangpol/instansi/export/")
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("kode_wilayah", "nama_wilayah", "nama") and "id" not in rows[0]
    kodes = {r[0] for r in rows[1:]}
    assert len(kodes) == 11 and all(k == "64" or k.startswith("64.") for k in kodes)


def _dataset(headers, *rows):
    return tablib.Dataset(*rows, headers=headers)


def test_office_import_is_all_or_nothing_and_names_bad_rows(admin_kaltim):
    data = _dataset(
        ["kode_wilayah", "nama", "jenis", "aktif"],
        ["64.01", "Bappeda Kabupaten Paser", "Bappeda", "1"],
        ["64.09", "Disdukcapil PPU", "disdukcapil", "1"],
        ["61.71", "Bappeda Kota Pontianak", "Bappeda", "1"],
        ["64.72", "KPU Kota Samarinda", "Komisi", "1"],
    )
    result = InstansiResource(user=admin_kaltim).import_data(data, dry_run=False, raise_errors=False)
    errors = kesalahan_impor(result)
    assert set(errors) == {4, 5}  # spreadsheet rows: the header is row 1
    assert errors[4] == ["Wilayah dengan kode “61.71” tidak ada atau di luar wilayah Anda."]
    assert "“Komisi” bukan pilihan yang sah" in errors[5][0]
    assert not Instansi.objects.filter(nama__in=["Bappeda Kabupaten Paser", "Disdukcapil PPU"]).exists()


def test_office_import_accepts_labels_in_any_case(admin_kaltim):
    data = _dataset(["kode_wilayah", "nama", "jenis"], ["64.01", "Bappeda Kabupaten Paser", "BAPPEDA"])
    result = InstansiResource(user=admin_kaltim).import_data(data, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    assert Instansi.objects.get(nama="Bappeda Kabupaten Paser").jenis == "bappeda"


def test_user_import_creates_accounts_without_password_in_scope_only(admin_kaltim):
    headers = ["username", "nama_lengkap", "email", "nip", "kode_wilayah", "instansi", "peran"]
    paser = "Badan Kesatuan Bangsa dan Politik Kabupaten Paser"
    good = _dataset(
        headers,
        [
            "op_baru",
            "Operator Baru",
            "op@uji.localhost",
            "",
            "64.01",
            paser,
            "operator kesbangpol kabupaten/kota",
        ],
    )
    result = PenggunaResource(user=admin_kaltim).import_data(good, dry_run=False)
    assert not result.has_validation_errors() and not result.has_errors()
    user = User.objects.get(username="op_baru")
    assert user.instansi.wilayah.kode == "64.01" and not user.has_usable_password()

    bad = _dataset(
        headers,
        ["op_dua", "Operator Dua", "", "", "64.01", paser, "Admin Nasional"],
        [
            "op_tiga",
            "Operator Tiga",
            "",
            "",
            "61.71",
            "Badan Kesatuan Bangsa dan Politik Kota Pontianak",
            "operator_kabkota",
        ],
        ["op_empat", "Operator Empat", "", "123", "64.01", paser, "operator_kabkota"],
    )
    result = PenggunaResource(user=admin_kaltim).import_data(bad, dry_run=False, raise_errors=False)
    errors = {number: " ".join(messages) for number, messages in kesalahan_impor(result).items()}
    assert "Hanya admin nasional" in errors[2]
    assert "di luar wilayah Anda" in errors[3]
    assert "NIP harus terdiri dari 18 angka" in errors[4]
    assert not User.objects.filter(username__in=["op_dua", "op_tiga", "op_empat"]).exists()


def test_changes_in_the_admin_are_kept_in_history(login, admin_kaltim):
    paser = factories.kesbangpol("64.01")
    client = login(admin_kaltim)
    response = client.post(
        f"/admin/kesbangpol/instansi/{paser.pk}/change/",
        {
            "nama": paser.nama,
            "jenis": "kesbangpol",
            "wilayah": paser.wilayah_id,
            "aktif": "on",
            "telepon": "0543-123",
        },
    )
    assert response.status_code == 302
    latest = paser.history.latest()
    assert latest.telepon == "0543-123" and latest.history_user == admin_kaltim
    history = client.get(f"/admin/kesbangpol/instansi/{paser.pk}/history/")
    assert history.status_code == 200 and "Admin Kaltim" in history.content.decode()


def test_history_of_another_province_record_is_404_even_when_it_has_history(login, admin_kaltim):
    pontianak = factories.instansi("61.71", "Bappeda Kota Pontianak")
    pontianak.telepon = "0561-000"
    pontianak.save()  # now it has history rows, which simple-history would fall back to
    client = login(admin_kaltim)
    assert client.get(f"/admin/kesbangpol/instansi/{pontianak.pk}/history/").status_code == 404
    version = pontianak.history.first().history_id
    assert client.get(f"/admin/kesbangpol/instansi/{pontianak.pk}/history/{version}/").status_code == 404


def test_admin_speaks_indonesian_for_third_party_parts_too(login, admin_nasional):
    client = login(admin_nasional)
    index = client.get("/admin/").content.decode()
    assert "Kode dua langkah" in index and "Perangkat kode dua langkah" in index
    assert "TOTP device" not in index and "Otp_Totp" not in index and "OTP_TOTP" not in index
    users = client.get("/admin/kesbangpol/user/").content.decode()
    assert ">Impor<" in users and ">Ekspor<" in users and ">Import<" not in users
    assert "Nama pengguna" in users
    totp = client.get("/admin/otp_totp/totpdevice/").content.decode()
    assert "Berdasarkan sudah dikonfirmasi" in totp and "Berdasarkan confirmed" not in totp
    impor = client.get("/admin/kesbangpol/instansi/import/").content.decode()
    assert "Kolom yang akan diimpor" in impor and "Berkas yang diimpor" in impor


def test_failed_login_says_so_once_in_indonesian(client, admin_nasional):
    body = client.post("/akun/masuk/", {"username": "admin_nasional", "password": "salah"}).content.decode()
    assert body.count("Nama pengguna atau sandi salah.") == 1
    assert "nama pengguna nama pengguna" not in body.lower()


def test_view_on_site_answers_for_another_provinces_object_as_for_a_missing_one(
    login, admin_kaltim, admin_nasional
):
    """``<admin>/r/<type>/<id>/`` for every registered model that has a page: another province's
    object answers exactly what an id that does not exist answers."""
    from django.contrib import admin
    from django.contrib.contenttypes.models import ContentType

    rakor = factories.rakor("61", judul="Rakor Kalbar", penyelenggara=factories.kesbangpol("61"))
    factories.rekomendasi(rakor, isi="Rekomendasi Kalbar", kode_kantor=("61.01",))
    factories.potensi(factories.laporan("61.01"))
    kaltim, nasional = login(admin_kaltim), None
    diperiksa = []
    for model, model_admin in admin.site._registry.items():
        if not hasattr(model, "get_absolute_url"):
            continue
        ct = ContentType.objects.get_for_model(model).pk
        luar = model._default_manager.exclude(pk__in=model_admin.get_queryset(_permintaan(admin_kaltim)))
        obj = luar.first()
        if obj is None:
            continue
        tidak_ada = kaltim.get(f"/admin/r/{ct}/987654321/")
        milik_lain = kaltim.get(f"/admin/r/{ct}/{obj.pk}/")
        assert milik_lain.status_code == tidak_ada.status_code == 404, model
        assert _tanpa_csrf(milik_lain) == _tanpa_csrf(tidak_ada), model
        diperiksa.append(model._meta.label)
    assert {"rakor.Rakor", "rekomendasi.Rekomendasi", "laporan.LaporanTriwulan"} <= set(diperiksa)
    # The national admin, whose list holds it, is taken to the page.
    nasional = login(admin_nasional)
    response = nasional.get(f"/admin/r/{ContentType.objects.get_for_model(rakor).pk}/{rakor.pk}/")
    assert response.status_code == 302 and response["Location"].endswith(rakor.get_absolute_url())


def _tanpa_csrf(response) -> str:
    import re

    return re.sub(r'csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def _permintaan(user):
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def test_user_import_does_not_say_a_name_belongs_to_an_account_elsewhere(admin_kaltim):
    factories.pengguna("budi", User.Peran.OPERATOR_KABKOTA, "61.01")
    rows = _dataset(
        ["username", "nama_lengkap", "email", "instansi", "peran"],
        ["budi", "Budi Paser", "budi@paser.localhost", "Kesbangpol Kabupaten Paser", "operator_kabkota"],
    )
    result = PenggunaResource(user=admin_kaltim).import_data(rows, dry_run=True)
    pesan = " ".join(m for ms in kesalahan_impor(result).values() for m in ms)
    assert "Nama pengguna ini tidak dapat dipakai" in pesan
    assert "sudah ada" not in pesan and "Kalbar" not in pesan and "61.01" not in pesan


def test_read_only_admins_show_every_field_and_refuse_every_write(login, admin_nasional):
    """Records the portal writes (reports, urgent reports, signals, the audit trail, scheduled mail,
    API tokens) are opened in the admin but never added, changed or deleted there."""
    from django.contrib import admin

    from kesbangpol.admin import HanyaBaca, SemuaBidangTerbaca
    from laporan.models import LaporanTriwulan

    hanya_baca = {m._meta.label for m, ma in admin.site._registry.items() if isinstance(ma, HanyaBaca)}
    # Documents and notifications show every field too, but an admin may delete them.
    terbaca = {m._meta.label for m, ma in admin.site._registry.items() if isinstance(ma, SemuaBidangTerbaca)}
    assert terbaca - hanya_baca == {"kesbangpol.Dokumen", "kesbangpol.Notifikasi"}
    assert hanya_baca == {
        "laporan.LaporanTriwulan",
        "laporan.LaporanSegera",
        "laporan.Sinyal",
        "kesbangpol.Audit",
        "kesbangpol.KirimanTerjadwal",
        "kesbangpol.TokenAkses",
    }
    client = login(admin_nasional)
    for label in hanya_baca:
        app, model = label.lower().split(".")
        assert client.get(f"/admin/{app}/{model}/").status_code == 200, label
        assert client.get(f"/admin/{app}/{model}/add/").status_code == 403, label
    lap = factories.laporan("64.01", 2026, 1)
    url = f"/admin/laporan/laporantriwulan/{lap.pk}/"
    halaman = client.get(url + "change/").content.decode()
    assert "Kabupaten Paser" in halaman and 'name="_save"' not in halaman
    assert "<label>Diubah:</label>" in halaman  # a field no form edits (auto_now) is shown too
    assert client.post(url + "change/", {"status": "diterima"}).status_code == 403
    assert client.post(url + "delete/", {"post": "yes"}).status_code == 403
    assert LaporanTriwulan.objects.get(pk=lap.pk).status == lap.status
