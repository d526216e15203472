from celery import Task, shared_task
from django.db import connection

from kesbangpol import dokumen, notifikasi


@shared_task(name="kesbangpol.ping")
def ping() -> str:
    """Round trip through the broker and the database: CI uses it to prove a real worker consumes tasks."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "pong"


class _DokumenTask(Task):
    def on_failure(self, exc, task_id, args, kwargs, einfo):
        # Retries exhausted (or an error that is not retried): say so on the job, in Indonesian.
        dokumen.gagal(args[0], exc)


@shared_task(
    name="kesbangpol.render_dokumen",
    base=_DokumenTask,
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(Exception,),
    max_retries=3,
    retry_backoff=5,
    retry_jitter=False,
)
def render_dokumen(self, dokumen_id: int) -> str:
    """Render one document job (an id, never an object); safe to run twice."""
    return dokumen.render(dokumen_id)


@shared_task(name="kesbangpol.sapu_dokumen")
def sapu_dokumen() -> int:
    """Every minute (beat): enqueue jobs still queued because the broker was down when asked."""
    return dokumen.sapu()


@shared_task(name="kesbangpol.ringkasan_notifikasi")
def ringkasan_notifikasi() -> int:
    """Every morning (beat): the daily digest to those who chose it; once a day however often run."""
    return notifikasi.kirim_ringkasan_harian()


@shared_task(name="kesbangpol.bersihkan_notifikasi")
def bersihkan_notifikasi() -> int:
    """Nightly (beat): notifications older than 180 days go."""
    return notifikasi.bersihkan()
