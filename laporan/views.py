from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from kesbangpol import access, audit, berkas, excel
from kesbangpol.models import Klasifikasi, Wilayah
from kesbangpol.models.klasifikasi import tertinggi
from laporan import actions, forms, iku, impor, ringkasan, validasi
from laporan.actions import GAGAL_AJUKAN
from laporan.beranda import SEGERA_HARI
from laporan.models import (
    KejadianKonflik,
    LaporanTriwulan,
    Periode,
    PotensiKonflik,
    Terkunci,
    triwulan_terakhir,
)

BENTROK = (
    "Data ini baru saja diubah orang lain. Perubahan Anda belum disimpan dan masih ada di formulir: "
    "salin bagian yang perlu, muat ulang halaman, lalu terapkan lagi."
)


def _get_laporan_for_user(request, pk, write=False):
    return access.get_object_for_user(
        LaporanTriwulan.objects.select_related("periode__provinsi", "kabkota", "diterima_oleh"),
        request.user,
        write=write,
        pk=pk,
    )


def _get_laporan_to_edit(request, pk):
    """The kab/kota's own report while it is a draft or returned: 404 outside the user's reports,
    403 when it is locked or the user may only read."""
    laporan = _get_laporan_for_user(request, pk, write=True)
    access.require(laporan.dapat_diedit_oleh(request.user))
    return laporan


def beranda(request):
    """Operators: their kab/kota's quarters. The province: the completeness matrix."""
    scope = access.lingkup(request.user)
    if not scope.kabkota_id:
        return redirect("laporan:matriks")
    kabkota = Wilayah.objects.select_related("provinsi").get(pk=scope.kabkota_id)
    today = timezone.localdate()
    daftar = triwulan_terakhir(today, 8)
    periode = {
        (p.tahun, p.triwulan): p
        for p in Periode.objects.filter(provinsi=kabkota.provinsi_id, tahun__gte=daftar[-1][0])
    }
    laporan = {
        (lap.periode.tahun, lap.periode.triwulan): lap
        for lap in LaporanTriwulan.objects.filter(
            kabkota=kabkota, periode__tahun__gte=daftar[-1][0]
        ).select_related("periode")
    }
    baris = []
    for tahun, tw in daftar:
        lap = laporan.get((tahun, tw))
        p = periode.get((tahun, tw))
        kunci = ringkasan.keadaan(lap.status, lap.nihil, lap.tepat_waktu) if lap else "belum"
        baris.append(
            {
                "tahun": tahun,
                "triwulan": tw,
                "periode": p,
                "laporan": lap,
                "sel": ringkasan.SEL[kunci],
                "tanda_telat": lap is not None and ringkasan.tanda_telat(kunci, lap.tepat_waktu),
                "lewat_tenggat": p is not None and ringkasan.lewat_tenggat(kunci, p, today),
                # Closed by the province before a report was opened: nothing to open (actions.buka_laporan).
                "ditutup": lap is None and p is not None and p.ditutup,
            }
        )
    context = {
        "kabkota": kabkota,
        "baris": baris,
        "dapat_menulis": access.dapat_menulis(request.user),
        "legend": list(ringkasan.SEL.values()),
    }
    return render(request, "laporan/beranda.html", context)


