"""The codebook's shipped defaults (national admins extend and deactivate them in the admin; codes
never change once data points at them). Loaded by migration 0006 through :func:`muat`."""

# kode, nama, sumber (UU 7/2012 Pasal 5), kode induk
JENIS_KEJADIAN = [
    ("UR", "Unjuk rasa", "poleksosbud", None),
    ("UR.DAMAI", "Unjuk rasa damai", "poleksosbud", "UR"),
    ("UR.ANARKIS", "Unjuk rasa anarkis", "poleksosbud", "UR"),
    ("BTK", "Bentrokan antarkelompok", "poleksosbud", None),
    ("BTK.WARGA", "Bentrokan antarwarga", "poleksosbud", "BTK"),
    ("BTK.SARA", "Bentrokan antarumat beragama, antarsuku atau antaretnis", "sara", "BTK"),
    ("SRG", "Penyerangan", "poleksosbud", None),
    ("RSK", "Perusakan", "poleksosbud", None),
    ("SDA", "Sengketa sumber daya alam", "sda", None),
    ("SDA.LAHAN", "Sengketa lahan", "sda", "SDA"),
    ("SDA.TAMBANG", "Sengketa tambang", "sda", "SDA"),
    ("BTS", "Sengketa batas wilayah", "batas", None),
    ("DST", "Tuntutan distribusi sumber daya alam", "distribusi", None),
    ("PML", "Konflik terkait pemilu/pilkada", "poleksosbud", None),
]

JENIS_AKTOR = [
    ("APR", "Aparat negara"),
    ("ORM", "Organisasi kemasyarakatan"),
    ("ADT", "Kelompok adat"),
    ("PRS", "Perusahaan"),
    ("WRG", "Warga"),
    ("MHS", "Mahasiswa"),
    ("PRP", "Partai politik"),
    ("AGM", "Kelompok keagamaan"),
    ("LAIN", "Lainnya"),
]

INDIKATOR_PERDAMAIAN = [
    ("MED", "Mediasi dilaksanakan"),
    ("FKUB", "Dialog FKUB"),
    ("FKDM", "Dialog FKDM"),
    ("SPK", "Kesepakatan damai ditandatangani"),
]


def muat(apps, schema_editor=None) -> None:
    """Create the defaults that are missing (by code); never touches rows admins changed."""
    jenis = apps.get_model("laporan", "JenisKejadian")
    for urutan, (kode, nama, sumber, induk) in enumerate(JENIS_KEJADIAN):
        jenis.objects.get_or_create(
            kode=kode,
            defaults={
                "nama": nama,
                "sumber": sumber,
                "urutan": urutan,
                "induk": jenis.objects.get(kode=induk) if induk else None,
            },
        )
    for model, daftar in (("JenisAktor", JENIS_AKTOR), ("IndikatorPerdamaian", INDIKATOR_PERDAMAIAN)):
        m = apps.get_model("laporan", model)
        for urutan, (kode, nama) in enumerate(daftar):
            m.objects.get_or_create(kode=kode, defaults={"nama": nama, "urutan": urutan})
