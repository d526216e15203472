import pytest
from django.core.exceptions import ValidationError

from kesbangpol.models import User
from kesbangpol.nip import validate_nip
from tests import factories


@pytest.mark.parametrize("nip", ["198001012005011001", "197512312000122003", "19800101 200501 1 001"])
def test_valid_nip_passes(nip):
    validate_nip(nip)


@pytest.mark.parametrize(
    ("nip", "code", "pesan"),
    [
        ("19800101200501100", "nip_panjang", "18 angka"),
        ("1980010120050110AB", "nip_panjang", "18 angka"),
        ("198002302005011001", "nip_tanggal_lahir", "tanggal lahir"),
        ("198001012005131001", "nip_bulan_angkat", "bulan pengangkatan"),
        ("198001012005001001", "nip_bulan_angkat", "bulan pengangkatan"),
        ("198001011990011001", "nip_tahun_angkat", "tahun pengangkatan"),
        ("198001012005013001", "nip_jenis_kelamin", "jenis kelamin"),
    ],
)
def test_invalid_nip_is_refused_with_an_indonesian_reason(nip, code, pesan):
    with pytest.raises(ValidationError) as excinfo:
        validate_nip(nip)
    assert excinfo.value.code == code
    assert pesan in excinfo.value.messages[0]


@pytest.mark.django_db
def test_user_nip_is_stored_as_digits_and_must_be_unique():
    a = factories.pengguna("a", User.Peran.STAF_PROVINSI, "64")
    a.nip = "19800101 200501 1 001"
    a.full_clean()
    a.save()
    assert User.objects.get(pk=a.pk).nip == "198001012005011001"
    b = factories.pengguna("b", User.Peran.STAF_PROVINSI, "64")
    b.nip = "198001012005011001"
    with pytest.raises(ValidationError) as excinfo:
        b.full_clean()
    assert excinfo.value.message_dict["__all__"] == ["NIP ini sudah dipakai oleh pengguna lain."]
