"""The home page is each person's work list (PRODUCT.md §4, "the portal leads the work").

Apps contribute to it the way they contribute PDF builders: each registers a function in its
``AppConfig.ready()`` that takes the user and today's date and returns :class:`Tugas` (a thing to do,
merged into one list ordered by urgency, then deadline) and :class:`Panel` (a block of figures or a
short list, placed by ``urutan``). The core names no app. Each function runs a fixed number of
queries, and only the ones that apply to the user's role.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Window
from django.urls import reverse

from kesbangpol import access
from kesbangpol.models import Instansi, Notifikasi, User

# Urgency, most urgent first: an incident happening now (an urgent report to acknowledge or update),
# what is late, what came back, what is due soon, what waits for the user's decision, the rest.
MENDESAK, TERLAMBAT, DIKEMBALIKAN, SEGERA, MENUNGGU, LAINNYA = range(6)
LABEL = {
    MENDESAK: ("Mendesak", "tugas-mendesak"),
    TERLAMBAT: ("Terlambat", "tugas-terlambat"),
    DIKEMBALIKAN: ("Dikembalikan", "tugas-dikembalikan"),
    SEGERA: ("Segera", "tugas-segera"),
    MENUNGGU: ("Menunggu Anda", "tugas-menunggu"),
    LAINNYA: ("Belum selesai", "tugas-lainnya"),
}


@dataclass
class Tugas:
    urgensi: int
    judul: str
    url: str
    keterangan: str = ""
    tenggat: datetime.date | None = None
    # The oldest first among equals without a deadline (a report waiting longest for review).
    sejak: datetime.datetime | None = None
    # A task that starts with a POST (opening a new report): the form's action and hidden fields.
    formulir: dict | None = None

    @property
    def label(self) -> str:
        return LABEL[self.urgensi][0]

    @property
    def kelas(self) -> str:
        return LABEL[self.urgensi][1]

    def kunci(self):
        return (
            self.urgensi,
            self.tenggat or datetime.date.max,
            self.sejak.timestamp() if self.sejak else float("inf"),
            self.judul,
        )


@dataclass
class Panel:
    judul: str
    template: str
    urutan: int = 50
    konteks: dict = field(default_factory=dict)


# A queue longer than this shows its oldest items and one line that links to the whole queue.
BATAS_ANTREAN = 6


def sebagian(queryset, n: int) -> tuple[list, int]:
    """The first ``n`` rows of an ordered queryset and how many rows it has, in one query: a window
    count rides along each row (SQL computes it before the LIMIT)."""
    rows = list(queryset.annotate(jumlah_semua=Window(Count("pk")))[:n])
    return rows, rows[0].jumlah_semua if rows else 0


def antrean(queryset, buat: Callable, urgensi: int, lainnya: str, url: str) -> list[Tugas]:
    """The first ``BATAS_ANTREAN`` rows of an ordered queue as tasks (``buat(row)``), then, when there
    are more, one task "and N more …" linking to the list of them all."""
    rows, jumlah = sebagian(queryset, BATAS_ANTREAN)
    tugas = [buat(r) for r in rows]
    if jumlah > BATAS_ANTREAN:
        sisa = jumlah - BATAS_ANTREAN
        # Right after the last one shown (same time; "…" sorts after letters).
        tugas.append(Tugas(urgensi, lainnya.format(n=sisa), url, sejak=tugas[-1].sejak))
    return tugas


_SUMBER: list[Callable] = []


def daftar(fungsi: Callable) -> Callable:
    if fungsi not in _SUMBER:
        _SUMBER.append(fungsi)
    return fungsi


def kumpulkan(user, today: datetime.date) -> tuple[list[Tugas], list[Panel]]:
    tugas: list[Tugas] = []
    panel: list[Panel] = []
    for fungsi in _SUMBER:
        for hasil in fungsi(user, today) or ():
            (tugas if isinstance(hasil, Tugas) else panel).append(hasil)
    return sorted(tugas, key=Tugas.kunci), sorted(panel, key=lambda p: p.urutan)


def notifikasi_terbaru(user, today: datetime.date):
    """The five latest notifications: what changed since the last visit."""
    if access.lingkup(user).kosong:
        return []
    daftar = list(Notifikasi.objects.for_user(user).order_by("-dibuat", "-pk")[:5])
    return [Panel("Notifikasi terbaru", "kesbangpol/_beranda_notifikasi.html", 10, {"daftar": daftar})]


def untuk_admin(user, today: datetime.date):
    """Accounts the admin should look after: privileged users still without a confirmed second
    factor, accounts never signed in 14 days after they were made, and offices nobody can sign in
    for. Each count is of the admin list filter it links to."""
    if user.peran not in (user.Peran.ADMIN_PROVINSI, user.Peran.ADMIN_NASIONAL):
        return []
    pengguna = User.objects.for_user(user).filter(is_active=True)
    hasil = []
    if settings.DUA_FAKTOR_WAJIB and (n := pengguna.tanpa_dua_faktor().count()):
        hasil.append(
            Tugas(
                SEGERA,
                f"{n} akun staf/admin belum memasang kode dua langkah",
                reverse("admin:kesbangpol_user_changelist") + "?tanpa_dua_faktor=1",
                "Mereka diminta memasangnya saat masuk berikutnya; pastikan mereka tahu caranya.",
            )
        )
    if n := pengguna.belum_pernah_masuk().count():
        hasil.append(
            Tugas(
                LAINNYA,
                f"{n} akun belum pernah masuk lebih dari 14 hari setelah dibuat",
                reverse("admin:kesbangpol_user_changelist") + "?belum_masuk=1",
                "Kirim ulang tautan atur kata sandi, atau nonaktifkan akun yang tidak dipakai.",
            )
        )
    if n := Instansi.objects.for_user(user).kesbangpol().tanpa_pengguna().count():
        hasil.append(
            Tugas(
                LAINNYA,
                f"{n} kantor Kesbangpol belum punya pengguna aktif",
                reverse("admin:kesbangpol_instansi_changelist") + "?tanpa_pengguna=1",
                "Tanpa operator, kantor itu tidak dapat melapor maupun menindaklanjuti rekomendasi.",
            )
        )
    return hasil
