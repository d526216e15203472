"""`make bench`: what users feel, measured so that two runs agree.

Not a Django app and not imported by the portal: each part runs as ``python -m bench.<part>`` in a
process of its own, with the settings it needs (see ``bench/__main__.py``). Each app names the pages
worth measuring in its own ``<app>/bench.py`` (``bench_pages()``); results go to ``bench/RESULTS.md``.
"""


def setup():
    """Django for a bench process, with whatever DATABASE_URL and settings its caller gave it."""
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kesbangpol.settings")
    django.setup()
