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


def argumen(doc: str):
    """A part's command line: its docstring's first line as the description, and ``--json``, where
    ``make bench`` has it write its figures for the summary."""
    import argparse

    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--json", help="Tulis hasilnya juga ke berkas JSON ini.")
    return parser


def bagian_dalam_proses(doc: str, argv, data_set: str):
    """A part that measures inside its own process (``proses``, ``sinyal``, ``ekspor``): its
    ``--json`` option read, then Django set up on the caller's DATABASE_URL, or on data set
    ``data_set`` when run alone, with the server's production settings."""
    import os

    from bench import data

    args = argumen(doc).parse_args(argv)
    os.environ.update(data.env_server(os.environ.get("DATABASE_URL") or data.siapkan(data_set)))
    setup()
    return args
