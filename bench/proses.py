"""Work that is not a page: the Excel import against the bulk operations it stands for, and the
documents (each app's ``bench_impor()`` and ``bench_dokumen()`` in its bench.py), in process.

``python -m bench.proses [--json FILE]``, with the caller's DATABASE_URL (demo data)."""

import json
import sys
from pathlib import Path


def main(argv=None):
    from bench import bagian_dalam_proses

    args = bagian_dalam_proses(__doc__, argv, "demo")
    from kesbangpol import demo

    hasil = {"impor": {}, "dokumen": []}
    for module in demo.app_demo_modules("bench"):
        if hasattr(module, "bench_impor"):
            hasil["impor"] = module.bench_impor()
        if hasattr(module, "bench_dokumen"):
            hasil["dokumen"] += module.bench_dokumen()
    if args.json:
        Path(args.json).write_text(json.dumps(hasil))
    i = hasil["impor"]
    print(f"impor {i['baris']} baris: {i['impor']:.2f} s; bulk_create {i['bulk_create']:.2f} s")
    print(f"unggah ulang: {i['unggah_ulang']:.2f} s; bulk_update {i['bulk_update']:.2f} s")
    for label, nilai in hasil["dokumen"]:
        print(f"{label}: {nilai}")


if __name__ == "__main__":
    sys.exit(main())
