"""Where an item happened, as consistent as the pages and exports read it. Every page writes
"Kec. {kecamatan}": a name typed as "Kec. Muara Samu" or "Kecamatan Muara Samu" (by form, Excel import
or urgent report) is stored as "Muara Samu". The location precision claims no more than what is
filled. Rows stored before both rules are brought in line by their migrations."""

import datetime
import importlib
import io

import openpyxl
import pytest
import time_machine
from django.apps import apps
from django.urls import reverse

from laporan.models import KejadianKonflik, LaporanSegera, PotensiKonflik
from tests import factories
from tests.laporan.test_alur import _potensi_data
from tests.laporan.test_ringkasan import _unggah
from tests.laporan.test_segera import _lapor

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(datetime.datetime(2026, 5, 12, 2, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.mark.parametrize(
    "diketik", ["Kec. Muara Samu", "kecamatan  Muara Samu", "KEC Muara Samu", "Kec.Muara Samu"]
)
def test_a_potensi_typed_with_kec_is_stored_and_shown_once(login, operator_paser, diketik):
    lap = factories.laporan("64.01", 2026, 2)
    client = login(operator_paser)
    client.post(reverse("laporan:potensi_tambah", args=[lap.pk]), _potensi_data(kecamatan=diketik))
    assert PotensiKonflik.objects.get().kecamatan == "Muara Samu"
    teks = client.get(lap.get_absolute_url()).content.decode()
    assert "Kec. Muara Samu" in teks and "Kec. Kec" not in teks and "Kec. kecamatan" not in teks


def test_a_name_that_only_begins_like_kec_is_kept(login, operator_paser):
    lap = factories.laporan("64.01", 2026, 2)
    login(operator_paser).post(
        reverse("laporan:potensi_tambah", args=[lap.pk]), _potensi_data(kecamatan="Kecubung Raya")
    )
    assert PotensiKonflik.objects.get().kecamatan == "Kecubung Raya"


def test_an_imported_row_and_an_urgent_report_lose_the_prefix_too(login, operator_paser):
    lap = factories.laporan("64.01", 2026, 2)
    client = login(operator_paser)
    wb = openpyxl.load_workbook(io.BytesIO(client.get(reverse("laporan:templat", args=[lap.pk])).content))
    wb["Potensi"].append(
        [None, "Sengketa kebun Desa Luan", "Kecamatan Long Ikis", "Luan", None, None,
         "Sengketa sumber daya alam", "Ekonomi", "", "", "Rendah", "Baru", "", "", ""]
    )  # fmt: skip
    assert _unggah(client, lap, wb).status_code == 302
    assert lap.potensikonflik.get().kecamatan == "Long Ikis"

    _lapor(client, kecamatan="Kec. Kuaro", tanggal="2026-05-11")
    segera = LaporanSegera.objects.get()
    assert segera.kecamatan == "Kuaro"
    assert "Kec. Kuaro" in client.get(segera.get_absolute_url()).content.decode()


def test_names_stored_before_lose_the_prefix_on_migration():
    lap = factories.laporan("64.01", 2026, 2)
    # Stored as an earlier version would have (save() does not clean).
    factories.potensi(lap, "Sengketa kebun", kecamatan="Kec. Muara Samu")
    factories.potensi(lap, "Sengketa batas", kecamatan="Kecubung")
    KejadianKonflik.objects.create(
        laporan=lap, tanggal=datetime.date(2026, 4, 2), kecamatan="Kecamatan Kuaro"
    )
    migrasi = importlib.import_module("laporan.migrations.0015_kecamatan_tanpa_awalan")
    migrasi.tanpa_awalan(apps, None)
    assert sorted(PotensiKonflik.objects.values_list("kecamatan", flat=True)) == ["Kecubung", "Muara Samu"]
    assert KejadianKonflik.objects.get().kecamatan == "Kuaro"


@pytest.mark.parametrize(
    ("isian", "ketelitian"),
    [
        ({"kecamatan": "Muara Samu", "desa": "Luan"}, "desa"),
        ({"kecamatan": "Muara Samu"}, "kecamatan"),  # the form's default, desa/kelurahan, left as it is
        ({}, "kabkota"),
        ({"ketelitian_lokasi": "kabkota", "kecamatan": "Muara Samu"}, "kabkota"),  # coarser is allowed
    ],
)
def test_the_location_precision_claims_no_more_than_what_is_filled(login, operator_paser, isian, ketelitian):
    lap = factories.laporan("64.01", 2026, 2)
    client = login(operator_paser)
    data = _potensi_data(**{"ketelitian_lokasi": "desa", **isian})
    assert client.post(reverse("laporan:potensi_tambah", args=[lap.pk]), data).status_code == 302
    assert PotensiKonflik.objects.get().ketelitian_lokasi == ketelitian


def test_a_point_without_coordinates_is_refused_for_an_item_as_for_an_urgent_report(login, operator_paser):
    lap = factories.laporan("64.01", 2026, 2)
    client = login(operator_paser)
    response = client.post(
        reverse("laporan:potensi_tambah", args=[lap.pk]), _potensi_data(ketelitian_lokasi="titik")
    )
    assert "Ketelitian &#x27;titik koordinat&#x27; memerlukan lintang dan bujur." in response.content.decode()
    assert not PotensiKonflik.objects.exists()
    response = _lapor(client, ketelitian_lokasi="titik")
    assert "memerlukan lintang dan bujur" in response.content.decode()
    assert not LaporanSegera.objects.exists()


def test_an_urgent_report_without_a_desa_does_not_say_desa_precision(login, operator_paser):
    client = login(operator_paser)
    _lapor(client, desa="", ketelitian_lokasi="desa")
    segera = LaporanSegera.objects.get()
    assert segera.ketelitian_lokasi == "kecamatan"
    assert "(ketelitian: kecamatan)" in client.get(segera.get_absolute_url()).content.decode()


def _ketelitian_setelah(migrasi: str) -> dict[str, str]:
    """Each potensi's precision, by title, after a data migration's function has run."""
    importlib.import_module(f"laporan.migrations.{migrasi}").sesuaikan(apps, None)
    return dict(PotensiKonflik.objects.values_list("judul", "ketelitian_lokasi"))


def test_precisions_stored_before_are_lowered_to_what_is_filled_on_migration():
    lap = factories.laporan("64.01", 2026, 2)
    factories.potensi(lap, "Tanpa desa", kecamatan="Kuaro", ketelitian_lokasi="desa")
    factories.potensi(lap, "Tanpa apa pun", ketelitian_lokasi="desa")
    factories.potensi(lap, "Lengkap", kecamatan="Kuaro", desa="Luan", ketelitian_lokasi="desa")
    assert _ketelitian_setelah("0016_ketelitian_lokasi_sesuai_isian") == {
        "Tanpa desa": "kecamatan",
        "Tanpa apa pun": "kabkota",
        "Lengkap": "desa",
    }


def test_a_point_stored_without_coordinates_is_lowered_to_what_is_filled_on_migration():
    lap = factories.laporan("64.01", 2026, 2)
    factories.potensi(lap, "Desa", kecamatan="Kuaro", desa="Luan", ketelitian_lokasi="titik")
    factories.potensi(lap, "Kecamatan", kecamatan="Kuaro", ketelitian_lokasi="titik")
    factories.potensi(lap, "Tanpa apa pun", ketelitian_lokasi="titik")
    factories.potensi(lap, "Titik", ketelitian_lokasi="titik", latitude=-1.9, longitude=116.2)
    assert _ketelitian_setelah("0017_titik_tanpa_koordinat") == {
        "Desa": "desa",
        "Kecamatan": "kecamatan",
        "Tanpa apa pun": "kabkota",
        "Titik": "titik",
    }
    # Each is now one an operator can save again without being asked for coordinates.
    for p in PotensiKonflik.objects.all():
        p.full_clean()