@require_POST
def buka(request):
    scope = access.lingkup(request.user)
    if not scope.kabkota_id:
        raise PermissionDenied
    try:
        tahun, triwulan = int(request.POST["tahun"]), int(request.POST["triwulan"])
        if not 1 <= triwulan <= 4:
            raise ValueError
    except (KeyError, ValueError):
        messages.error(request, "Periode tidak dikenal.")
        return redirect("laporan:beranda")
    kabkota = Wilayah.objects.select_related("provinsi").get(pk=scope.kabkota_id)
    try:
        laporan, dibuat = actions.buka_laporan(kabkota, tahun, triwulan, request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("laporan:beranda")
    if dibuat:
        jumlah = laporan.potensikonflik.count()
        messages.success(
            request,
            f"Laporan {laporan.periode} dibuat"
            + (
                f" dengan {jumlah} potensi konflik dari laporan sebelumnya yang belum selesai."
                if jumlah
                else "."
            ),
        )
    return redirect(laporan)


def detail(request, pk):
    laporan = _get_laporan_for_user(request, pk)
    return _render_detail(request, laporan)


def _butir_terlihat(request, laporan):
    """The report's items the user may read, and how many rahasia ones are held back (a reader who
    is cleared sees them, and the reading is audited)."""
    user = request.user
    potensi = list(
        laporan.potensikonflik.terlihat(user).prefetch_related("indikator_perdamaian").order_by("pk")
    )
    kejadian = list(laporan.kejadiankonflik.terlihat(user).order_by("tanggal", "pk"))
    if access.dapat_membaca_rahasia(user, laporan.periode.provinsi_id):
        dibaca = sum(x.klasifikasi == Klasifikasi.RAHASIA for x in (*potensi, *kejadian))
        if dibaca:
            audit.catat(request, "rahasia_dibaca", laporan, keterangan=f"{dibaca} butir rahasia")
        return potensi, kejadian, {}
    return (
        potensi,
        kejadian,
        {
            "potensi": laporan.potensikonflik.filter(klasifikasi=Klasifikasi.RAHASIA).count(),
            "kejadian": laporan.kejadiankonflik.filter(klasifikasi=Klasifikasi.RAHASIA).count(),
        },
    )


def _render_detail(
    request, laporan, form=None, periksa_form=None, buka_form=None, galat=None, status=200, galat_realisasi=()
):
    user = request.user
    dapat_edit = laporan.dapat_diedit_oleh(user)
    potensi, kejadian, tersembunyi = _butir_terlihat(request, laporan)
    kunci = ringkasan.keadaan(laporan.status, laporan.nihil, laporan.tepat_waktu)
    # Days to the due date of a report still to be sent (negative: late), as the home page's task counts
    # them: shown from SEGERA_HARI before.
    today = timezone.localdate()
    sisa = (laporan.periode.tenggat - today).days
    belum_dikirim = kunci in ringkasan.BELUM_MELAPOR
    context = {
        "laporan": laporan,
        "potensi_list": potensi,
        "kejadian_list": kejadian,
        "tersembunyi": tersembunyi,
        "klasifikasi_laporan": tertinggi(
            [x.klasifikasi for x in (*potensi, *kejadian)] + [Klasifikasi.RAHASIA] * any(tersembunyi.values())
        ),
        "riwayat": list(laporan.riwayat.select_related("oleh")),
        "dapat_edit": dapat_edit,
        "form": form or (forms.LaporanForm(instance=laporan) if dapat_edit else None),
        "impor_form": _impor_form() if dapat_edit else None,
        "periksa_form": periksa_form or (forms.PeriksaForm() if laporan.dapat_diperiksa_oleh(user) else None),
        "buka_form": buka_form or (forms.BukaKembaliForm() if laporan.dapat_dibuka_oleh(user) else None),
        "periksa_sendiri": laporan.status == LaporanTriwulan.Status.DIAJUKAN
        and laporan.diajukan_oleh_id == user.pk
        and access.adalah_staf_provinsi(user),
        "galat": galat,
        "sel": ringkasan.SEL[kunci],
        "tanda_telat": ringkasan.tanda_telat(kunci, laporan.tepat_waktu),
        "terlambat_hari": -sisa if ringkasan.lewat_tenggat(kunci, laporan.periode, today) else 0,
        "sisa_hari": sisa if belum_dikirim and 0 <= sisa <= SEGERA_HARI else None,
        # Closed by the province: not chased, as the home page says; a draft may still be sent.
        "periode_ditutup": belum_dikirim and laporan.periode.ditutup,
        "realisasi": iku.baris_realisasi(laporan),
        "galat_realisasi": galat_realisasi,
        "berikutnya": _berikutnya(user, laporan),
    }
    return render(request, "laporan/detail.html", context, status=status)


def _berikutnya(user, laporan) -> LaporanTriwulan | None:
    """Once this report is decided, the oldest other one waiting for this reviewer: the next click."""
    if laporan.status == LaporanTriwulan.Status.DIAJUKAN or not (
        access.adalah_staf_provinsi(user) and access.dapat_menulis(user)
    ):
        return None
    return (
        LaporanTriwulan.objects.for_user(user)
        .filter(status=LaporanTriwulan.Status.DIAJUKAN)
        .exclude(diajukan_oleh=user)
        .exclude(pk=laporan.pk)
        .select_related("periode", "kabkota")
        .order_by("diajukan_pada", "pk")
        .first()
    )


@require_POST
def realisasi(request, pk):
    """The quarter's IKU realisation, entered in the report while it is a draft or returned."""
    laporan = _get_laporan_to_edit(request, pk)
    galat = iku.simpan_realisasi(laporan, request.POST)
    if galat:
        return _render_detail(request, laporan, galat_realisasi=galat, status=400)
    messages.success(request, "Realisasi IKU disimpan; ikut terkirim ketika laporan diajukan.")
    return redirect(laporan.get_absolute_url() + "#iku")


@require_POST
def ubah(request, pk):
    laporan = _get_laporan_to_edit(request, pk)
    form = forms.LaporanForm(request.POST, instance=laporan)
    if form.is_valid():
        try:
            actions.naikkan_versi(laporan, form.cleaned_data["versi"] or 0)
            form.save()
        except actions.Bentrok:
            form.add_error(None, BENTROK)
            return _render_detail(request, laporan, form=form, status=409)
        messages.success(request, "Laporan disimpan.")
        return redirect(laporan)
    return _render_detail(request, laporan, form=form)


def _get_item_for_user(request, model, pk):
    """A report's potensi or kejadian, to change: 404 outside the user's reports, 403 when the
    report is locked or the user may only read."""
    return access.get_object_for_user(
        model.objects.select_related("laporan__periode", "laporan__kabkota"), request.user, write=True, pk=pk
    )


def _form_item(request, laporan, form, item, bagian):
    """Add or change one potensi or kejadian; a version conflict re-renders with the typed values."""
    label = form._meta.model._meta.verbose_name
    if request.method == "POST" and form.is_valid():
        obj = form.save(commit=False)
        try:
            actions.simpan_item(obj, form.cleaned_data.get("versi"), request.user, form.save_m2m)
        except actions.Bentrok:
            form.add_error(None, BENTROK)
            return render(
                request,
                "laporan/item_form.html",
                {"form": form, "laporan": laporan, "judul": label},
                status=409,
            )
        except (Terkunci, PermissionDenied):
            messages.error(request, "Laporan ini terkunci; isinya tidak dapat diubah.")
            return redirect(laporan)
        messages.success(request, f"{label.capitalize()} disimpan.")
        return redirect(f"{laporan.get_absolute_url()}#{bagian}")
    return render(
        request, "laporan/item_form.html", {"form": form, "laporan": laporan, "judul": label, "item": item}
    )


def potensi_tambah(request, laporan_pk):
    laporan = _get_laporan_to_edit(request, laporan_pk)
    form = forms.PotensiForm(request.POST or None, laporan=laporan, user=request.user)
    return _form_item(request, laporan, form, None, "potensi")


def potensi_ubah(request, pk):
    item = _get_item_for_user(request, PotensiKonflik, pk)
    form = forms.PotensiForm(request.POST or None, instance=item, laporan=item.laporan, user=request.user)
    return _form_item(request, item.laporan, form, item, "potensi")


def kejadian_tambah(request, laporan_pk):
    laporan = _get_laporan_to_edit(request, laporan_pk)
    form = forms.KejadianForm(request.POST or None, laporan=laporan, user=request.user)
    return _form_item(request, laporan, form, None, "kejadian")


def kejadian_ubah(request, pk):
    item = _get_item_for_user(request, KejadianKonflik, pk)
    form = forms.KejadianForm(request.POST or None, instance=item, laporan=item.laporan, user=request.user)
    return _form_item(request, item.laporan, form, item, "kejadian")


def _hapus_item(request, model, pk, bagian):
    item = _get_item_for_user(request, model, pk)
    laporan = item.laporan
    label = model._meta.verbose_name
    if request.method == "POST":
        try:
            item.delete()
        except Terkunci as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"{label.capitalize()} dihapus dari laporan.")
        return redirect(f"{laporan.get_absolute_url()}#{bagian}")
    return render(request, "laporan/hapus.html", {"item": item, "laporan": laporan, "label": label})


