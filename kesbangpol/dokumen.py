"""Documents rendered by Celery: the shared machinery (STYLE.md, "Which way the imports run").

Each app brings builders (a subclass of :class:`Builder`) and registers them in its
``AppConfig.ready()``; the core names none of them. A request writes a :class:`~kesbangpol.models.Dokumen`
job in its transaction and enqueues the task after commit; when the broker is unreachable the job
stays queued and :func:`sapu` (Celery beat, every minute) enqueues it later: an outbox.

The task (:func:`render`) is safe to run twice: a finished job is left alone, and of two renders
racing, only the first to finish stores its file.
"""

import datetime
import errno
import hashlib
import logging
import socket
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from kesbangpol.pdf import render_html

log = logging.getLogger(__name__)
_REGISTRY: dict[str, "Builder"] = {}


@dataclass
class Hasil:
    """What a builder made: the file, its page count (PDFs), the highest classification it holds and,
    for a PDF, how long its data took (the rest of the job's time is rendering)."""

    isi: bytes
    klasifikasi: str
    halaman: int | None = None
    detik_konteks: float | None = None  # gathering the data, when the builder tells it apart


class Builder:
    """One kind of document. A PDF's subclass sets ``jenis``, ``template`` and ``model`` and
    implements :meth:`konteks` (a fixed number of queries) and :meth:`judul`; another kind of file (a
    large export) sets ``format`` and overrides :meth:`buat`."""

    jenis = ""
    template = ""
    model = None
    label = ""
    format = "pdf"

    def buat(self, job, obj, kemajuan) -> Hasil:
        """The file for ``job``. ``kemajuan(persen)`` reports progress (0–90) to the job's page."""
        t = time.perf_counter()
        html, klasifikasi = self.html_dan_klasifikasi(
            obj, job.parameter, {"dokumen": job, "url_verifikasi": job.url_verifikasi}
        )
        konteks = time.perf_counter() - t
        kemajuan(40)
        pdf, halaman = render_html(html)
        return Hasil(pdf, klasifikasi, halaman, konteks)

    def objek(self, objek_id):
        return self.model.objects.get(pk=objek_id)

    def provinsi(self, obj):
        raise NotImplementedError

    def judul(self, obj, parameter: dict) -> str:
        raise NotImplementedError

    def konteks(self, obj, parameter: dict) -> dict:
        raise NotImplementedError

    def html(self, obj, parameter: dict, extra: dict | None = None) -> str:
        return self.html_dan_klasifikasi(obj, parameter, extra)[0]

    def html_dan_klasifikasi(self, obj, parameter: dict, extra: dict | None = None) -> tuple[str, str]:
        """The HTML and the document's classification: the highest of what it contains, which
        :meth:`konteks` states as ``klasifikasi`` (Terbatas when it does not)."""
        context = {"PORTAL_NAMA": settings.PORTAL_NAMA, **self.konteks(obj, parameter), **(extra or {})}
        context.setdefault("klasifikasi", "terbatas")
        return render_to_string(self.template, context), context["klasifikasi"]


def daftar(builder: Builder) -> None:
    _REGISTRY[builder.jenis] = builder


def builder(jenis: str) -> Builder:
    return _REGISTRY[jenis]


def minta(jenis: str, obj, user, parameter: dict | None = None, *, request=None):
    """Record a job for ``obj`` and enqueue it once the transaction commits. ``request`` gives the
    address the requester has open, for the QR code when PORTAL_URL is not configured."""
    from kesbangpol.models import Dokumen

    b = builder(jenis)
    parameter = parameter or {}
    with transaction.atomic():
        # A double click (or a second tab) within a minute gets the job already under way: the
        # user's row is locked so two simultaneous requests cannot both find none.
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        sama = (
            Dokumen.objects.filter(jenis=jenis, objek_id=obj.pk, diminta_oleh=user, parameter=parameter)
            .filter(dibuat__gte=timezone.now() - datetime.timedelta(seconds=60))
            .exclude(status=Dokumen.Status.GAGAL)
            .order_by("-pk")
            .first()
        )
        if sama is not None:
            sama.sudah_ada = True
            return sama
        job = Dokumen.objects.create(
            jenis=jenis,
            objek_id=obj.pk,
            provinsi=b.provinsi(obj),
            judul=b.judul(obj, parameter),
            parameter=parameter,
            diminta_oleh=user,
            alamat_portal=request.build_absolute_uri("/") if request is not None else "",
        )
        transaction.on_commit(lambda: kirim(job.pk))
    job.sudah_ada = False
    return job


