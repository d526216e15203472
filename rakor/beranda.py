"""What rakor put on each person's home page (``kesbangpol.beranda``)."""

import datetime

from kesbangpol import access
from kesbangpol.beranda import LAINNYA, Panel, Tugas
from kesbangpol.dates import rentang_tanggal
from rakor.models import Rakor

HARI_KE_DEPAN = 30


def untuk_semua(user, today: datetime.date):
    """The rakor of the next 30 days the user may see (a kab/kota user: those their office is invited
    to), and for provincial writers the rakor whose dates are over but which are still marked as
    planned or running: the notulen and the recommendations are recorded only after it is closed."""
    scope = access.lingkup(user)
    if scope.kosong or scope.nasional:
        return []
    semua = Rakor.objects.for_user(user)
    hasil = []
    if scope.seluruh_provinsi and access.adalah_staf_provinsi(user) and access.dapat_menulis(user):
        for r in semua.filter(
            tanggal_selesai__lt=today, status__in=[Rakor.Status.RENCANA, Rakor.Status.BERLANGSUNG]
        ).order_by("tanggal_selesai", "pk")[:10]:
            hasil.append(
                Tugas(
                    LAINNYA,
                    f"{r.judul} sudah berakhir tetapi masih berstatus {r.get_status_display().lower()}",
                    r.get_absolute_url(),
                    f"Berakhir {rentang_tanggal(r.tanggal_mulai, r.tanggal_selesai)}. Catat kehadiran, "
                    "notulen dan rekomendasinya, lalu tandai selesai.",
                    r.tanggal_selesai,
                )
            )
    akan_datang = list(
        semua.akan_datang(today)
        .filter(tanggal_mulai__lte=today + datetime.timedelta(days=HARI_KE_DEPAN))
        .select_related("kabkota")
        .order_by("tanggal_mulai", "pk")[:5]
    )
    hasil.append(
        Panel(
            f"Rakor {HARI_KE_DEPAN} hari ke depan",
            "rakor/_beranda_rakor.html",
            20,
            {"daftar": akan_datang, "hari": HARI_KE_DEPAN},
        )
    )
    return hasil
