"""Rakor in the Django admin: scoped like the portal, with import/export for bulk data."""

import pytest
import tablib

from kesbangpol.resources import kesalahan_impor
from rakor.models import Orang, Peserta
from rakor.resources import OrangResource, PesertaResource
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def dua_rakor(db):
    kaltim = factories.rakor("64", judul="Rakor Admin Kaltim")
    kalbar = factories.rakor("61", judul="Rakor Admin Kalbar", penyelenggara=factories.kesbangpol("61"))
    Peserta.objects.create(rakor=kalbar, instansi=factories.kesbangpol("61.71"), jabatan="Kepala Pontianak")
    return kaltim, kalbar


@pytest.mark.parametrize(
    "model", ["rakor", "peserta", "narasumber", "orang", "dokumentasi", "langganankalender"]
)
def test_provincial_admin_lists_only_their_province(login, admin_kaltim, dua_rakor, model):
    response = login(admin_kaltim).get(f"/admin/rakor/{model}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Kalbar" not in body and "Pontianak" not in body


def test_another_province_rakor_is_not_reachable_in_admin(login, admin_kaltim, dua_rakor):
    _, kalbar = dua_rakor
    client = login(admin_kaltim)
    assert client.get(f"/admin/rakor/rakor/{kalbar.pk}/change/").status_code == 302
    assert client.get(f"/admin/rakor/rakor/{kalbar.pk}/history/").status_code == 404
    body = client.get("/admin/rakor/rakor/").content.decode()
    assert "Rakor Admin Kaltim" in body


def test_participant_import_is_all_or_nothing_and_scoped(admin_kaltim, dua_rakor):
    kaltim, kalbar = dua_rakor
    headers = ["rakor_id", "nama", "nip", "jabatan", "kode_wilayah", "instansi", "moda", "kehadiran"]
    paser = factories.kesbangpol("64.01").nama
    good = [kaltim.pk, "Budi", "", "Staf", "64.01", paser, "Luring", "Hadir"]
    other = [kalbar.pk, "Andi", "", "Staf", "64.01", paser, "luring", "hadir"]
    result = PesertaResource(user=admin_kaltim).import_data(
        tablib.Dataset(good, other, headers=headers), dry_run=False
    )
    assert result.has_errors() or result.has_validation_errors()
    assert 3 in kesalahan_impor(result)  # the Kalbar rakor is "not there" for a Kaltim admin
    assert not Peserta.objects.filter(rakor=kaltim).exists()
    result = PesertaResource(user=admin_kaltim).import_data(
        tablib.Dataset(good, headers=headers), dry_run=False
    )
    assert not result.has_errors() and not result.has_validation_errors()
    assert Peserta.objects.get(rakor=kaltim).orang.nama == "Budi"


def test_person_import_matches_by_nip(admin_kaltim):
    paser = factories.kesbangpol("64.01")
    Orang.objects.create(nama="Nama Lama", nip="198001012005011001", instansi=paser)
    headers = ["nama", "nip", "jabatan", "kode_wilayah", "instansi"]
    rows = tablib.Dataset(["Nama Baru", "198001012005011001", "Kabid", "64.01", paser.nama], headers=headers)
    result = OrangResource(user=admin_kaltim).import_data(rows, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors(), kesalahan_impor(result)
    assert Orang.objects.get().jabatan == "Kabid"
