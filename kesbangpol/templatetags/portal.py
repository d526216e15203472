import functools

from django import template
from django.urls import get_script_prefix, reverse

from kesbangpol import dates

register = template.Library()


@register.simple_tag
def alamat(nama: str, pk: int) -> str:
    """``reverse(nama, args=[pk])`` for URL patterns with one ``<int:pk>``: the pattern is reversed
    once (per script prefix) and the pk put in its place. A reverse costs ~30 µs, and list pages
    and the rakor page need one or three a row (measured with `make bench`)."""
    awal, akhir = _pola(nama, get_script_prefix())
    return f"{awal}{int(pk)}{akhir}"


# A pk no row has, so it cannot also appear in the pattern's fixed text.
_CONTOH = 987654321987


@functools.lru_cache(maxsize=128)
def _pola(nama: str, script_prefix: str) -> tuple[str, str]:
    contoh = reverse(nama, args=[_CONTOH])
    awal, tanda, akhir = contoh.partition(f"/{_CONTOH}/")
    if not tanda or str(_CONTOH) in akhir:
        raise ValueError(f"{nama}: pola URL tanpa satu segmen <int:pk> ({contoh})")
    return f"{awal}/", f"/{akhir}"


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
