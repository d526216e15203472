"""Demo users for `seed_demo`: every role in Kalimantan Timur, Tengah and Barat."""

from importlib import import_module

from django.apps import apps

from kesbangpol.models import Instansi, User

DEMO_PASSWORD = "Kesbangpol#Demo2026"

P = User.Peran
# username, full name, role, region code of their office, jabatan
DEMO_USERS = [
    ("admin_nasional", "Admin Nasional (demo)", P.ADMIN_NASIONAL, None, "Admin sistem"),
    ("admin_kaltim", "Rahmat Hidayat (demo)", P.ADMIN_PROVINSI, "64", "Pranata Komputer"),
    ("staf_kaltim", "Dewi Lestari (demo)", P.STAF_PROVINSI, "64", "Analis Kewaspadaan Nasional"),
    ("pimpinan_kaltim", "Kepala Badan Kesbangpol Kaltim (demo)", P.PIMPINAN, "64", "Kepala Badan"),
    ("operator_paser", "Nur Aini (demo)", P.OPERATOR_KABKOTA, "64.01", "Operator Kesbangpol Kab. Paser"),
    ("operator_ppu", "Andi Saputra (demo)", P.OPERATOR_KABKOTA, "64.09", "Operator Kesbangpol Kab. PPU"),
    (
        "operator_samarinda",
        "Siti Rahmah (demo)",
        P.OPERATOR_KABKOTA,
        "64.72",
        "Operator Kesbangpol Kota Samarinda",
    ),
    ("admin_kalteng", "Yohanes Ranu (demo)", P.ADMIN_PROVINSI, "62", "Pranata Komputer"),
    ("staf_kalteng", "Maria Ulfah (demo)", P.STAF_PROVINSI, "62", "Analis Kebijakan"),
    ("pimpinan_kalteng", "Kepala Badan Kesbangpol Kalteng (demo)", P.PIMPINAN, "62", "Kepala Badan"),
    (
        "operator_palangkaraya",
        "Riko Pratama (demo)",
        P.OPERATOR_KABKOTA,
        "62.71",
        "Operator Kesbangpol Kota Palangka Raya",
    ),
    (
        "operator_kotim",
        "Lina Marlina (demo)",
        P.OPERATOR_KABKOTA,
        "62.02",
        "Operator Kesbangpol Kab. Kotawaringin Timur",
    ),
    (
        "operator_kapuas",
        "Dedi Kurniawan (demo)",
        P.OPERATOR_KABKOTA,
        "62.03",
        "Operator Kesbangpol Kab. Kapuas",
    ),
    ("admin_kalbar", "Hendra Gunawan (demo)", P.ADMIN_PROVINSI, "61", "Pranata Komputer"),
    ("staf_kalbar", "Fitri Handayani (demo)", P.STAF_PROVINSI, "61", "Analis Kewaspadaan Nasional"),
    ("pimpinan_kalbar", "Kepala Badan Kesbangpol Kalbar (demo)", P.PIMPINAN, "61", "Kepala Badan"),
    (
        "operator_pontianak",
        "Agus Salim (demo)",
        P.OPERATOR_KABKOTA,
        "61.71",
        "Operator Kesbangpol Kota Pontianak",
    ),
    ("operator_sambas", "Wulan Sari (demo)", P.OPERATOR_KABKOTA, "61.01", "Operator Kesbangpol Kab. Sambas"),
    (
        "operator_kuburaya",
        "Bayu Firmansyah (demo)",
        P.OPERATOR_KABKOTA,
        "61.12",
        "Operator Kesbangpol Kab. Kubu Raya",
    ),
]

# Heads of the provincial offices as the seed articles (shared/seeds) name them.
KEPALA = {
    "64": (
        "Drs. H. Sufian Agus, M.Si.",
        "Kepala Badan Kesatuan Bangsa dan Politik Provinsi Kalimantan Timur",
    ),
    "61": ("M. Bari", "Kepala Badan Kesatuan Bangsa dan Politik Provinsi Kalimantan Barat"),
    "62": ("Akhmad Husain", "Kepala Badan Kesatuan Bangsa dan Politik Provinsi Kalimantan Tengah"),
}

