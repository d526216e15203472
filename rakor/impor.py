"""Participants from an Excel sheet: every row valid or nothing imported, each bad row and column
named in Indonesian; people matched (by NIP, then by name in the same office) instead of duplicated.

The sheet is read with openpyxl in read-only mode (streamed), after :mod:`kesbangpol.berkas` has
checked that it is really an xlsx and not a zip bomb. Formulas are refused rather than evaluated:
the value a person sees in Excel is not in the file we get, and a formula is no participant's name.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from kesbangpol.excel import BUKAN_XLSX, Galat, Templat, baca_lembar, buka, pilihan, teks
from kesbangpol.models import Instansi
from kesbangpol.nip import normalize_nip, validate_nip
from rakor import actions
from rakor.models import Narasumber, Orang, OrangQuerySet, Peserta, Rakor

MAKS_BARIS = 2000
LEMBAR = "Peserta"

# column → (label for messages, required, max length)
KOLOM = {
    "nama": ("Nama", False, 200),
    "nip": ("NIP", False, 24),
    "jabatan": ("Jabatan", False, 200),
    "kode_wilayah": ("Kode wilayah", False, 5),
    "instansi": ("Instansi", True, 200),
    "moda": ("Moda", False, 20),
    "kehadiran": ("Kehadiran", False, 40),
    "keterangan": ("Keterangan", False, 300),
}
WAJIB_ADA = ("nama", "instansi", "kode_wilayah")
PETUNJUK = [
    "Satu baris untuk satu peserta. Jangan mengubah judul kolom di baris pertama.",
    "nama: nama lengkap dengan gelar. Boleh kosong bila undangan ditujukan ke jabatan (isi kolom jabatan).",
    "nip: opsional, 18 angka, diketik sebagai teks (kolom ini sudah berformat teks).",
    "kode_wilayah: kode Kemendagri instansi, misalnya 64 (provinsi) atau 64.01 (Kab. Paser); "
    "kosongkan untuk instansi pusat.",
    "instansi: nama instansi persis seperti di lembar Instansi, atau jenisnya bila di wilayah itu hanya ada "
    "satu (misalnya Bappeda).",
    "moda: luring atau daring (kosong = luring). kehadiran: diundang, hadir, diwakilkan atau tidak hadir.",
    "Orang yang sudah ada dicocokkan dengan NIP, lalu dengan nama di instansi yang sama; tidak dibuat ganda.",
    f"Paling banyak {MAKS_BARIS} baris. Jangan memakai rumus. Bila satu baris salah, tidak ada yang diimpor.",
]


@dataclass
class Baris:
    nomor: int
    nama: str
    nip: str
    jabatan: str
    instansi: Instansi
    moda: str
    kehadiran: str
    keterangan: str


@dataclass
class HasilImpor:
    galat: Galat = field(default_factory=Galat)
    ditambah: int = 0
    diperbarui: int = 0
    orang_baru: int = 0

    @property
    def berhasil(self) -> bool:
        return not self.galat

    def salah(self, baris, kolom, pesan, lembar=LEMBAR):
        self.galat.tambah(lembar, baris, KOLOM.get(kolom, (kolom,))[0] if kolom else "", pesan)


MODA = pilihan(Narasumber.Moda.choices)
KEHADIRAN = pilihan(Peserta.Kehadiran.choices)


class DaftarInstansi:
    """The offices a rakor's sheet may name, loaded in one query and looked up by region code and
    name, short name or kind."""

    def __init__(self, provinsi):
        self.per_nama: dict[tuple[str, str], Instansi] = {}
        self.per_jenis: dict[tuple[str, str], list[Instansi]] = {}
        label = dict(Instansi.Jenis.choices)
        self.semua = list(
            Instansi.objects.di_provinsi(provinsi, pusat=True)
            .select_related("wilayah")
            .order_by("wilayah__kode", "jenis", "nama")
        )
        for i in self.semua:
            kode = i.wilayah.kode if i.wilayah_id else ""
            for nama in (i.nama, i.singkatan):
                if nama:
                    self.per_nama.setdefault((kode, nama.casefold()), i)
            jenis = label[i.jenis]
            for nama in {
                n.casefold() for n in (i.jenis, jenis, jenis.split("/")[0], jenis.removeprefix("Badan "))
            }:
                self.per_jenis.setdefault((kode, nama), []).append(i)

    def cari(self, kode: str, nama: str) -> Instansi | None:
        key = (kode, nama.casefold())
        if key in self.per_nama:
            return self.per_nama[key]
        kandidat = self.per_jenis.get(key, [])
        return kandidat[0] if len(kandidat) == 1 else None


def _kode(value) -> str:
    if isinstance(value, float):
        return f"{value:.2f}"  # 64.01 typed into a number cell
    return teks(value)


def baca(berkas, rakor: Rakor) -> tuple[list[Baris], HasilImpor]:
    """Read and check every row; nothing is written here."""
    hasil = HasilImpor()
    workbook = buka(berkas)
    if workbook is None:
        hasil.salah(None, "", BUKAN_XLSX, lembar="")
        return [], hasil
    galat = Galat()
    try:
        batas = {k: panjang for k, (_label, _wajib, panjang) in KOLOM.items()}
        rows = baca_lembar(workbook, None, list(KOLOM), list(WAJIB_ADA), MAKS_BARIS, galat, batas)
    finally:
        workbook.close()
    for lembar, nomor, kolom, pesan in galat:
        hasil.salah(nomor, kolom, pesan, lembar=lembar)
    instansi = DaftarInstansi(rakor.provinsi) if rows else None
    data = [b for b in (_periksa_baris(nomor, nilai, instansi, hasil) for nomor, nilai in rows) if b]
    if not rows and not hasil.galat:
        hasil.salah(None, "", "Tidak ada baris peserta di berkas ini.", lembar="")
    _periksa_ganda(data, hasil)
    return data, hasil


def _periksa_baris(nomor, nilai, instansi, hasil) -> Baris | None:
    awal = len(hasil.galat)
    isi = {}
    for kolom, (_label, wajib, _panjang) in KOLOM.items():  # lengths: checked by baca_lembar
        raw = nilai.get(kolom)
        isi[kolom] = _kode(raw) if kolom == "kode_wilayah" else teks(raw)
        if wajib and not isi[kolom]:
            hasil.salah(nomor, kolom, "Wajib diisi.")
    if not isi["nama"] and not isi["jabatan"]:
        hasil.salah(nomor, "nama", "Isi nama, atau jabatan yang diundang bila nama belum diketahui.")
    if isinstance(nilai.get("nip"), int | float):
        hasil.salah(
            nomor, "nip", "NIP ditulis sebagai angka sehingga Excel dapat membulatkannya. Ketik sebagai teks."
        )
    elif isi["nip"]:
        try:
            validate_nip(isi["nip"])
        except ValidationError as exc:
            hasil.salah(nomor, "nip", " ".join(exc.messages))
    kantor = None
    if isi["instansi"]:
        kantor = instansi.cari(isi["kode_wilayah"], isi["instansi"])
        if kantor is None:
            tempat = f"wilayah {isi['kode_wilayah']}" if isi["kode_wilayah"] else "instansi pusat"
            hasil.salah(
                nomor,
                "instansi",
                f"Instansi “{isi['instansi']}” tidak ditemukan di {tempat} (provinsi rakor ini). "
                "Lihat lembar Instansi pada templat.",
            )
    moda = MODA.get(isi["moda"].casefold() or "luring")
    if moda is None:
        hasil.salah(nomor, "moda", f"“{isi['moda']}” bukan pilihan. Isi luring atau daring.")
    kehadiran = KEHADIRAN.get(isi["kehadiran"].casefold().replace("_", " ") or "diundang")
    if kehadiran is None:
        hasil.salah(
            nomor,
            "kehadiran",
            f"“{isi['kehadiran']}” bukan pilihan. Isi diundang, hadir, diwakilkan atau tidak hadir.",
        )
    if kehadiran == Peserta.Kehadiran.DIWAKILKAN and not isi["keterangan"]:
        hasil.salah(nomor, "keterangan", "Peserta diwakilkan: tulis nama wakilnya di kolom keterangan.")
    if len(hasil.galat) > awal:
        return None
    return Baris(
        nomor=nomor,
        nama=isi["nama"],
        nip=normalize_nip(isi["nip"]),
        jabatan=isi["jabatan"],
        instansi=kantor,
        moda=moda,
        kehadiran=kehadiran,
        keterangan=isi["keterangan"],
    )


def _periksa_ganda(data: list[Baris], hasil: HasilImpor) -> None:
    seen: dict[tuple, int] = {}
    for b in data:
        keys = [("nip", b.nip)] if b.nip else []
        if b.nama:
            keys.append(("nama", b.instansi.pk, b.nama.casefold()))
        for key in keys:
            if key in seen:
                hasil.salah(b.nomor, key[0], f"Orang yang sama dengan baris {seen[key]}.")
                break
            seen[key] = b.nomor


def impor(berkas, rakor: Rakor, user) -> HasilImpor:
    """Check the whole sheet; when every row is valid, write them all in one transaction."""
    data, hasil = baca(berkas, rakor)
    if not hasil.berhasil:
        return hasil
    orang_scope = Orang.objects.for_user(user)
    with transaction.atomic():
        sebelum = actions.kantor_diundang(rakor)
        for b in data:
            orang = None
            if b.nama:
                existing = orang_scope.cari(nama=b.nama, nip=b.nip, instansi=b.instansi)
                if OrangQuerySet.nip_bentrok(existing, b.nip):
                    hasil.salah(b.nomor, "nip", "NIP ini sudah terdaftar pada data di luar wilayah Anda.")
                    continue
                orang, created = orang_scope.cocokkan(
                    nama=b.nama, nip=b.nip, instansi=b.instansi, jabatan=b.jabatan
                )
                hasil.orang_baru += created
                peserta = rakor.peserta.filter(orang=orang).first()
            else:
                peserta = rakor.peserta.filter(
                    orang=None, instansi=b.instansi, jabatan__iexact=b.jabatan
                ).first()
            if peserta is None:
                peserta = Peserta(rakor=rakor, orang=orang)
                hasil.ditambah += 1
            else:
                hasil.diperbarui += 1
            peserta.instansi = b.instansi
            peserta.jabatan = b.jabatan or (orang.jabatan if orang else "")
            peserta.moda = b.moda
            peserta.kehadiran = b.kehadiran
            if b.kehadiran == Peserta.Kehadiran.DIWAKILKAN:
                peserta.diwakili_oleh = b.keterangan
            else:
                peserta.keterangan = b.keterangan
            peserta.save()
        if hasil.galat:
            transaction.set_rollback(True)
            hasil.ditambah = hasil.diperbarui = hasil.orang_baru = 0
        else:
            actions.kabari_undangan(rakor, sebelum)
    return hasil


def templat(rakor: Rakor) -> bytes:
    """The sheet to fill: headers, text-formatted NIP and region-code columns (Excel would round an
    18-digit number), instructions, and the offices the sheet may name."""
    t = Templat()
    t.lembar(LEMBAR, list(KOLOM), [40, 22, 35, 14, 45, 10, 14, 30], teks_kolom="BD")
    t.petunjuk(PETUNJUK, judul=f"Templat peserta: {rakor.judul}")
    daftar = t.lembar("Instansi", ["kode_wilayah", "instansi", "jenis"], [14, 70, 28])
    for i in DaftarInstansi(rakor.provinsi).semua:
        t.baris(daftar, [i.wilayah.kode if i.wilayah_id else "", i.nama, i.get_jenis_display()])
    return t.isi()
