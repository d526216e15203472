"""Dates as Indonesian officials write them ("Selasa, 3 Februari 2026"; "23–25 April 2024")."""

import datetime

from django.utils import timezone

# The portal speaks only Indonesian (settings.LANGUAGES): names straight from a table, as Django's
# catalogue has them, instead of date_format()'s translation machinery once or twice per list row.
HARI = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
BULAN = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip


def _hari(d: datetime.date) -> str:
    return HARI[d.weekday()]


def _tgl(d: datetime.date, tahun: bool = True) -> str:
    return f"{d.day} {BULAN[d.month - 1]} {d.year}" if tahun else f"{d.day} {BULAN[d.month - 1]}"


def tanggal(d: datetime.date | datetime.datetime | None, hari: bool = True) -> str:
    if not isinstance(d, datetime.date):
        return ""
    if isinstance(d, datetime.datetime):
        d = timezone.localtime(d) if timezone.is_aware(d) else d
    return f"{_hari(d)}, {_tgl(d)}" if hari else _tgl(d)


def rentang_tanggal(mulai: datetime.date, selesai: datetime.date | None, hari: bool = True) -> str:
    """One day: "Selasa, 3 Februari 2026". Several: "Selasa–Kamis, 23–25 April 2024", with the month
    or year repeated only where they change."""
    if selesai is None or selesai == mulai:
        return tanggal(mulai, hari)
    awal_hari = f"{_hari(mulai)}–{_hari(selesai)}, " if hari else ""
    if (mulai.year, mulai.month) == (selesai.year, selesai.month):
        teks = f"{mulai.day}–{_tgl(selesai)}"
    elif mulai.year == selesai.year:
        teks = f"{_tgl(mulai, tahun=False)} – {_tgl(selesai)}"
    else:
        teks = f"{_tgl(mulai)} – {_tgl(selesai)}"
    return awal_hari + teks


# Years a query parameter may name: the portal's records start in the 2000s, and plans run a few
# years ahead. Anything else in ``?tahun=`` or ``?bulan=`` is ignored (the page's default is shown).
TAHUN_AWAL, TAHUN_AKHIR = 2000, 2100


def tahun_parameter(teks: str | None) -> int | None:
    """A year from a query parameter, or None when it is not a year the portal knows."""
    teks = (teks or "").strip()
    if len(teks) == 4 and teks.isdigit() and TAHUN_AWAL <= int(teks) <= TAHUN_AKHIR:
        return int(teks)
    return None


def bulan_parameter(teks: str | None) -> datetime.date | None:
    """The first day of a month named like 2026-03 in a query parameter, or None."""
    try:
        bulan = datetime.date.fromisoformat((teks or "").strip()[:7] + "-01")
    except ValueError:
        return None
    return bulan if TAHUN_AWAL <= bulan.year <= TAHUN_AKHIR else None


# Quarters (triwulan): the reporting calendar, and the window the region pages show.
def akhir_triwulan(tahun: int, triwulan: int) -> datetime.date:
    bulan = triwulan * 3
    awal_berikut = datetime.date(tahun + (bulan == 12), bulan % 12 + 1, 1)
    return awal_berikut - datetime.timedelta(days=1)


def awal_triwulan(tahun: int, triwulan: int) -> datetime.date:
    return datetime.date(tahun, triwulan * 3 - 2, 1)


def triwulan_dari(tanggal: datetime.date) -> tuple[int, int]:
    return tanggal.year, (tanggal.month - 1) // 3 + 1
