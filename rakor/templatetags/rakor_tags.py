"""The rakor status badge, one source for every page that shows it (list rows and the rakor page)."""

from django import template

register = template.Library()


@register.inclusion_tag("rakor/_status_rakor.html")
def status_rakor(rakor):
    return {"rakor": rakor}
