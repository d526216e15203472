"""The rakor page shows its recommendations through this tag (rakor does not import rekomendasi)."""

from django import template
from django.utils import timezone

from rakor.models import Rakor
from rekomendasi.models import Rekomendasi

register = template.Library()


def _items(rakor, user, terbuka_saja=False):
    items = list(Rekomendasi.objects.butir_rakor(rakor, user))
    if terbuka_saja:
        items = [
            r for r in items if any(x.jumlah_selesai < x.jumlah_penugasan for x in (r, *r.subpoin.all()))
        ]
    return items


@register.inclusion_tag("rekomendasi/_rakor.html", takes_context=True)
def rekomendasi_rakor(context, rakor):
    """This rakor's items with progress, and the open items of the province's previous rakor."""
    user = context["request"].user
    sebelumnya = (
        Rakor.objects.for_user(user)
        .filter(provinsi_id=rakor.provinsi_id, tanggal_mulai__lt=rakor.tanggal_mulai)
        .exclude(status=Rakor.Status.DIBATALKAN)
        .order_by("-tanggal_mulai")
        .first()
    )
    return {
        "rakor": rakor,
        "items": _items(rakor, user),
        "sebelumnya": sebelumnya,
        "items_sebelumnya": _items(sebelumnya, user, terbuka_saja=True) if sebelumnya else [],
        "dapat_mengubah": context.get("dapat_mengubah"),
        "lingkup": context.get("lingkup"),
        "today": timezone.localdate(),
    }


@register.inclusion_tag("rekomendasi/_status.html")
def status_tl(p, today=None):
    """One badge per assignment: its confirmed status, a pending proposal, and overdue."""
    return {"p": p, "terlambat": p.is_terlambat(today)}


@register.inclusion_tag("rekomendasi/_pdf.html")
def rekomendasi_pdf(rakor, user):
    """The rakor's items with progress, as the requesting user may see them, for the rakor report."""
    return {"items": _items(rakor, user)}
