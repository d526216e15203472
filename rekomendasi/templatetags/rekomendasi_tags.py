"""The rakor page shows its recommendations through this tag (rakor does not import rekomendasi)."""

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from rakor.models import Rakor
from rekomendasi.models import Rekomendasi

register = template.Library()


def _terbuka(r):
    return any(x.jumlah_selesai < x.jumlah_penugasan for x in (r, *r.subpoin.all()))


@register.inclusion_tag("rekomendasi/_rakor.html", takes_context=True)
def rekomendasi_rakor(context, rakor):
    """This rakor's items with progress, and the open items of the province's previous rakor,
    fetched together (the same queries whether or not there is a previous rakor)."""
    user = context["request"].user
    sebelumnya = (
        Rakor.objects.for_user(user)
        .filter(provinsi_id=rakor.provinsi_id, tanggal_mulai__lt=rakor.tanggal_mulai)
        .exclude(status=Rakor.Status.DIBATALKAN)
        .order_by("-tanggal_mulai")
        .first()
    )
    semua = list(Rekomendasi.objects.butir_rakor([rakor] + ([sebelumnya] if sebelumnya else []), user))
    return {
        "rakor": rakor,
        "items": [r for r in semua if r.rakor_id == rakor.pk],
        "sebelumnya": sebelumnya,
        "items_sebelumnya": [r for r in semua if r.rakor_id != rakor.pk and _terbuka(r)],
        "dapat_mengubah": context.get("dapat_mengubah"),
        "lingkup": context.get("lingkup"),
        "today": timezone.localdate(),
    }


@register.simple_tag
def status_tl(p, today=None):
    """One badge per assignment: its confirmed status, a pending proposal, and overdue. Built here,
    not by an included template: lists show one per row, and an include cost ~50 µs each (measured)."""
    html = format_html('<span class="badge tl-{}">{}</span>', p.status, p.get_status_display())
    if p.usulan:
        html += format_html(
            ' <span class="badge tl-menunggu">Menunggu verifikasi: {}</span>', p.get_usulan_display()
        )
    if p.is_terlambat(today):
        html += mark_safe(' <span class="badge tl-terlambat">Terlambat</span>')
    return html


@register.inclusion_tag("rekomendasi/_pdf.html")
def rekomendasi_pdf(rakor, user):
    """The rakor's items with progress, as the requesting user may see them, for the rakor report."""
    return {"items": list(Rekomendasi.objects.butir_rakor([rakor], user))}
