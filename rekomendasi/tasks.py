from celery import shared_task

from rekomendasi import actions


@shared_task(name="rekomendasi.kirim_pengingat")
def kirim_pengingat() -> int:
    """Daily (Celery beat): one reminder email per office with overdue or soon-due items."""
    return actions.kirim_pengingat()
