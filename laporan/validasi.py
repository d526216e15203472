"""What a report must pass before it is submitted, and its Excel rows on import (DHIS2's validation
rules). Each finding names the item and the field in plain Indonesian and either refuses the
submission (``galat``) or warns:

- built in: a *tinggi* potensi needs the steps taken and a proposed action; a *selesai* potensi needs
  a closing note (in the steps taken); casualties are never negative (the model and the import refuse
  them already);
- the province's own rules (``AturanValidasi``: a field that must be filled, a number above a limit);
- outliers against the kab/kota's own history: a count at least ``FAKTOR`` times its average over its
  last four submitted reports (at least two of them) warns, never refuses.
"""

from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce

from kesbangpol import access
from kesbangpol.models.klasifikasi import DIRAHASIAKAN, Klasifikasi
from laporan.models import KejadianKonflik, LaporanTriwulan, PotensiKonflik
from laporan.models.validasi import AturanValidasi

FAKTOR = 10
RIWAYAT = 4


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


def periksa_butir(item, butir: str, aturan: list[AturanValidasi], nama: str = "") -> list[Temuan]:
    """The rules one potensi or kejadian breaks (an unsaved one too: the import checks rows)."""
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
    for a in aturan:
        if a.butir == butir and a.berlaku(item) and a.dilanggar(item):
            temuan(a.keparahan == AturanValidasi.Keparahan.GALAT, a.kolom, a.teks())
    return hasil


def _nama(item, butir, dapat_rahasia) -> str:
    if item.klasifikasi == Klasifikasi.RAHASIA and not dapat_rahasia:
        return f"{butir.capitalize()} {DIRAHASIAKAN}"
    if butir == "potensi":
        return f"Potensi “{item.judul}”"
    return f"Kejadian {item.tanggal:%d-%m-%Y}" + (f" di Kec. {item.kecamatan}" if item.kecamatan else "")


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
    not cleared for is named "[dirahasiakan]"). Six queries."""
    aturan = aturan_provinsi(laporan.periode.provinsi_id)
    dapat_rahasia = access.dapat_membaca_rahasia(user, laporan.periode.provinsi_id)
    potensi = list(laporan.potensikonflik.order_by("pk"))
    kejadian = list(laporan.kejadiankonflik.order_by("tanggal", "pk"))
    hasil = []
    for butir, items in (("potensi", potensi), ("kejadian", kejadian)):
        for item in items:
            hasil += periksa_butir(item, butir, aturan, _nama(item, butir, dapat_rahasia))
    if not laporan.nihil:
        korban = sum(k.meninggal + k.luka for k in kejadian)
        hasil += pencilan(laporan, {"potensi": len(potensi), "kejadian": len(kejadian), "korban": korban})
    return Pemeriksaan(
        [t for t in hasil if t.galat], [t for t in hasil if not t.galat], len(potensi), len(kejadian)
    )
