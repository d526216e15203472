"""The rakor status badge, one source for every page that shows it (list rows and the rakor page),
and the tag that renders a section another app adds to the rakor page (:mod:`rakor.halaman`)."""

from django import template
from django.template.loader import get_template

register = template.Library()


@register.inclusion_tag("rakor/_status_rakor.html")
def status_rakor(rakor):
    return {"rakor": rakor}


@register.simple_tag(takes_context=True)
def sisipkan(context, bagian):
    """Render a :class:`rakor.halaman.Bagian` with the page's context plus what its app fetched."""
    with context.push(**bagian.konteks):
        return get_template(bagian.template).template.render(context)
