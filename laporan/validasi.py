"""What a report must pass before it is submitted, and its Excel rows on import (DHIS2's validation
rules). Each finding names the item and the field in plain Indonesian and either refuses the
submission (``galat``) or warns:

- built in: a *tinggi* potensi needs the steps taken and a proposed action; a *selesai* potensi needs
  a closing note (in the steps taken); a potensi whose level moved since the kab/kota's report of the
  quarter before needs the trend that says so (*meningkat* up; *menurun* or *selesai* down), and one
  reported then is not *baru* (a warning); casualties are never negative (the model and the import
  refuse them already);
- the province's own rules (``AturanValidasi``: a field that must be filled, a number above a limit);
- outliers against the kab/kota's own history: a count at least ``FAKTOR`` times its average over its
  last four submitted reports (at least two of them) warns, never refuses.
"""

from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce

from kesbangpol import access
from kesbangpol.dates import tanggal
from kesbangpol.models.klasifikasi import DIRAHASIAKAN, Klasifikasi
from laporan.models import TRIWULAN_ROMAWI, KejadianKonflik, LaporanTriwulan, PotensiKonflik, triwulan_sebelum
from laporan.models.validasi import AturanValidasi

FAKTOR = 10
RIWAYAT = 4
URUTAN = {t: i for i, t in enumerate(PotensiKonflik.Tingkat.values)}  # rendah < sedang < tinggi


@dataclass(frozen=True)
class Temuan:
    galat: bool  # refuses the submission; otherwise a warning
    butir: str  # "potensi", "kejadian" or "laporan"
    item: object | None
    kolom: str
    pesan: str
    nama: str = ""  # how the item is named to this reader

    @property
    def kalimat(self) -> str:
        return f"{self.nama}: {self.pesan}" if self.nama else self.pesan


def aturan_provinsi(provinsi_id) -> list[AturanValidasi]:
    return list(AturanValidasi.objects.filter(provinsi_id=provinsi_id, aktif=True))


@dataclass(frozen=True)
class TriwulanLalu:
    """The quarter before a report's, and the level of each potensi the kab/kota sent then."""

    nama: str
    tingkat: dict  # identitas → tingkat


def triwulan_lalu(laporan: LaporanTriwulan, user) -> TriwulanLalu:
    """What a report's trends are read against: the same kab/kota's submitted or accepted report of
    the quarter before, as ``user`` may read it (a rahasia item only for a cleared reader)."""
    tahun, tw = triwulan_sebelum(laporan.periode.tahun, laporan.periode.triwulan)
    lalu = PotensiKonflik.objects.for_user(user).filter(
        laporan__kabkota_id=laporan.kabkota_id,
        laporan__periode__tahun=tahun,
        laporan__periode__triwulan=tw,
        laporan__status__in=LaporanTriwulan.TERKIRIM,
    )
    tingkat = dict(lalu.values_list("identitas", "tingkat"))
    return TriwulanLalu(f"Triwulan {TRIWULAN_ROMAWI[tw]} {tahun}", tingkat)


def _tren(item, lalu: TriwulanLalu, temuan) -> None:
    """A trend that contradicts the level's move since the quarter before (a potensi keeps its
    ``identitas`` from quarter to quarter)."""
    T = PotensiKonflik.Tren
    dulu = lalu.tingkat.get(item.identitas)
    if dulu is None or item.tingkat not in URUTAN:
        return  # new, or an import row whose level is missing or unknown (reported by itself)
    if item.tren == T.BARU:
        temuan(
            False,
            "tren",
            f"Potensi ini sudah dilaporkan pada {lalu.nama}; tren Baru hanya untuk potensi yang pertama kali "
            "dilaporkan. Pilih Meningkat, Tetap atau Menurun.",
        )
        return
    arah = URUTAN[item.tingkat] - URUTAN[dulu]
    if arah > 0 and item.tren != T.MENINGKAT:
        pilih = "Meningkat"
    elif arah < 0 and item.tren not in (T.MENURUN, T.SELESAI):
        pilih = "Menurun atau Selesai"
    else:
        return
    gerak = "naik" if arah > 0 else "turun"
    temuan(
        True,
        "tren",
        f"Tingkatnya {gerak} dari {dulu} pada {lalu.nama} ke {item.tingkat}, tetapi trennya "
        f"{T(item.tren).label}. Pilih tren {pilih}, atau perbaiki tingkatnya.",
    )


