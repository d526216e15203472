"""A numbered list pasted from the minutes or a news article, turned into items and sub-points.

    9. Masing-masing Pemerintah Daerah agar dapat memfasilitasi kegiatan FKDM :
    10. FKDM Kabupaten/Kota.          ← numbered, but really 9a (suggested: the item before ends in ":")
    a. FKDM Kecamatan                  ← lettered or bulleted lines are sub-points
    Lanjutan kalimat                   ← an unnumbered line continues the line before

Nothing is saved here: the result goes to a preview where each line can be edited or moved under
the item before it.
"""

import re
from dataclasses import dataclass

NOMOR = re.compile(r"^\s*(\d{1,3})\s*[.)]\s*(.+)$")
HURUF = re.compile(r"^\s*([a-zA-Z])\s*[.)]\s+(.+)$")
BUTIR = re.compile(r"^\s*[-•*–·]\s*(.+)$")
# A numbered line this short after an item ending in ":" may be one of its sub-points.
PANJANG_SUB = 80
# Rekomendasi.isi's limit (this module imports no model).
MAKS_ISI = 5000


@dataclass
class Butir:
    isi: str
    sub: bool = False
    nomor_asli: str = ""


class TidakTerbaca(ValueError):
    pass


def urai(teks: str) -> list[Butir]:
    butir: list[Butir] = []
    for raw in teks.splitlines():
        line = " ".join(raw.split())
        if not line:
            continue
        if m := NOMOR.match(line):
            butir.append(Butir(isi=m.group(2).strip(), nomor_asli=m.group(1)))
        elif (m := HURUF.match(line)) and butir:
            butir.append(Butir(isi=m.group(2).strip(), sub=True, nomor_asli=m.group(1).lower()))
        elif (m := BUTIR.match(line)) and butir:
            butir.append(Butir(isi=m.group(1).strip(), sub=True))
        elif butir:
            butir[-1].isi = f"{butir[-1].isi} {line}"
        # text before the first numbered line (a heading such as "Rakor ini menghasilkan …") is skipped
    for i, b in enumerate(butir, start=1):
        if len(b.isi) > MAKS_ISI:
            nama = f"Butir {b.nomor_asli}" if b.nomor_asli else f"Baris berbutir ke-{i}"
            panjang = f"{len(b.isi):,} karakter; paling banyak {MAKS_ISI:,}".replace(",", ".")
            raise TidakTerbaca(
                f"{nama} terlalu panjang: {panjang}. "
                "Periksa apakah nomor butir berikutnya terbaca (nomor di awal baris)."
            )
    if not any(not b.sub for b in butir):
        raise TidakTerbaca(
            "Tidak ada butir bernomor yang terbaca. Tempel daftar dengan nomor di awal baris, misalnya "
            "“1. Mendorong …”, satu butir per baris."
        )
    _sarankan_sub(butir)
    return butir


def _kata(teks: str) -> list[str]:
    return re.findall(r"\w+", teks.casefold())


def _sarankan_sub(butir: list[Butir]) -> None:
    """Numbered lines right after an item that ends in ":" are suggested as its sub-points when they
    are short and start with a word of that item ("… kegiatan FKDM :" → "FKDM Kecamatan")."""
    induk: Butir | None = None
    for b in butir:
        if b.sub:
            induk = None  # the list marks its own sub-points: numbers after them are items
            continue
        kata = _kata(b.isi)
        if induk is not None and len(b.isi) <= PANJANG_SUB and kata and kata[0] in _kata(induk.isi):
            b.sub = True
            continue
        induk = b if b.isi.rstrip().endswith(":") else None


def susun(butir: list[Butir]) -> list[tuple[Butir, list[Butir]]]:
    """Items with their sub-points, in order; a leading sub-point becomes an item of its own."""
    hasil: list[tuple[Butir, list[Butir]]] = []
    for b in butir:
        if b.sub and hasil:
            hasil[-1][1].append(b)
        else:
            hasil.append((b, []))
    return hasil
