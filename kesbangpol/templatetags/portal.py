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
def persen(bagian, total):
    try:
        return round(100 * bagian / total) if total else 0
    except (TypeError, ValueError):
        return 0