def potensi_hapus(request, pk):
    return _hapus_item(request, PotensiKonflik, pk, "potensi")


def kejadian_hapus(request, pk):
    return _hapus_item(request, KejadianKonflik, pk, "kejadian")


def riwayat_potensi(request, identitas):
    """One potensi konflik over the quarters (same identity)."""
    items = list(
        PotensiKonflik.objects.for_user(request.user)
        .filter(identitas=identitas)
        .select_related("laporan__periode", "laporan__kabkota")
        .order_by("laporan__periode__tahun", "laporan__periode__triwulan")
    )
    if not items:
        raise Http404
    return render(request, "laporan/riwayat_potensi.html", {"items": items, "terakhir": items[-1]})


def ajukan(request, pk):
    """GET: what is about to be submitted, that it locks, and every finding of the validation rules
    (errors to fix first, warnings to confirm); POST: submit (refused while an error remains)."""
    laporan = _get_laporan_to_edit(request, pk)
    if request.method != "POST":
        return _halaman_ajukan(request, laporan)
    try:
        actions.ajukan(laporan, request.user, int(request.POST.get("versi") or 0))
    except actions.Bentrok:
        audit.catat(request, "laporan_ajukan", laporan, hasil="ditolak", keterangan="bentrok versi")
        messages.error(request, "Laporan baru saja diubah orang lain. Periksa isinya lalu ajukan lagi.")
    except ValidationError as exc:
        audit.catat(request, "laporan_ajukan", laporan, hasil="ditolak", keterangan=" ".join(exc.messages))
        return _halaman_ajukan(request, laporan, galat=exc.messages, status=400)
    else:
        audit.catat(request, "laporan_ajukan", laporan)
        laporan.refresh_from_db()
        waktu = "tepat waktu" if laporan.tepat_waktu else "melewati tenggat"
        messages.success(
            request,
            f"Laporan diajukan ({waktu}). Staf Kesbangpol provinsi akan memeriksanya; Anda akan menerima "
            "surel bila laporan diterima atau dikembalikan. Selama diperiksa, laporan terkunci.",
        )
    return redirect(laporan)


