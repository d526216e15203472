"""The rakor page shows its recommendations through this tag (rakor does not import rekomendasi)."""

from django import template
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from kesbangpol import access
from kesbangpol.templatetags.portal import alamat, persen, potong
from rakor.models import Rakor
from rekomendasi.models import SELESAI, Penugasan, Rekomendasi

register = template.Library()


def _terbuka(r, kabkota: bool) -> bool:
    """Still someone's job: for a kab/kota user, one of their own office's assignments; for the
    province, any assignment."""
    if kabkota:
        return any(p.status not in SELESAI for x in (r, *r.sub) for p in x.saya)
    return any(x.jumlah_selesai < x.jumlah_penugasan for x in (r, *r.sub))


@register.inclusion_tag("rekomendasi/_rakor.html", takes_context=True)
def rekomendasi_rakor(context, rakor):
    """This rakor's items with progress, and the still-open items of **every** earlier rakor of the
    province (an empty rakor in between hides nothing), grouped by rakor, newest first. A kab/kota
    user sees and counts only what is open for their own office."""
    user = context["request"].user
    kabkota = bool(access.lingkup(user).kabkota_id)
    terbuka = Penugasan.objects.for_user(user).terbuka()
    rakor_terbuka = (
        Rakor.objects.for_user(user)
        .filter(provinsi_id=rakor.provinsi_id, tanggal_mulai__lt=rakor.tanggal_mulai)
        .exclude(status=Rakor.Status.DIBATALKAN)
        .filter(pk__in=terbuka.values("rekomendasi__rakor_id"))
        .order_by("-tanggal_mulai")
        .only("judul", "tanggal_mulai", "tanggal_selesai")  # headings; not their minutes
    )
    sebelumnya = list(rakor_terbuka)
    semua = Rekomendasi.objects.butir_rakor([rakor, *sebelumnya], user)
    per_rakor: dict[int, list] = {}
    for r in semua:
        if r.rakor_id != rakor.pk and _terbuka(r, kabkota):
            per_rakor.setdefault(r.rakor_id, []).append(r)
    kelompok = [(rk, per_rakor[rk.pk]) for rk in sebelumnya if rk.pk in per_rakor]
    return {
        "rakor": rakor,
        "items": [r for r in semua if r.rakor_id == rakor.pk],
        "kelompok_sebelumnya": kelompok,
        "jumlah_sebelumnya": sum(len(items) for _, items in kelompok),
        "dapat_mengubah": context.get("dapat_mengubah"),
        "lingkup": context.get("lingkup"),
        "today": timezone.localdate(),
    }


@register.simple_tag
def status_tl(p, today=None):
    """One badge per assignment: its confirmed status, a pending proposal, and overdue. Built here,
    not by an included template: lists show one per row, and an include cost ~50 µs each (measured)."""
    html = format_html('<span class="badge tl-{}">{}</span>', p.status, p.get_status_display())
    if p.usulan:
        html += format_html(
            ' <span class="badge tl-menunggu">Menunggu verifikasi: {}</span>', p.get_usulan_display()
        )
    if p.is_terlambat(today):
        html += mark_safe(' <span class="badge tl-terlambat">Terlambat</span>')
    return html


@register.simple_tag
def butir(r, lingkup, today=None):
    """One item (or sub-point) with its progress: for a kab/kota user the badges of their own
    office's assignments (``r.saya``), for everyone else a bar of confirmed follow-ups. ``r`` comes
    annotated by ``with_progres``. Built here, not by an included template, for the rakor page: an
    include with its dozen variables cost ~0.4 ms an item, and a provincial rakor with the previous
    rakor's open items shows twenty and more (measured with `make bench`)."""
    nomor = f"{r.huruf if r.induk_id else r.nomor}."
    batas = f'<span class="hint"> · batas {escape(r.batas_tampil)}</span>' if r.batas_waktu else ""
    progres = ""
    if r.jumlah_penugasan:
        if lingkup.kabkota_id:
            isi = "".join(status_tl(p, today) for p in r.saya)
        else:
            sesuai, semua, menunggu = r.jumlah_sesuai, r.jumlah_penugasan, r.jumlah_menunggu
            isi = (
                f'<div class="progress" role="progressbar" aria-label="{sesuai} dari {semua} sesuai"'
                f' aria-valuenow="{sesuai}" aria-valuemin="0" aria-valuemax="{semua}" style="height:.5rem">'
                f'<div class="progress-bar bg-success" style="width: {persen(sesuai, semua)}%"></div></div>'
                f"{sesuai} dari {semua} sesuai" + (f" · {menunggu} menunggu" if menunggu else "")
            )
        progres = f'<div class="progres-butir small">{isi}</div>'
    return mark_safe(
        f'<div class="d-flex flex-column flex-sm-row justify-content-between gap-1 gap-sm-2"><div>'
        f'<a href="{alamat("rekomendasi:detail", r.pk)}" class="text-body text-decoration-none">'
        f'<span class="fw-semibold">{nomor}</span> {escape(r.isi)}</a>{batas}</div>{progres}</div>'
    )


@register.simple_tag
def daftar_butir(items, lingkup, today=None):
    """The ``<li>`` of a list of items, each with its sub-points, for the rakor page: a template
    loop cost ~0.1 ms an item on top of :func:`butir` (measured)."""
    baris = []
    for r in items:
        sub = "".join(f'<li class="py-1">{butir(s, lingkup, today)}</li>' for s in r.sub)
        if sub:
            sub = f'<ol class="list-unstyled ms-4 mt-1">{sub}</ol>'
        baris.append(f'<li class="border-bottom py-2">{butir(r, lingkup, today)}{sub}</li>')
    return mark_safe("\n".join(baris))


@register.simple_tag
def baris_penugasan(penugasan_list, today=None, dengan_instansi=False):
    """The rows of an office's page or the province-wide list (``with_terlambat`` annotated), built
    here like the rakor list's: 25 template rows cost ~3 ms, a tenth of the page (measured)."""
    baris = []
    for p in penugasan_list:
        rek = p.rekomendasi
        kelas = ' class="table-danger"' if p.terlambat else ""
        url = alamat("rekomendasi:penugasan", p.pk)
        # A sub-point alone ("FKDM Kabupaten/Kota.") means nothing without its parent's sentence.
        induk = f'<br><span class="hint">{escape(potong(rek.induk.isi, 100))}</span>' if rek.induk_id else ""
        sel = [f'<a href="{url}">{escape(rek.label)}. {escape(potong(rek.isi, 140))}</a>{induk}']
        if dengan_instansi:
            sel.append(escape(p.instansi.singkatan or p.instansi.nama))
        sel.append(escape(potong(rek.rakor.judul, 60)))
        kolom = "".join(f'<td class="small">{c}</td>' for c in sel[1:])
        baris.append(
            f"<tr{kelas}><td>{sel[0]}</td>{kolom}"
            f'<td class="text-nowrap">{escape(rek.batas_tampil or "—")}</td>'
            f"<td>{status_tl(p, today)}</td></tr>"
        )
    return mark_safe("\n".join(baris))


@register.inclusion_tag("rekomendasi/_pdf.html")
def rekomendasi_pdf(rakor, user):
    """The rakor's items with progress, as the requesting user may see them, for the rakor report."""
    return {"items": Rekomendasi.objects.butir_rakor([rakor], user)}
