"""The bench's table: how its figures are combined (the measuring itself needs gunicorn and runs
with `make bench`)."""

from kesbangpol.management.commands.bench import Command, _faktor, _terbaik


def test_national_over_demo_is_the_median_of_each_rounds_pair_not_one_lucky_round():
    putaran = {
        "demo": {3: [(50, 0.5), (90, 0.9), (50, 0.5)]},
        "nasional": {3: [(45, 0.45), (45, 0.45), (50, 0.5)]},
    }
    # Per round 0.9, 0.5 and 1.0; the two best rounds alone would say 0.5 ÷ 0.9 = 0.56.
    assert _faktor(putaran, 3) == 0.9
    assert _terbaik(putaran["demo"][3]) == (90, 0.9)


def test_table_marks_a_page_under_a_target_or_with_other_query_counts():
    def halaman(query_nasional):
        pages = [
            {"label": "polos", "url": "/akun/", "user": "staf", "kelas": "polos", "query": 4},
            {"label": "daftar A", "url": "/a/", "user": "staf", "kelas": "daftar", "query": 6},
            {"label": "daftar B", "url": "/b/", "user": "staf", "kelas": "daftar", "query": query_nasional},
        ]
        return {"pages": pages}

    info = {"demo": halaman(6), "nasional": halaman(7)}
    hasil = {
        "demo": {0: (100, 1.0), 1: (50, 0.5), 2: (50, 0.5)},
        "nasional": {0: (100, 1.0), 1: (30, 0.3), 2: (50, 0.5)},
    }
    putaran = {"demo": {1: [(50, 0.5)], 2: [(50, 0.5)]}, "nasional": {1: [(30, 0.3)], 2: [(50, 0.5)]}}
    text = Command()._tabel(info, hasil, putaran, ["demo", "nasional"], 3.0, 2, 1)
    baris = {line.split(" | ")[0].lstrip("| "): line for line in text.splitlines() if line.startswith("| ")}
    assert baris["daftar A"].endswith("| 0.60 | 6 / 6 | **tidak** |")  # 0.3 < 0.35 and 0.6 < 0.85
    assert baris["daftar B"].endswith("| 1.00 | 6 / 7 | **tidak** |")  # query counts differ
    assert baris["polos"].endswith("| 4 / 4 | — |")
