"""Notifications: every event that concerns someone reaches them in the portal (the bell) and, as
they choose per kind, by email at once, in a daily digest, or not by email (PRODUCT.md §4).

Apps register their kinds in ``AppConfig.ready()`` (:func:`daftar_jenis`) and call :func:`kirim`;
the core names none of them. Scheduled mail (reminders, digests) claims a
:class:`~kesbangpol.models.KirimanTerjadwal` row per recipient, kind and day before it is sent, so a
job that runs twice on one day sends nothing twice.

Chosen over django-notifications-hq: its last release (1.8.3, 2023) predates Django 5.2, it models
actor/verb/target through generic foreign keys we would not query by, and it has no per-kind
delivery choice or digest; what we need is three small tables.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

SIMPAN_HARI = 180


@dataclass(frozen=True)
class Jenis:
    kode: str
    label: str
    bawaan: str = "segera"
    # Urgent kinds (an incident report) are never held for the daily digest: by email at once, or
    # only in the portal.
    mendesak: bool = False
    # The roles its sender addresses (empty: any role); the settings page offers a person only these.
    untuk: tuple[str, ...] = ()


_JENIS: dict[str, Jenis] = {}


def daftar_jenis(
    kode: str, label: str, bawaan: str = "segera", *, mendesak: bool = False, untuk: tuple[str, ...] = ()
) -> None:
    _JENIS[kode] = Jenis(kode, label, bawaan, mendesak, tuple(untuk))


def _tanpa_tunda(jenis: str, cara: str) -> str:
    mendesak = jenis in _JENIS and _JENIS[jenis].mendesak
    return "segera" if mendesak and cara == "harian" else cara


def semua_jenis(user=None) -> list[Jenis]:
    """Every registered kind, or only those that can reach ``user``'s role."""
    return sorted(
        (j for j in _JENIS.values() if user is None or not j.untuk or user.peran in j.untuk),
        key=lambda j: j.label,
    )


def label(kode: str) -> str:
    jenis = _JENIS.get(kode)
    return jenis.label if jenis else kode


def url_penuh(path: str) -> str:
    return settings.PORTAL_URL.rstrip("/") + path if path.startswith("/") else path


def cara_untuk(users: list, jenis: str) -> dict[int, str]:
    """Each user's choice for ``jenis`` (one query for all of them)."""
    from kesbangpol.models import PreferensiKabar

    bawaan = _JENIS[jenis].bawaan if jenis in _JENIS else "segera"
    dipilih = dict(
        PreferensiKabar.objects.filter(pengguna__in=users, jenis=jenis).values_list("pengguna_id", "cara")
    )
    return {u.pk: _tanpa_tunda(jenis, dipilih.get(u.pk, bawaan)) for u in users}


def pilihan(user) -> dict[str, str]:
    """The user's choice for every registered kind (one query)."""
    from kesbangpol.models import PreferensiKabar

    dipilih = dict(PreferensiKabar.objects.filter(pengguna=user).values_list("jenis", "cara"))
    return {j.kode: _tanpa_tunda(j.kode, dipilih.get(j.kode, j.bawaan)) for j in _JENIS.values()}


def klaim(penerima: str, jenis: str, tanggal: datetime.date) -> bool:
    """Claim today's scheduled send of ``jenis`` to ``penerima``; False when already sent. Call inside
    the transaction that sends, so a failed send gives the claim back."""
    from kesbangpol.models import KirimanTerjadwal

    try:
        with transaction.atomic():
            KirimanTerjadwal.objects.create(penerima=penerima, jenis=jenis, tanggal=tanggal)
    except IntegrityError:
        return False
    return True


