"""What rekomendasi adds to a rakor's page and its report PDF (registered with :mod:`rakor.halaman`)."""

from django.utils import timezone

from rakor.halaman import Bagian
from rakor.models import Rakor
from rekomendasi.models import Penugasan, Rekomendasi


def _terbuka(r) -> bool:
    """Still someone's job (counted, for a kab/kota user, over their own office's assignments)."""
    return any(x.jumlah_selesai < x.jumlah_penugasan for x in (r, *r.sub))


def halaman(rakor, user) -> Bagian:
    """This rakor's items with progress, and the still-open items of **every** earlier rakor of the
    province (an empty rakor in between hides nothing), grouped by rakor, newest first. A kab/kota
    user sees and counts only what is open for their own office."""
    terbuka = Penugasan.objects.for_user(user).terbuka()
    sebelumnya = list(
        Rakor.objects.for_user(user)
        .filter(provinsi_id=rakor.provinsi_id, tanggal_mulai__lt=rakor.tanggal_mulai)
        .exclude(status=Rakor.Status.DIBATALKAN)
        .filter(pk__in=terbuka.values("rekomendasi__rakor_id"))
        .order_by("-tanggal_mulai")
        .only("judul", "tanggal_mulai", "tanggal_selesai")  # headings; not their minutes
    )
    semua = Rekomendasi.objects.butir_rakor([rakor, *sebelumnya], user)
    per_rakor: dict[int, list] = {}
    for r in semua:
        if r.rakor_id != rakor.pk and _terbuka(r):
            per_rakor.setdefault(r.rakor_id, []).append(r)
    kelompok = [(rk, per_rakor[rk.pk]) for rk in sebelumnya if rk.pk in per_rakor]
    return Bagian(
        "rekomendasi/_rakor.html",
        {
            "items": [r for r in semua if r.rakor_id == rakor.pk],
            "kelompok_sebelumnya": kelompok,
            "jumlah_sebelumnya": sum(len(items) for _, items in kelompok),
            "today": timezone.localdate(),
        },
    )


def pdf(rakor, user) -> Bagian:
    """The rakor's items with progress, as the requesting user may see them."""
    return Bagian("rekomendasi/_pdf.html", {"items": Rekomendasi.objects.butir_rakor([rakor], user)})
