"""Charts as server-side SVG: the same markup on web pages and in WeasyPrint PDFs (no JavaScript)."""

from django.utils.html import escape
from django.utils.safestring import mark_safe


def batang_bertumpuk(
    kategori: list[str], seri: list[tuple[str, str, list[int]]], judul: str, tinggi: int = 220
):
    """Stacked bars: one bar per category, one coloured segment per series (label, colour, values),
    with a legend and the total above each bar. Text is escaped; the SVG is accessible (role=img)."""
    lebar_batang, jarak, kiri, bawah, atas = 46, 22, 36, 40, 24
    lebar = kiri + len(kategori) * (lebar_batang + jarak) + 10
    total = [sum(s[2][i] for s in seri) for i in range(len(kategori))]
    maks = max(total + [1])
    skala = (tinggi - bawah - atas) / maks
    bagian = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {lebar} {tinggi + 24}" width="100%" '
        f'role="img" aria-label="{escape(judul)}" font-family="DejaVu Sans, Arial, sans-serif" '
        'font-size="10">',
        f"<title>{escape(judul)}</title>",
        f'<line x1="{kiri - 4}" y1="{tinggi - bawah}" x2="{lebar}" y2="{tinggi - bawah}" stroke="#888"/>',
    ]
    for i, nama in enumerate(kategori):
        x = kiri + i * (lebar_batang + jarak)
        tengah = x + lebar_batang / 2
        y = tinggi - bawah
        for label, warna, nilai in seri:
            h = nilai[i] * skala
            if h:
                y -= h
                bagian.append(
                    f'<rect x="{x}" y="{y:.1f}" width="{lebar_batang}" height="{h:.1f}" fill="{warna}">'
                    f"<title>{escape(label)}: {nilai[i]}</title></rect>"
                )
        bagian.append(f'<text x="{tengah}" y="{y - 4:.1f}" text-anchor="middle">{total[i]}</text>')
        bagian.append(
            f'<text x="{tengah}" y="{tinggi - bawah + 14}" text-anchor="middle">{escape(nama)}</text>'
        )
    lx = kiri
    for label, warna, _ in seri:
        bagian.append(f'<rect x="{lx}" y="{tinggi + 6}" width="10" height="10" fill="{warna}"/>')
        bagian.append(f'<text x="{lx + 14}" y="{tinggi + 15}">{escape(label)}</text>')
        lx += 14 + 7 * len(label) + 16
    bagian.append("</svg>")
    return mark_safe("".join(bagian))  # every text above is escaped


def batang_mendatar(data: list[tuple[str, int]], judul: str, warna: str = "#12355b"):
    """Horizontal bars with their labels and values (e.g. potensi konflik per sumber)."""
    tinggi_baris, kiri, lebar_maks = 22, 340, 240
    maks = max([n for _, n in data] + [1])
    tinggi = len(data) * tinggi_baris + 10
    bagian = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {kiri + lebar_maks + 40} {tinggi}" '
        f'width="100%" role="img" aria-label="{escape(judul)}" '
        'font-family="DejaVu Sans, Arial, sans-serif" font-size="10">',
        f"<title>{escape(judul)}</title>",
    ]
    for i, (label, n) in enumerate(data):
        y = 5 + i * tinggi_baris
        w = n * lebar_maks / maks
        bagian.append(f'<text x="{kiri - 6}" y="{y + 13}" text-anchor="end">{escape(label[:60])}</text>')
        bagian.append(f'<rect x="{kiri}" y="{y + 3}" width="{w:.1f}" height="14" fill="{warna}"/>')
        bagian.append(f'<text x="{kiri + w + 4:.1f}" y="{y + 13}">{n}</text>')
    bagian.append("</svg>")
    return mark_safe("".join(bagian))  # every text above is escaped
