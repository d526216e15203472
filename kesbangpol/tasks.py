from celery import shared_task
from django.db import connection


@shared_task(name="kesbangpol.ping")
def ping() -> str:
    """Round trip through the broker and the database: CI uses it to prove a real worker consumes tasks."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "pong"
