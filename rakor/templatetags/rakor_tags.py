"""The rakor status badge, one source for every page that shows it (list rows and the rakor page),
and the rows of the rakor list."""

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from kesbangpol import dates
from kesbangpol.templatetags.portal import alamat

register = template.Library()


@register.simple_tag
def status_rakor(rakor):
    """A simple tag, not an included template: the list shows one per row (an include cost ~20 µs
    each, measured)."""
    return format_html('<span class="badge status-{}">{}</span>', rakor.status, rakor.get_status_display())


@register.simple_tag
def baris_rakor(rakor_list, nasional=False):
    """The rows of the rakor list, built here rather than in the template: a template row (fifteen
    variables, three of them localised numbers, a URL reversed) cost ~0.12 ms, so a full page of 25
    rows made the list on national data a quarter slower than on the demo's three (`make bench`).
    Built in Python a row costs ~15 µs. The HTML is the one the template had; every value is escaped."""
    baris = []
    for r in rakor_list:
        tempat = escape(r.tempat) if r.tempat else "—"
        if r.kabkota_id:
            tempat += f'<br><span class="hint">{escape(r.kabkota.nama_singkat)}</span>'
        provinsi = f"<td>{escape(r.provinsi.nama)}</td>" if nasional else ""
        url = alamat("rakor:detail", r.pk)
        tanggal = dates.rentang_tanggal(r.tanggal_mulai, r.tanggal_selesai, False)
        baris.append(
            f'<tr><td class="text-nowrap">{tanggal}</td>'
            f'<td><a href="{url}">{escape(r.judul)}</a><br>'
            f'<span class="hint">{escape(r.get_jenis_display())} · TA {r.tahun_anggaran}</span></td>'
            f"<td>{tempat}</td>{provinsi}<td>{status_rakor(r)}</td>"
            f'<td class="text-end">{r.jumlah_hadir} / {r.jumlah_diundang}</td></tr>'
        )
    return mark_safe("\n".join(baris))


@register.simple_tag
def baris_peserta(peserta_list):
    """The participant rows of the rakor page (``PesertaQuerySet.baris`` dicts), built here for the
    reason `baris_rakor` gives: a provincial rakor invites 50 offices and more, and their template
    rows were a third of the page."""
    baris = []
    for p in peserta_list:
        jabatan = f'<br><span class="hint">{escape(p["jabatan"])}</span>' if p["jabatan"] else ""
        nama = f"{escape(p['orang__nama'])}{jabatan}" if p["orang_id"] else escape(p["jabatan"])
        wakil = p["diwakili_oleh"] and f'<br><span class="hint">oleh {escape(p["diwakili_oleh"])}</span>'
        hadir = f'<span class="badge hadir-{escape(p["kehadiran"])}">{escape(p["kehadiran_label"])}</span>'
        baris.append(
            f"<tr><td>{nama}</td><td>{escape(p['instansi__nama'])}</td><td>{hadir}{wakil}</td>"
            f"<td>{escape(p['moda_label'])}</td></tr>"
        )
    return mark_safe("\n".join(baris))


@register.simple_tag
def baris_kehadiran(kelompok):
    """The rows of the attendance tables (``Rakor.kehadiran``'s ``per_jenis`` or ``per_wilayah``:
    a label with [invited, present]). Built here: as template rows with their numbers localised
    they cost ~3 ms for a provincial rakor's dozen regions (measured). Numbers print as Django
    prints them without USE_THOUSAND_SEPARATOR."""
    baris = []
    for label, (diundang, hadir) in kelompok:
        baris.append(
            f'<tr><td>{escape(label)}</td><td class="text-end">{int(hadir)}</td>'
            f'<td class="text-end">{int(diundang)}</td></tr>'
        )
    return mark_safe("".join(baris))
