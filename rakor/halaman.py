"""Sections other apps add to a rakor's page and to its report PDF.

rakor imports none of the apps that build on it. Each registers, in its ``AppConfig.ready()``, a
function ``(rakor, user) -> Bagian`` for the page and optionally one for the PDF, the way apps
register PDF builders and home-page panels. The view and the PDF builder call them, so reading
either tells what it fetches; the page includes each ``Bagian.template``, which reads
``bagian.konteks`` as a home-page panel reads ``panel.konteks``.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Bagian:
    template: str
    konteks: dict


_HALAMAN: list[Callable] = []
_PDF: list[Callable] = []


def daftar(halaman: Callable, pdf: Callable | None = None) -> None:
    if halaman not in _HALAMAN:
        _HALAMAN.append(halaman)
    if pdf is not None and pdf not in _PDF:
        _PDF.append(pdf)


def untuk_halaman(rakor, user) -> list[Bagian]:
    return [f(rakor, user) for f in _HALAMAN]


def untuk_pdf(rakor, user) -> list[Bagian]:
    return [f(rakor, user) for f in _PDF]