def diminta(request, job, apa: str):
    """The answer to a request for a document: audited, a message, and the job's progress page."""
    from django.contrib import messages
    from django.shortcuts import redirect

    from kesbangpol import audit

    audit.catat(request, "minta_pdf", job, keterangan=job.jenis + (", sudah ada" if job.sudah_ada else ""))
    if job.sudah_ada:
        messages.info(
            request,
            "Dokumen yang sama baru saja Anda minta (kurang dari semenit lalu); "
            "ini kemajuan permintaan itu, tidak dibuat dua kali.",
        )
    else:
        messages.success(request, f"{apa} dicatat; halaman ini menunjukkan kemajuannya.")
    return redirect(job)


def kirim(dokumen_id: int) -> bool:
    """Hand the job to the broker; a broker that is down leaves it queued for :func:`sapu`."""
    from kesbangpol.models import Dokumen
    from kesbangpol.tasks import render_dokumen

    if not serahkan(render_dokumen, dokumen_id):
        log.warning("Broker tidak dapat dihubungi; dokumen %s menunggu penyapuan.", dokumen_id)
        return False
    Dokumen.objects.filter(pk=dokumen_id).update(dikirim_pada=timezone.now())
    return True


def serahkan(task, *args) -> bool:
    """Publish a task, or say False at once when the broker does not answer (the probe), or fails
    mid-publish (retry=False: it does not hold the request either). In-process mode runs it."""
    from kesbangpol.celery import app

    if not app.conf.task_always_eager and not broker_terjangkau(app.conf.broker_url):
        return False
    try:
        task.apply_async(args=args, retry=False)
    except Exception as exc:  # kombu raises many kinds for an unreachable broker
        log.warning("Tugas %s tidak dapat diserahkan ke broker: %s", task.name, exc)
        return False
    return True


def broker_terjangkau(url: str, timeout: float = 0.5) -> bool:
    """A probe before publishing: kombu and redis-py retry a refused connection for seconds, and a
    Redis that accepts connections but never answers (a stopped process, a full backlog) holds a
    publish until its socket timeout, which a person waiting on the page should not pay for
    (Celery issues #4296, #4556). Redis must answer a PING (any reply, an auth error included)
    within ``timeout``."""
    parts = urlsplit(url or "")
    if parts.scheme not in ("redis", "rediss") or not parts.hostname:
        return True  # other transports (memory://, tests) are not probed
    try:
        with socket.create_connection((parts.hostname, parts.port or 6379), timeout=timeout) as sock:
            if parts.scheme == "rediss":
                return True  # TLS: the handshake is the transport's; a connection is as far as we look
            sock.settimeout(timeout)
            sock.sendall(b"PING\r\n")
            return bool(sock.recv(64))
    except OSError:
        return False


def sapu(umur_detik: int = 120) -> int:
    """Enqueue queued jobs never handed over, or handed over long ago without being picked up, and
    running jobs whose worker has not reported for longer than a task may run (a worker lost with
    a broker that lost its data: nothing would ever deliver them again)."""
    from kesbangpol.models import Dokumen

    macet = timezone.now() - datetime.timedelta(
        seconds=settings.CELERY_TASK_TIME_LIMIT + settings.DOKUMEN_MACET_DETIK
    )
    for job in Dokumen.objects.filter(status=Dokumen.Status.BERJALAN, mulai__lt=macet):
        if job.percobaan >= MAKS_PERCOBAAN:
            gagal(job.pk, TimeoutError())
            continue
        # Back to the queue only if nobody moved it meanwhile (the conditional update).
        Dokumen.objects.filter(pk=job.pk, status=Dokumen.Status.BERJALAN, mulai=job.mulai).update(
            status=Dokumen.Status.ANTRE,
            dikirim_pada=None,
            pesan_galat=f"Percobaan ke-{job.percobaan} terhenti karena worker tidak melapor lagi; "
            "dicoba lagi otomatis. Tidak perlu meminta ulang.",
        )
    batas = timezone.now() - datetime.timedelta(seconds=umur_detik)
    ids = list(
        Dokumen.objects.filter(status=Dokumen.Status.ANTRE)
        .filter(Q(dikirim_pada__isnull=True) | Q(dikirim_pada__lt=batas))
        .values_list("pk", flat=True)[:200]
    )
    return sum(kirim(pk) for pk in ids)