def _halaman_ajukan(request, laporan, galat=None, status=200):
    hasil = validasi.periksa_laporan(laporan, request.user)
    ditemukan = {t.kalimat for t in hasil.galat}
    context = {
        "laporan": laporan,
        "jumlah_potensi": hasil.jumlah_potensi,
        "jumlah_kejadian": hasil.jumlah_kejadian,
        "lewat_tenggat": timezone.localdate() > laporan.periode.tenggat,
        "galat_list": hasil.galat,
        "peringatan_list": hasil.peringatan,
        # A refusal that is not one of the findings (an empty report, nihil with items).
        "galat_lain": [g for g in galat or [] if g not in ditemukan and g != GAGAL_AJUKAN],
    }
    return render(request, "laporan/ajukan.html", context, status=status)


@require_POST
def periksa(request, pk):
    laporan = _get_laporan_for_user(request, pk, write=True)
    if not access.adalah_staf_provinsi(request.user):
        raise PermissionDenied
    form = forms.PeriksaForm(request.POST, laporan=laporan, user=request.user)
    if not laporan.dapat_diperiksa_oleh(request.user):
        messages.error(
            request,
            "Laporan ini tidak sedang menunggu pemeriksaan, atau Anda sendiri yang mengajukannya "
            "(pemeriksaan harus oleh staf lain).",
        )
        return redirect(laporan)
    if form.is_valid():
        try:
            if form.cleaned_data["keputusan"] == "terima":
                actions.terima(laporan, request.user, form.tanda(), form.catatan())
                audit.catat(request, "laporan_terima", laporan)
                messages.success(
                    request,
                    f"{laporan} diterima dan terkunci. Operator diberi tahu lewat notifikasi dan surel.",
                )
            else:
                actions.kembalikan(
                    laporan, request.user, form.cleaned_data["alasan"], form.catatan(), form.tanda()
                )
                audit.catat(request, "laporan_kembalikan", laporan)
                messages.success(
                    request,
                    f"{laporan} dikembalikan dengan alasan; operator diberi tahu lewat notifikasi dan surel.",
                )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
            return _render_detail(request, laporan, periksa_form=form)
        return redirect(laporan)
    return _render_detail(request, laporan, periksa_form=form)


@require_POST
def buka_kembali(request, pk):
    laporan = _get_laporan_for_user(request, pk, write=True)
    access.require(laporan.dapat_dibuka_oleh(request.user))
    form = forms.BukaKembaliForm(request.POST)
    if form.is_valid():
        actions.buka_kembali(laporan, request.user, form.cleaned_data["alasan"])
        audit.catat(request, "laporan_buka_kembali", laporan)
        messages.success(
            request, "Laporan dibuka kembali dan dapat diperbaiki kabupaten/kota; alasannya tercatat."
        )
        return redirect(laporan)
    return _render_detail(request, laporan, buka_form=form)


def templat(request, pk):
    laporan = _get_laporan_for_user(request, pk)
    audit.catat(request, "ekspor_laporan", laporan)
    nama = f"laporan-{laporan.kabkota.kode}-{laporan.periode.tahun}-tw{laporan.periode.triwulan}.xlsx"
    return berkas.dibuat(impor.templat(laporan), nama)


def _impor_form(*args):
    return excel.ImporForm(*args, help_text="Templat laporan ini yang sudah diisi.")


@require_POST
def unggah(request, pk):
    laporan = _get_laporan_to_edit(request, pk)
    form = _impor_form(request.POST, request.FILES)
    if not form.is_valid():
        return _render_detail(request, laporan, galat=form.sebagai_galat())
    galat = impor.impor(form.cleaned_data["berkas"], laporan, request.user)
    audit.catat(request, "impor_laporan", laporan, hasil="ditolak" if galat else "berhasil")
    if galat:
        return _render_detail(request, laporan, galat=galat)
    messages.success(request, "Isi laporan diganti dengan isi berkas Excel.")
    return redirect(laporan)
