"""Builders shared by the tests. Regions and Kesbangpol offices come from migration 0002."""

from kesbangpol.models import Instansi, User, Wilayah

PASSWORD = "sandi-uji-yang-panjang-1"


def kesbangpol(kode: str) -> Instansi:
    return Instansi.objects.get(wilayah__kode=kode, jenis=Instansi.Jenis.KESBANGPOL)


def pengguna(username: str, peran: str, kode: str | None, **extra) -> User:
    user = User(
        username=username,
        nama_lengkap=extra.pop("nama_lengkap", username.replace("_", " ").title()),
        peran=peran,
        instansi=kesbangpol(kode) if kode else extra.pop("instansi", None),
        email=extra.pop("email", f"{username}@uji.localhost"),
        **extra,
    )
    user.set_password(PASSWORD)
    user.save()
    return user


def instansi(kode: str, nama: str, jenis: str = Instansi.Jenis.BAPPEDA, **extra) -> Instansi:
    return Instansi.objects.create(wilayah=Wilayah.objects.get(kode=kode), nama=nama, jenis=jenis, **extra)
