"""The audit trail: sensitive actions and refused attempts are recorded, and records never change."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from kesbangpol.models import Audit, Instansi, User
from laporan.models import LaporanTriwulan
from tests import factories
from tests.conftest import perlu_postgresql

pytestmark = pytest.mark.django_db


def test_submission_acceptance_export_and_refusals_are_recorded(
    login, operator_paser, operator_ppu, staf_kaltim
):
    laporan = factories.laporan("64.01", 2026, 1)
    factories.potensi(laporan)
    login(operator_paser).post(reverse("laporan:ajukan", args=[laporan.pk]), {"versi": 1})
    login(staf_kaltim).post(reverse("laporan:periksa", args=[laporan.pk]), {"keputusan": "terima"})
    login(staf_kaltim).get(reverse("rakor:ekspor"))
    # Refused: another kab/kota's report (404) and an operator trying to accept (403).
    login(operator_ppu).get(laporan.get_absolute_url())
    login(operator_paser).post(reverse("laporan:periksa", args=[laporan.pk]), {"keputusan": "terima"})
    rows = list(
        Audit.objects.order_by("pk").values_list("username", "aksi", "objek", "hasil", "wilayah_kode")
    )
    assert ("operator_paser", "laporan_ajukan", f"laporantriwulan:{laporan.pk}", "berhasil", "64.01") in rows
    assert ("staf_kaltim", "laporan_terima", f"laporantriwulan:{laporan.pk}", "berhasil", "64") in rows
    assert any(r[:2] == ("staf_kaltim", "ekspor_rakor") for r in rows)
    assert ("operator_ppu", "tidak_ditemukan", laporan.get_absolute_url(), "ditolak", "64.09") in rows
    assert any(r[:2] == ("operator_paser", "akses_ditolak") and r[3] == "ditolak" for r in rows)
    assert Audit.objects.filter(aksi="laporan_terima").get().alamat == "127.0.0.1"
    assert LaporanTriwulan.objects.get().status == "diterima"


def test_records_are_append_only(staf_kaltim):
    from django.test import RequestFactory

    from kesbangpol import audit

    request = RequestFactory().get("/")
    request.user = staf_kaltim
    audit.catat(request, "uji")
    record = Audit.objects.get()
    record.aksi = "diubah"
    with pytest.raises(ValidationError):
        record.save()
    with pytest.raises(ValidationError):
        record.delete()
    assert Audit.objects.get().aksi == "uji"


def test_admins_browse_the_trail_of_their_province_only(login, admin_kaltim, staf_kalbar, staf_kaltim):
    login(staf_kalbar).get(reverse("rakor:ekspor"))
    login(staf_kaltim).get(reverse("rakor:ekspor"))
    body = login(admin_kaltim).get("/admin/kesbangpol/audit/").content.decode()
    assert "staf_kaltim" in body and "staf_kalbar" not in body
    assert (
        login(admin_kaltim).post(f"/admin/kesbangpol/audit/{Audit.objects.first().pk}/delete/").status_code
        == 403
    )


def test_probing_another_provinces_records_is_filed_under_that_province_too(
    login, admin_kaltim, staf_kalbar, operator_paser
):
    """Kalbar's staff trying Kaltim's ids (each of them, through every kind of scoped page) shows
    in Kaltim's audit trail; an id that exists nowhere, and an operator trying their own
    province's other offices' records, are filed under the prober's province only."""
    rakor = factories.rakor("64", judul="Rakor rahasia Kaltim")
    rek = factories.rekomendasi(rakor, kode_kantor=("64.09",))
    laporan = factories.laporan("64.09")
    pot = factories.potensi(laporan)
    urls = [
        rakor.get_absolute_url(),
        rek.get_absolute_url(),
        rek.penugasan.get().get_absolute_url(),
        laporan.get_absolute_url(),
        reverse("laporan:potensi_ubah", args=[pot.pk]),
    ]
    kalbar = login(staf_kalbar)
    for url in urls:
        assert kalbar.get(url).status_code == 404, url
    assert kalbar.get("/rakor/987654/").status_code == 404
    tercatat = Audit.objects.filter(username="staf_kalbar", aksi="tidak_ditemukan")
    assert {a.objek: a.provinsi_sasaran.kode if a.provinsi_sasaran else None for a in tercatat} == {
        **dict.fromkeys(urls, "64"),
        "/rakor/987654/": None,
    }
    assert all(a.provinsi.kode == "61" for a in tercatat)
    body = login(admin_kaltim).get("/admin/kesbangpol/audit/?hasil=ditolak").content.decode()
    assert body.count("staf_kalbar") >= len(urls) and "/rakor/987654/" not in body
    admin_kalbar = factories.pengguna("admin_kalbar", User.Peran.ADMIN_PROVINSI, "61")
    assert "/rakor/987654/" in login(admin_kalbar).get("/admin/kesbangpol/audit/").content.decode()
    # Within the province: Paser's operator on PPU's report is Kaltim's own business, filed once.
    login(operator_paser).get(laporan.get_absolute_url())
    sendiri = Audit.objects.get(username="operator_paser", aksi="tidak_ditemukan")
    assert sendiri.provinsi.kode == "64" and sendiri.provinsi_sasaran is None


