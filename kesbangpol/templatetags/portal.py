import functools

from django import template
from django.urls import get_script_prefix, reverse

from kesbangpol import dates

register = template.Library()


def alamat(nama: str, pk: int) -> str:
    """``reverse(nama, args=[pk])`` for rows built in Python, for URL patterns ending in
    ``<int:pk>/``: the pattern is reversed once (per script prefix) and the pk put in its place.
    A reverse costs ~30 µs, and list pages need one a row (measured)."""
    return f"{_awalan(nama, get_script_prefix())}{pk}/"


@functools.lru_cache(maxsize=64)
def _awalan(nama: str, script_prefix: str) -> str:
    contoh = reverse(nama, args=[0])
    if not contoh.endswith("/0/"):
        raise ValueError(f"{nama}: pola URL tidak berakhir dengan <int:pk>/ ({contoh})")
    return contoh.removesuffix("0/")


@register.filter
def tanggal(value, hari=True):
    return dates.tanggal(value, hari=bool(hari))


@register.simple_tag
def rentang_tanggal(mulai, selesai, hari=True):
    return dates.rentang_tanggal(mulai, selesai, hari=hari)


@register.filter
def potong(value, panjang):
    """truncatechars for plain text in list rows: Django's walks every character through Unicode
    normalisation, ~20 µs a cell (measured), and a list page has two cells a row."""
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
