"""Badges and item rows of recommendations, one source for every page that shows them."""

from django import template

register = template.Library()


@register.inclusion_tag("rekomendasi/_status_tl.html")
def status_tl(p, today=None):
    """One badge per assignment: its confirmed status, a pending proposal, and overdue."""
    return {"p": p, "terlambat": p.is_terlambat(today)}


@register.inclusion_tag("rekomendasi/_butir.html")
def butir(r, lingkup, today=None):
    """One item (or sub-point) annotated by ``with_progres``: for a kab/kota user the badges of
    their own office's assignments (``r.saya``), for everyone else a bar of confirmed follow-ups."""
    return {"r": r, "lingkup": lingkup, "today": today}