def _xlsx(rows) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_exports_and_imports_made_in_the_admin_are_recorded(login, admin_kaltim):
    client = login(admin_kaltim)
    response, xlsx = factories.ekspor_admin(client, "/admin/kesbangpol/instansi/export/")
    assert response.status_code == 200
    ekspor = Audit.objects.get(aksi="ekspor_admin")
    assert (ekspor.username, ekspor.provinsi.kode, ekspor.hasil) == ("admin_kaltim", "64", "berhasil")
    assert ekspor.keterangan == "kesbangpol.Instansi, 11 baris"

    berkas = SimpleUploadedFile(
        "kantor.xlsx",
        _xlsx([["kode_wilayah", "nama", "jenis"], ["64.01", "Bappeda Kabupaten Paser", "Bappeda"]]),
    )
    pratinjau = client.post(
        "/admin/kesbangpol/instansi/import/", {"import_file": berkas, "format": xlsx, "resource": "0"}
    )
    assert not Audit.objects.filter(aksi="impor_admin").exists()  # a dry run changes nothing
    assert "confirm_form" in pratinjau.context, pratinjau.content.decode()[-3000:]
    konfirmasi = pratinjau.context["confirm_form"].initial
    response = client.post("/admin/kesbangpol/instansi/process_import/", konfirmasi)
    assert response.status_code == 302
    assert Instansi.objects.filter(nama="Bappeda Kabupaten Paser").exists()
    impor = Audit.objects.get(aksi="impor_admin")
    assert impor.username == "admin_kaltim" and impor.keterangan == "kesbangpol.Instansi: new 1"


def test_the_database_refuses_to_change_or_delete_audit_records(staf_kaltim):
    """Below the model: raw SQL as the application's own database user is refused too."""
    perlu_postgresql("pemicu basis data hanya di PostgreSQL")
    from django.db import transaction
    from django.db.utils import DatabaseError
    from django.test import RequestFactory

    from kesbangpol import audit

    request = RequestFactory().get("/")
    request.user = staf_kaltim
    audit.catat(request, "uji")
    pk = Audit.objects.get().pk
    for sql in (
        "UPDATE kesbangpol_audit SET aksi = 'diubah' WHERE id = %s",
        "UPDATE kesbangpol_audit SET pengguna_id = NULL, aksi = 'diubah' WHERE id = %s",
        "DELETE FROM kesbangpol_audit WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="Jejak audit tidak dapat diubah"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [pk])
    assert Audit.objects.get().aksi == "uji"
    # Removing a user keeps their records (ON DELETE SET NULL is the one update allowed).
    User.objects.filter(pk=staf_kaltim.pk).delete()
    record = Audit.objects.get()
    assert (record.pengguna_id, record.username, record.aksi) == (None, "staf_kaltim", "uji")


def test_every_admin_export_works_for_a_provincial_admin_and_is_recorded(login, admin_kaltim):
    from django.contrib import admin

    from kesbangpol.admin import ImporEksporAdmin

    client = login(admin_kaltim)
    diekspor = []
    for model, model_admin in admin.site._registry.items():
        if not isinstance(model_admin, ImporEksporAdmin):
            continue
        url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/export/"
        response, _ = factories.ekspor_admin(client, url)
        if response is None:  # not this admin's to export (e.g. national-only lists)
            continue
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith("application/vnd.openxmlformats"), url
        diekspor.append(model._meta.label)
    assert len(diekspor) >= 8, diekspor
    assert Audit.objects.filter(aksi="ekspor_admin", username="admin_kaltim").count() == len(diekspor)