def periksa_butir(
    item, butir: str, aturan: list[AturanValidasi], nama: str = "", lalu: TriwulanLalu | None = None
) -> list[Temuan]:
    """The rules one potensi or kejadian breaks (an unsaved one too: the import checks rows);
    ``lalu``: the quarter before, for the trend."""
    hasil = []

    def temuan(galat, kolom, pesan):
        hasil.append(Temuan(galat, butir, item, kolom, pesan, nama))

    if butir == "potensi":
        if item.tingkat == PotensiKonflik.Tingkat.TINGGI:
            if not item.langkah.strip():
                temuan(
                    True, "langkah", "Potensi bertingkat tinggi wajib menyebut langkah yang telah diambil."
                )
            if not item.usulan.strip():
                temuan(True, "usulan", "Potensi bertingkat tinggi wajib menyebut usulan tindakan.")
        if item.tren == PotensiKonflik.Tren.SELESAI and not item.langkah.strip():
            temuan(
                True,
                "langkah",
                "Potensi yang selesai wajib diberi catatan penyelesaian di kolom Langkah yang telah diambil.",
            )
        if lalu is not None:
            _tren(item, lalu, temuan)
    for a in aturan:
        if a.butir == butir and a.berlaku(item) and a.dilanggar(item):
            temuan(a.keparahan == AturanValidasi.Keparahan.GALAT, a.kolom, a.teks())
    return hasil


def _nama(item, butir, dapat_rahasia) -> str:
    if item.klasifikasi == Klasifikasi.RAHASIA and not dapat_rahasia:
        return f"{butir.capitalize()} {DIRAHASIAKAN}"
    if butir == "potensi":
        return f"Potensi “{item.judul}”"
    return f"Kejadian {tanggal(item.tanggal, hari=False)}" + (
        f" di Kec. {item.kecamatan}" if item.kecamatan else ""
    )


def pencilan(laporan: LaporanTriwulan, sekarang: dict[str, int]) -> list[Temuan]:
    """Counts far above the kab/kota's own usual (three queries over its last reports)."""
    periode = laporan.periode
    lalu = list(
        LaporanTriwulan.objects.terkirim()
        .filter(kabkota_id=laporan.kabkota_id)
        .filter(
            Q(periode__tahun__lt=periode.tahun)
            | Q(periode__tahun=periode.tahun, periode__triwulan__lt=periode.triwulan)
        )
        .order_by("-periode__tahun", "-periode__triwulan")
        .values_list("pk", flat=True)[:RIWAYAT]
    )
    if len(lalu) < 2:
        return []
    total = {
        "potensi": PotensiKonflik.objects.filter(laporan__in=lalu).count(),
        **KejadianKonflik.objects.filter(laporan__in=lalu).aggregate(
            kejadian=Count("pk"), korban=Coalesce(Sum("meninggal") + Sum("luka"), 0)
        ),
    }
    label = {
        "potensi": "potensi konflik",
        "kejadian": "kejadian konflik",
        "korban": "korban meninggal dan luka",
    }
    hasil = []
    for kunci, kini in sekarang.items():
        rata = total[kunci] / len(lalu)
        if kini >= FAKTOR * max(rata, 1):
            hasil.append(
                Temuan(
                    False,
                    "laporan",
                    None,
                    kunci,
                    f"Jumlah {label[kunci]} triwulan ini ({kini}) sedikitnya {FAKTOR} kali rata-rata "
                    f"{len(lalu)} laporan sebelumnya ({rata:.1f}). Pastikan angkanya benar; bila benar, "
                    "jelaskan di catatan laporan.",
                )  # fmt: skip
            )
    return hasil


@dataclass(frozen=True)
class Pemeriksaan:
    """A report's findings (errors, then warnings) and how many items were checked."""

    galat: list[Temuan]
    peringatan: list[Temuan]
    jumlah_potensi: int
    jumlah_kejadian: int


def periksa_laporan(laporan: LaporanTriwulan, user) -> Pemeriksaan:
    """Every finding of the report, each named as ``user`` may read it (a rahasia item the user is
    not cleared for is named "[dirahasiakan]"). Seven queries."""
    aturan = aturan_provinsi(laporan.periode.provinsi_id)
    dapat_rahasia = access.dapat_membaca_rahasia(user, laporan.periode.provinsi_id)
    lalu = triwulan_lalu(laporan, user)
    potensi = list(laporan.potensikonflik.order_by("pk"))
    kejadian = list(laporan.kejadiankonflik.order_by("tanggal", "pk"))
    hasil = []
    for butir, items in (("potensi", potensi), ("kejadian", kejadian)):
        for item in items:
            hasil += periksa_butir(item, butir, aturan, _nama(item, butir, dapat_rahasia), lalu)
    if not laporan.nihil:
        korban = sum(k.meninggal + k.luka for k in kejadian)
        hasil += pencilan(laporan, {"potensi": len(potensi), "kejadian": len(kejadian), "korban": korban})
    return Pemeriksaan(
        [t for t in hasil if t.galat], [t for t in hasil if not t.galat], len(potensi), len(kejadian)
    )
