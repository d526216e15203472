from celery import shared_task

from laporan import actions


@shared_task(name="laporan.kirim_pengingat")
def kirim_pengingat() -> int:
    """Daily (Celery beat): reminders for unsubmitted reports and the staff's digest of late ones."""
    return actions.kirim_pengingat()


@shared_task(name="laporan.hitung_sinyal")
def hitung_sinyal(provinsi_id: int | None = None) -> int:
    """Recompute the early-warning signals of one province (after its data changed), or of every
    province (nightly: a new quarter changes which quarters count)."""
    from kesbangpol.models import Wilayah
    from laporan import sinyal

    if provinsi_id is None:
        return sinyal.hitung_semua()
    return sinyal.hitung_ulang(Wilayah.objects.get(pk=provinsi_id))
