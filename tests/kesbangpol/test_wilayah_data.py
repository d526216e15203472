import pytest

from kesbangpol.models import Instansi, Wilayah

pytestmark = pytest.mark.django_db


def test_every_province_and_kabupaten_kota_ships_with_the_product():
    assert Wilayah.objects.provinsi().count() == 38
    assert Wilayah.objects.kabkota().count() == 514
    assert Wilayah.objects.filter(tingkat=Wilayah.Tingkat.KABUPATEN).count() == 416
    assert Wilayah.objects.filter(tingkat=Wilayah.Tingkat.KOTA).count() == 98


@pytest.mark.parametrize(
    ("kode", "nama", "tingkat", "provinsi", "zona"),
    [
        ("64", "Kalimantan Timur", "provinsi", None, "Asia/Makassar"),
        ("64.01", "Kabupaten Paser", "kabupaten", "64", "Asia/Makassar"),
        ("64.09", "Kabupaten Penajam Paser Utara", "kabupaten", "64", "Asia/Makassar"),
        ("61.71", "Kota Pontianak", "kota", "61", "Asia/Pontianak"),
        ("62.71", "Kota Palangka Raya", "kota", "62", "Asia/Pontianak"),
        ("31", "Daerah Khusus Jakarta", "provinsi", None, "Asia/Jakarta"),
        ("11.01", "Kabupaten Aceh Selatan", "kabupaten", "11", "Asia/Jakarta"),
        ("96", "Papua Barat Daya", "provinsi", None, "Asia/Jayapura"),
        ("51.71", "Kota Denpasar", "kota", "51", "Asia/Makassar"),
    ],
)
def test_sample_codes_names_tiers_and_time_zones(kode, nama, tingkat, provinsi, zona):
    w = Wilayah.objects.select_related("provinsi").get(kode=kode)
    assert (w.nama, w.tingkat, w.zona_waktu) == (nama, tingkat, zona)
    assert (w.provinsi.kode if w.provinsi else None) == provinsi


def test_every_kabupaten_kota_shares_its_province_code_prefix_and_time_zone():
    for w in Wilayah.objects.kabkota().select_related("provinsi"):
        assert w.kode.startswith(w.provinsi.kode + ".")
        assert w.zona_waktu == w.provinsi.zona_waktu


def test_every_region_has_exactly_one_badan_kesbangpol():
    assert Instansi.objects.kesbangpol().count() == 552
    assert not Wilayah.objects.exclude(instansi__jenis=Instansi.Jenis.KESBANGPOL).exists()
    assert Instansi.objects.kesbangpol().get(wilayah__kode="64.01").nama == (
        "Badan Kesatuan Bangsa dan Politik Kabupaten Paser"
    )
    assert Instansi.objects.kesbangpol().get(wilayah__kode="64").nama == (
        "Badan Kesatuan Bangsa dan Politik Provinsi Kalimantan Timur"
    )
