"""The Celery app. Workers: `celery -A kesbangpol worker`; schedule: `celery -A kesbangpol beat`.
Without CELERY_BROKER_URL/REDIS_URL, settings make tasks run in-process (see settings.py)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kesbangpol.settings")

app = Celery("kesbangpol")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
