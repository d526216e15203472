"""The rakor page shows its recommendations through this tag (rakor does not import rekomendasi)."""

from django import template
from django.utils import timezone

from kesbangpol import access
from rakor.models import Rakor
from rekomendasi.models import SELESAI, Penugasan, Rekomendasi

register = template.Library()


def _terbuka(r, kabkota: bool) -> bool:
    """Still someone's job: for a kab/kota user, one of their own office's assignments; for the
    province, any assignment."""
    if kabkota:
        return any(p.status not in SELESAI for x in (r, *r.sub) for p in x.saya)
    return any(x.jumlah_selesai < x.jumlah_penugasan for x in (r, *r.sub))


@register.inclusion_tag("rekomendasi/_rakor.html", takes_context=True)
def rekomendasi_rakor(context, rakor):
    """This rakor's items with progress, and the still-open items of **every** earlier rakor of the
    province (an empty rakor in between hides nothing), grouped by rakor, newest first. A kab/kota
    user sees and counts only what is open for their own office."""
    user = context["request"].user
    kabkota = bool(access.lingkup(user).kabkota_id)
    terbuka = Penugasan.objects.for_user(user).terbuka()
    rakor_terbuka = (
        Rakor.objects.for_user(user)
        .filter(provinsi_id=rakor.provinsi_id, tanggal_mulai__lt=rakor.tanggal_mulai)
        .exclude(status=Rakor.Status.DIBATALKAN)
        .filter(pk__in=terbuka.values("rekomendasi__rakor_id"))
        .order_by("-tanggal_mulai")
        .only("judul", "tanggal_mulai", "tanggal_selesai")  # headings; not their minutes
    )
    sebelumnya = list(rakor_terbuka)
    semua = Rekomendasi.objects.butir_rakor([rakor, *sebelumnya], user)
    per_rakor: dict[int, list] = {}
    for r in semua:
        if r.rakor_id != rakor.pk and _terbuka(r, kabkota):
            per_rakor.setdefault(r.rakor_id, []).append(r)
    kelompok = [(rk, per_rakor[rk.pk]) for rk in sebelumnya if rk.pk in per_rakor]
    return {
        "rakor": rakor,
        "items": [r for r in semua if r.rakor_id == rakor.pk],
        "kelompok_sebelumnya": kelompok,
        "jumlah_sebelumnya": sum(len(items) for _, items in kelompok),
        "dapat_mengubah": context.get("dapat_mengubah"),
        "lingkup": context.get("lingkup"),
        "today": timezone.localdate(),
    }


@register.inclusion_tag("rekomendasi/_status_tl.html")
def status_tl(p, today=None):
    """One badge per assignment: its confirmed status, a pending proposal, and overdue."""
    return {"p": p, "terlambat": p.is_terlambat(today)}


@register.inclusion_tag("rekomendasi/_butir.html")
def butir(r, lingkup, today=None):
    """One item (or sub-point) annotated by ``with_progres``: for a kab/kota user the badges of
    their own office's assignments (``r.saya``), for everyone else a bar of confirmed follow-ups."""
    return {"r": r, "lingkup": lingkup, "today": today}


@register.inclusion_tag("rekomendasi/_pdf.html")
def rekomendasi_pdf(rakor, user):
    """The rakor's items with progress, as the requesting user may see them, for the rakor report."""
    return {"items": Rekomendasi.objects.butir_rakor([rakor], user)}
