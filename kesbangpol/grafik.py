"""Charts as server-side SVG: the same markup on web pages and in WeasyPrint PDFs (no JavaScript).
Python lays the bars out; the templates in ``templates/grafik/`` write the SVG, escaping every text."""

from django.template.loader import render_to_string


def batang_bertumpuk(
    kategori: list[str], seri: list[tuple[str, str, list[int]]], judul: str, tinggi: int = 220
):
    """Stacked bars: one bar per category, one coloured segment per series (label, colour, values),
    with a legend and the total above each bar. The SVG is accessible (role=img)."""
    lebar_batang, jarak, kiri, bawah, atas = 46, 22, 36, 40, 24
    lebar = kiri + len(kategori) * (lebar_batang + jarak) + 10
    total = [sum(s[2][i] for s in seri) for i in range(len(kategori))]
    skala = (tinggi - bawah - atas) / max(total + [1])
    batang = []
    for i, nama in enumerate(kategori):
        x = kiri + i * (lebar_batang + jarak)
        y = tinggi - bawah
        ruas = []
        for label, warna, nilai in seri:
            if h := nilai[i] * skala:
                y -= h
                ruas.append({"y": y, "h": h, "warna": warna, "label": label, "nilai": nilai[i]})
        batang.append(
            {
                "x": x,
                "tengah": x + lebar_batang / 2,
                "puncak": y - 4,
                "total": total[i],
                "nama": nama,
                "ruas": ruas,
            }
        )
    legenda, lx = [], kiri
    for label, warna, _ in seri:
        legenda.append({"x": lx, "warna": warna, "label": label})
        lx += 14 + 7 * len(label) + 16
    return render_to_string(
        "grafik/batang_bertumpuk.svg",
        {
            "judul": judul,
            "lebar": lebar,
            "tinggi": tinggi,
            "dasar": tinggi - bawah,
            "kiri": kiri,
            "lebar_batang": lebar_batang,
            "batang": batang,
            "legenda": legenda,
        },
    )


def batang_mendatar(data: list[tuple[str, int]], judul: str, warna: str = "#12355b"):
    """Horizontal bars with their labels and values (e.g. potensi konflik per sumber)."""
    tinggi_baris, kiri, lebar_maks = 22, 340, 240
    maks = max([n for _, n in data] + [1])
    baris = [
        {"y": 5 + i * tinggi_baris, "w": w, "x_nilai": kiri + w + 4, "label": label[:60], "n": n}
        for i, (label, n) in enumerate(data)
        for w in [n * lebar_maks / maks]
    ]
    return render_to_string(
        "grafik/batang_mendatar.svg",
        {
            "judul": judul,
            "lebar": kiri + lebar_maks + 40,
            "tinggi": len(data) * tinggi_baris + 10,
            "kiri": kiri,
            "warna": warna,
            "baris": baris,
        },
    )
