from django import template

from kesbangpol import dates

register = template.Library()


@register.filter
def tanggal(value, hari=True):
    return dates.tanggal(value, hari=bool(hari))


@register.simple_tag
def rentang_tanggal(mulai, selesai, hari=True):
    return dates.rentang_tanggal(mulai, selesai, hari=hari)


@register.filter
def potong(value, panjang):
    """truncatechars for plain text in list rows, without Django's per-character normalisation."""
    teks = str(value)
    return teks if len(teks) <= panjang else teks[: panjang - 1].rstrip() + "…"


@register.filter
def persen(bagian, total):
    try:
        return round(100 * bagian / total) if total else 0
    except (TypeError, ValueError):
        return 0


@register.simple_tag
def qr(teks, skala=2):
    """An inline SVG QR code (segno), for the verification address printed on PDFs."""
    import segno
    from django.utils.safestring import mark_safe

    return mark_safe(segno.make(str(teks), error="m").svg_inline(scale=skala, border=2))  # segno escapes
