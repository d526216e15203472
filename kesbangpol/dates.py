"""Dates as Indonesian officials write them ("Selasa, 3 Februari 2026"; "23–25 April 2024")."""

import datetime

from django.utils import timezone
from django.utils.formats import date_format


def tanggal(d: datetime.date | datetime.datetime | None, hari: bool = True) -> str:
    if not isinstance(d, datetime.date):
        return ""
    if isinstance(d, datetime.datetime):
        d = timezone.localtime(d) if timezone.is_aware(d) else d
    return date_format(d, "l, j F Y" if hari else "j F Y")


def rentang_tanggal(mulai: datetime.date, selesai: datetime.date | None, hari: bool = True) -> str:
    """One day: "Selasa, 3 Februari 2026". Several: "Selasa–Kamis, 23–25 April 2024", with the month
    or year repeated only where they change."""
    if selesai is None or selesai == mulai:
        return tanggal(mulai, hari)
    awal_hari = date_format(mulai, "l") + "–" + date_format(selesai, "l") + ", " if hari else ""
    if (mulai.year, mulai.month) == (selesai.year, selesai.month):
        teks = f"{mulai.day}–{date_format(selesai, 'j F Y')}"
    elif mulai.year == selesai.year:
        teks = f"{date_format(mulai, 'j F')} – {date_format(selesai, 'j F Y')}"
    else:
        teks = f"{date_format(mulai, 'j F Y')} – {date_format(selesai, 'j F Y')}"
    return awal_hari + teks