# Where the provincial office dates its letters ("Samarinda, 10 Juli 2026").
TEMPAT = {"61": "Pontianak", "62": "Palangka Raya", "64": "Samarinda"}

KANTOR = {
    "61": "Jl. Ahmad Yani, Pontianak",
    "62": "Jl. R.T.A. Milono, Palangka Raya",
    "64": "Jl. Gajah Mada, Samarinda",
}


def seed(stdout):
    kesbangpol = {
        i.wilayah.kode: i
        for i in Instansi.objects.kesbangpol()
        .filter(wilayah__kode__regex=r"^6[124]")
        .select_related("wilayah")
    }
    for kode, alamat in KANTOR.items():
        instansi = kesbangpol[kode]
        instansi.alamat = alamat
        instansi.tempat_surat = TEMPAT[kode]
        if kode in KEPALA:
            instansi.kepala_nama, instansi.kepala_jabatan = KEPALA[kode]
        instansi.save()
    for username, nama, peran, kode, jabatan in DEMO_USERS:
        user, created = User.objects.update_or_create(
            username=username,
            defaults={
                "nama_lengkap": nama,
                "peran": peran,
                "instansi": kesbangpol[kode] if kode else None,
                "jabatan": jabatan,
                "email": f"{username}@demo.kesbangpol.localhost",
                "is_active": True,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
    stdout.write(f"{len(DEMO_USERS)} pengguna demo siap.")
    _seed_tahapan(stdout)


# The 2024 Pemilu and Pilkada serentak stages the seed rakor speak of (Kaltim 2024's recommendations
# fall due on voting day, 27 November 2024), and one running stage for the demo's signals. Dates as
# the team knows them from PKPU 3/2022 and PKPU 2/2024, not checked against the published text here:
# every row is flagged as a sample until a national admin imports the KPU schedule.
TAHAPAN = [
    ("pemilu", 2024, "Masa kampanye", "2023-11-28", "2024-02-10", "PKPU 3/2022"),
    ("pemilu", 2024, "Masa tenang", "2024-02-11", "2024-02-13", "PKPU 3/2022"),
    ("pemilu", 2024, "Pemungutan suara", "2024-02-14", "2024-02-14", "PKPU 3/2022"),
    ("pilkada", 2024, "Pendaftaran pasangan calon", "2024-08-27", "2024-08-29", "PKPU 2/2024"),
    ("pilkada", 2024, "Masa kampanye", "2024-09-25", "2024-11-23", "PKPU 2/2024"),
    ("pilkada", 2024, "Masa tenang", "2024-11-24", "2024-11-26", "PKPU 2/2024"),
    ("pilkada", 2024, "Pemungutan suara", "2024-11-27", "2024-11-27", "PKPU 2/2024"),
    ("pemilu", 2029, "Pemutakhiran data pemilih berkelanjutan (contoh)", "2026-07-01", "2027-06-30", ""),
]


def _seed_tahapan(stdout):
    from kesbangpol.models import TahapanPemilu

    if TahapanPemilu.objects.filter(contoh=True).exists():
        return
    TahapanPemilu.objects.bulk_create(
        TahapanPemilu(pemilihan=p, tahun=t, nama=n, mulai=m, selesai=s, sumber=sumber, contoh=True)
        for p, t, n, m, s, sumber in TAHAPAN
    )
    stdout.write(f"{len(TAHAPAN)} tahapan pemilu/pilkada contoh siap.")


def app_demo_modules(module="demo"):
    """Each domain app brings its demo data in <app>/demo.py (and what `make bench` measures in
    <app>/bench.py); the core names none of them."""
    for config in apps.get_app_configs():
        if config.name == "kesbangpol" or not config.name.isidentifier():
            continue
        try:
            yield import_module(f"{config.name}.{module}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.{module}":
                raise
