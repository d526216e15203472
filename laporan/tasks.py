from celery import shared_task

from laporan import actions


@shared_task(name="laporan.kirim_pengingat")
def kirim_pengingat() -> int:
    """Daily (Celery beat): reminders for unsubmitted reports and the staff's digest of late ones."""
    return actions.kirim_pengingat()