def render(dokumen_id: int) -> str:
    """Render and store one job. Returns the final status. Errors propagate (the task retries);
    :func:`gagal` records the last one in Indonesian."""
    from kesbangpol.models import Dokumen

    with transaction.atomic():
        job = Dokumen.objects.select_for_update().get(pk=dokumen_id)
        if job.status == Dokumen.Status.SELESAI:
            return job.status
        # A retry keeps the note that says why the attempt before failed (dicoba_lagi).
        job.status, job.mulai, job.progres = Dokumen.Status.BERJALAN, timezone.now(), 5
        job.percobaan += 1
        job.save(update_fields=["status", "mulai", "progres", "percobaan"])
    b = builder(job.jenis)

    def kemajuan(persen: int) -> None:
        Dokumen.objects.filter(pk=job.pk).update(progres=max(5, min(int(persen), 90)))

    t0 = time.perf_counter()
    hasil = b.buat(job, b.objek(job.objek_id), kemajuan)
    detik = time.perf_counter() - t0
    Dokumen.objects.filter(pk=job.pk).update(progres=90)
    with transaction.atomic():
        job = Dokumen.objects.select_for_update().get(pk=dokumen_id)
        if job.status == Dokumen.Status.SELESAI:
            return job.status  # a duplicate delivery finished first: keep exactly one file
        job.sha256 = hashlib.sha256(hasil.isi).hexdigest()
        job.klasifikasi = hasil.klasifikasi
        job.ukuran, job.halaman = len(hasil.isi), hasil.halaman
        folder = job.provinsi.kode if job.provinsi_id else "nasional"
        job.berkas.save(f"dokumen/{folder}/{job.kode}.{b.format}", ContentFile(hasil.isi), save=False)
        job.status, job.progres, job.selesai, job.pesan_galat = (
            Dokumen.Status.SELESAI,
            100,
            timezone.now(),
            "",
        )
        konteks = hasil.detik_konteks or 0.0
        job.detik_konteks, job.detik_render = round(konteks, 3), round(detik - konteks, 3)
        job.save()
        if job.diminta_oleh_id:
            from kesbangpol import notifikasi

            ukuran = f"{job.halaman} halaman" if job.halaman else f"{job.ukuran // 1024} KiB"
            notifikasi.kirim(
                [job.diminta_oleh],
                "dokumen_selesai",
                f"{job.format_label} siap diunduh: {job.judul}",
                f"Dokumen “{job.judul}” selesai dibuat ({ukuran}).\n\n"
                f"{notifikasi.url_penuh(job.get_absolute_url())}\n",
                job.get_absolute_url(),
            )
    return job.status


# Attempts of one job: the first and the task's retries (tasks.render_dokumen, max_retries=3).
MAKS_PERCOBAAN = 4


def sebab(exc: BaseException) -> tuple[str, str]:
    """What failed, and what the admin should do, in Indonesian, from the exception's kind."""
    from celery.exceptions import SoftTimeLimitExceeded, TimeLimitExceeded
    from django.db import DatabaseError

    if isinstance(
        exc, SoftTimeLimitExceeded | TimeLimitExceeded | TimeoutError
    ):  # TimeoutError is an OSError
        return "pembuatan dokumen melewati batas waktu", "memeriksa beban dan log worker Celery"
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return "penyimpanan berkas di server penuh", "mengosongkan ruang disk penyimpanan berkas (MEDIA_ROOT)"
    if isinstance(exc, OSError) and exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return (
            "penyimpanan berkas di server tidak dapat ditulisi",
            "memeriksa izin tulis dan keadaan disk penyimpanan berkas (MEDIA_ROOT)",
        )
    if isinstance(exc, OSError):
        return "penyimpanan berkas di server bermasalah", "memeriksa disk penyimpanan berkas (MEDIA_ROOT)"
    if isinstance(exc, DatabaseError):
        return "basis data tidak dapat dihubungi", "memeriksa layanan PostgreSQL"
    return "terjadi kesalahan tak terduga saat membuat dokumen", "memeriksa log worker Celery"


def dicoba_lagi(dokumen_id: int, exc: BaseException) -> None:
    """A failed attempt that the task will retry: the page says so instead of a bar jumping back."""
    from kesbangpol.models import Dokumen

    job = Dokumen.objects.filter(pk=dokumen_id).only("percobaan").first()
    if job is None:
        return
    apa, _ = sebab(exc)
    Dokumen.objects.filter(pk=dokumen_id).exclude(status=Dokumen.Status.SELESAI).update(
        pesan_galat=f"Percobaan ke-{job.percobaan} dari {MAKS_PERCOBAAN} gagal ({apa}); "
        "dicoba lagi otomatis dalam beberapa detik. Tidak perlu meminta ulang."
    )


def gagal(dokumen_id: int, exc: BaseException) -> None:
    from kesbangpol.models import Dokumen

    apa, saran = sebab(exc)
    log.error("Dokumen %s gagal dibuat: %r", dokumen_id, exc)
    Dokumen.objects.filter(pk=dokumen_id).exclude(status=Dokumen.Status.SELESAI).update(
        status=Dokumen.Status.GAGAL,
        pesan_galat=f"Dokumen gagal dibuat: {apa}. Beri tahu admin portal; admin perlu {saran}. "
        "Setelah itu, minta dokumen ini lagi.",
        selesai=timezone.now(),
    )
