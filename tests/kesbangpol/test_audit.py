"""The audit trail: sensitive actions and refused attempts are recorded, and records never change."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kesbangpol.models import Audit
from laporan.models import LaporanTriwulan
from tests import factories

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
