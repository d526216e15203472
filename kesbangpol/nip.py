"""NIP (Nomor Induk Pegawai) of a civil servant: 18 digits laid out by PP 11/2017 practice as
YYYYMMDD (birth date) · YYYYMM (TMT CPNS, month of appointment) · G (1 male, 2 female) · NNN (serial).
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils import timezone

_NIP = re.compile(r"^\d{18}$")


def normalize_nip(value: str) -> str:
    """People type NIPs with spaces or dots ("19800101 200501 1 001"); we store digits only."""
    return re.sub(r"[\s.\-]", "", value or "")


def validate_nip(value: str) -> None:
    nip = normalize_nip(value)
    if not _NIP.match(nip):
        raise ValidationError("NIP harus terdiri dari 18 angka.", code="nip_panjang")
    try:
        lahir = datetime.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        raise ValidationError(
            "NIP tidak sah: 8 angka pertama harus tanggal lahir (TTTTBBHH).", code="nip_tanggal_lahir"
        ) from None
    tahun_angkat, bulan_angkat = int(nip[8:12]), int(nip[12:14])
    if not 1 <= bulan_angkat <= 12:
        raise ValidationError(
            "NIP tidak sah: angka ke-13 dan ke-14 harus bulan pengangkatan (01–12).", code="nip_bulan_angkat"
        )
    if lahir.year < 1930 or tahun_angkat - lahir.year < 17 or tahun_angkat > timezone.localdate().year:
        raise ValidationError(
            "NIP tidak sah: tahun pengangkatan (angka ke-9 sampai ke-12) tidak cocok dengan tanggal lahir.",
            code="nip_tahun_angkat",
        )
    if nip[14] not in "12":
        raise ValidationError(
            "NIP tidak sah: angka ke-15 harus kode jenis kelamin (1 laki-laki, 2 perempuan).",
            code="nip_jenis_kelamin",
        )