def kirim(
    penerima: Iterable,
    jenis: str,
    judul: str,
    isi: str,
    url: str = "",
    *,
    terjadwal: datetime.date | None = None,
) -> int:
    """One notification per active recipient, and an email at once to those who chose that (the
    default for most kinds). ``terjadwal`` (the day a scheduled job runs for) makes it at most one
    per recipient, kind and day. Returns the number of notifications created."""
    from kesbangpol.models import Notifikasi

    users = [u for u in {u.pk: u for u in penerima}.values() if u.is_active]
    if not users:
        return 0
    cara = cara_untuk(users, jenis)
    dibuat = 0
    sekarang = timezone.now()
    for user in sorted(users, key=lambda u: u.username):
        with transaction.atomic():
            if terjadwal is not None and not klaim(user.username, jenis, terjadwal):
                continue
            segera = cara[user.pk] == "segera" and bool(user.email)
            Notifikasi.objects.create(
                penerima=user,
                jenis=jenis,
                judul=judul[:300],
                isi=isi,
                url=url[:300],
                dibuat=sekarang,
                dikirim_surel=sekarang if segera else None,
            )
            if segera:
                surel(user.email, judul, isi)
        dibuat += 1
    return dibuat


def surel(alamat: str, judul: str, isi: str) -> None:
    EmailMessage(settings.EMAIL_SUBJECT_PREFIX + judul, isi, to=[alamat]).send()


def tuntas(jenis: str, url: str) -> None:
    """Someone did what the unread notifications of ``jenis`` about ``url`` asked for (verified the
    proposal, reviewed the report, sent the update): they are marked read for everyone they went to,
    so that the bell counts what still waits and no title says "menunggu" of something done (as
    GitLab marks a to-do done when its issue closes). Done after the commit, like the sending: a
    notice queued earlier in the same transaction (the demo's seeding) is sent first, then marked."""
    from kesbangpol.models import Notifikasi

    transaction.on_commit(
        lambda: Notifikasi.objects.filter(jenis=jenis, url=url, dibaca__isnull=True).update(
            dibaca=timezone.now()
        )
    )


def kirim_ringkasan_harian(tanggal: datetime.date | None = None) -> int:
    """One email per person who chose the daily digest for some kind, listing what came since their
    last digest and is still unread (read in the portal, or its task done by a colleague:
    :func:`tuntas`); sent once a day. Returns the number of emails sent."""
    from kesbangpol.models import Notifikasi, PreferensiKabar, User

    tanggal = tanggal or timezone.localdate()
    harian_bawaan = [j.kode for j in _JENIS.values() if j.bawaan == "harian"]
    pilihan = PreferensiKabar.objects.values_list("pengguna_id", "jenis", "cara")
    ingin = {(p, j) for p, j, c in pilihan if _tanpa_tunda(j, c) == "harian"}
    tidak = {(p, j) for p, j, c in pilihan if c != "harian"}
    antre = (
        Notifikasi.objects.filter(dikirim_surel__isnull=True, dibaca__isnull=True, penerima__is_active=True)
        .exclude(penerima__email="")
        .select_related("penerima")
        .order_by("penerima_id", "dibuat", "pk")
    )
    per_orang: dict[int, list] = {}
    for n in antre:
        kunci = (n.penerima_id, n.jenis)
        if kunci in ingin or (n.jenis in harian_bawaan and kunci not in tidak):
            per_orang.setdefault(n.penerima_id, []).append(n)
    terkirim = 0
    for daftar in per_orang.values():
        user: User = daftar[0].penerima
        with transaction.atomic():
            if not klaim(user.username, "ringkasan_harian", tanggal):
                continue
            isi = render_to_string(
                "kesbangpol/email/ringkasan_harian.txt",
                {
                    "user": user,
                    "daftar": daftar,
                    "tanggal": tanggal,
                    "base_url": settings.PORTAL_URL.rstrip("/"),
                },
            )
            surel(user.email, f"Ringkasan harian: {len(daftar)} pemberitahuan", isi)
            Notifikasi.objects.filter(pk__in=[n.pk for n in daftar]).update(dikirim_surel=timezone.now())
        terkirim += 1
    return terkirim


def bersihkan(sekarang: datetime.datetime | None = None) -> int:
    """Notifications are kept 180 days; the record of scheduled sends only as long as it is needed."""
    from kesbangpol.models import KirimanTerjadwal, Notifikasi

    sekarang = sekarang or timezone.now()
    jumlah, _ = Notifikasi.objects.filter(dibuat__lt=sekarang - datetime.timedelta(days=SIMPAN_HARI)).delete()
    KirimanTerjadwal.objects.filter(tanggal__lt=sekarang.date() - datetime.timedelta(days=14)).delete()
    return jumlah
