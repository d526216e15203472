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


def rakor(kode: str = "64", **extra):
    """A planned rakor of a province, organised by its Kesbangpol."""
    import datetime

    from rakor.models import Rakor

    fields = {
        "judul": "Rakor Uji Kaltim",
        "tahun_anggaran": 2026,
        "tanggal_mulai": datetime.date(2026, 3, 10),
        "tanggal_selesai": datetime.date(2026, 3, 11),
        "tempat": "Aula Uji",
        "penyelenggara": kesbangpol(kode),
        **extra,
    }
    return Rakor.objects.create(provinsi=Wilayah.objects.get(kode=kode), **fields)


def peserta_banyak(rakor, jumlah: int, kode: str = "64.01"):
    """``jumlah`` named participants of one office, in bulk (no history rows needed in tests)."""
    from rakor.models import Orang, Peserta

    instansi = kesbangpol(kode)
    orang = Orang.objects.bulk_create(
        Orang(nama=f"Peserta Uji {rakor.pk}-{i}", jabatan="Staf", instansi=instansi) for i in range(jumlah)
    )
    return Peserta.objects.bulk_create(
        Peserta(
            rakor=rakor,
            orang=o,
            instansi=instansi,
            jabatan="Staf",
            kehadiran="hadir" if i % 2 else "diundang",
        )
        for i, o in enumerate(orang)
    )


def rekomendasi(rakor, nomor: int = 1, isi: str = "Rekomendasi uji", kode_kantor=("64.01",), **extra):
    """An item of a rakor assigned to the Kesbangpol of each region code in ``kode_kantor``."""
    from rekomendasi.models import Penugasan, Rekomendasi

    rek = Rekomendasi.objects.create(rakor=rakor, nomor=nomor, isi=isi, **extra)
    for kode in kode_kantor:
        Penugasan.objects.create(rekomendasi=rek, instansi=kesbangpol(kode))
    return rek


def _pdf() -> bytes:
    """A small real PDF (one blank page): uploads are parsed and checked for active content."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=72, height=72)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


PDF_BYTES = _pdf()


def laporan(kode: str = "64.01", tahun: int = 2026, triwulan: int = 1, status: str = "draf", **extra):
    """A report of a kab/kota for a period (the period is created with the province's rule)."""
    from laporan.models import LaporanTriwulan, Periode

    w = Wilayah.objects.get(kode=kode)
    periode = Periode.objects.untuk(w.provinsi, tahun, triwulan)
    return LaporanTriwulan.objects.create(periode=periode, kabkota=w, status=status, **extra)


def potensi(laporan, judul="Sengketa lahan", **extra):
    from laporan.models import PotensiKonflik

    fields = {"sumber": "sda", "bidang": "ekonomi", "tingkat": "sedang", "tren": "baru", **extra}
    obj = PotensiKonflik(laporan=laporan, judul=judul, **fields)
    obj.save(lewati_kunci=True)
    return obj


def ekspor_admin(client, url: str):
    """Post an admin export form (``…/export/``) for xlsx with every column ticked; returns
    (response, the xlsx format value) or (None, None) when the page is not this user's."""
    halaman = client.get(url)
    if halaman.status_code != 200:
        return None, None
    form = halaman.context["form"]
    xlsx = next(value for value, label in form.fields["format"].choices if label == "xlsx")
    data = {"format": xlsx, "resource": "0"} | {n: "on" for n in form.fields if "resource_" in n}
    return client.post(url, data), xlsx
