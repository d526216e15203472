from celery import Task, shared_task
from django.db import connection, transaction

from kesbangpol import dokumen, notifikasi


@shared_task(name="kesbangpol.ping")
def ping() -> str:
    """Round trip through the broker and the database: CI uses it to prove a real worker consumes tasks."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "pong"


class _DokumenTask(Task):
    def on_retry(self, exc, task_id, args, kwargs, einfo):
        dokumen.dicoba_lagi(args[0], exc)

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


@shared_task(name="kesbangpol.kirim_reset_sandi", ignore_result=True)
def kirim_reset_sandi(email: str, domain: str, use_https: bool) -> None:
    """The password reset mail, to every active account with this address (none: nothing sent)."""
    from django.contrib.auth.forms import PasswordResetForm

    form = PasswordResetForm({"email": email})
    if form.is_valid():
        form.save(domain_override=domain, use_https=use_https)


def antre(task, *args) -> None:
    """Send a small task to the workers after the transaction commits. A broker that cannot be
    reached within the probe runs it here instead: the mail still goes, only slower."""

    def kirim():
        if not dokumen.serahkan(task, *args):
            task.apply(args=args)

    transaction.on_commit(kirim)


@shared_task(name="kesbangpol.bersihkan_berkas")
def bersihkan_berkas() -> int:
    """Nightly (beat): stored files no record references, and left-over temporary files."""
    from kesbangpol import penyimpanan

    return penyimpanan.bersihkan()
