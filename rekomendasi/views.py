from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Max, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from kesbangpol import access, audit, berkas, excel
from kesbangpol import ekspor as ekspor_tampilan  # this module has an ``ekspor`` view
from kesbangpol.ekspor import Tabel
from kesbangpol.models import Instansi, Wilayah
from rakor.models import Rakor
from rekomendasi import actions, forms, impor, tempel
from rekomendasi.models import Bidang, BuktiDukung, Penugasan, Rekomendasi, TindakLanjut, hitungan, saringan
from rekomendasi.resources import PenugasanResource


def _get_rakor_for_user(request, pk, write=False):
    return access.get_object_for_user(
        Rakor.objects.select_related("provinsi"), request.user, write=write, pk=pk
    )


def _get_rekomendasi_for_user(request, pk, write=False):
    return access.get_object_for_user(
        Rekomendasi.objects.select_related("rakor__provinsi", "induk", "bidang"),
        request.user,
        write=write,
        pk=pk,
    )


def _get_penugasan_for_user(request, pk):
    return access.get_object_for_user(
        Penugasan.objects.select_related(
            "rekomendasi__rakor__provinsi", "rekomendasi__induk", "rekomendasi__bidang", "instansi__wilayah"
        ),
        request.user,
        pk=pk,
    )


def rakor_rekomendasi(request, pk):
    rakor = _get_rakor_for_user(request, pk)
    context = {
        "rakor": rakor,
        "items": Rekomendasi.objects.butir_rakor([rakor], request.user),
        "dapat_mengubah": rakor.dapat_diubah_oleh(request.user),
        "today": timezone.localdate(),
    }
    return render(request, "rekomendasi/rakor.html", context)


def tempel_view(request, pk):
    """Paste → preview (edit, move under the item before) → save."""
    rakor = _get_rakor_for_user(request, pk, write=True)
    tahap = request.POST.get("tahap", "tempel")
    if request.method == "POST" and tahap == "simpan":
        formset = forms.ButirFormSet(request.POST, form_kwargs={"rakor": rakor})
        if formset.is_valid():
            butir = [f.cleaned_data for f in formset.forms if not f.cleaned_data.get("DELETE")]
            dibuat = actions.simpan_butir(rakor, butir, request.user)
            utama = sum(1 for r in dibuat if not r.induk_id)
            messages.success(
                request,
                f"{utama} rekomendasi disimpan ({len(dibuat) - utama} sub-butir). "
                "Instansi yang ditugaskan kini melihatnya di halaman instansinya.",
            )
            return redirect("rekomendasi:rakor", pk=rakor.pk)
        return render(request, "rekomendasi/pratinjau.html", {"rakor": rakor, "formset": formset})
    form = forms.TempelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            butir = tempel.urai(form.cleaned_data["teks"])
        except tempel.TidakTerbaca as exc:
            form.add_error("teks", str(exc))
        else:
            return _pratinjau(request, rakor, [b.__dict__ for b in butir], form.cleaned_data)
    return render(
        request, "rekomendasi/tempel.html", {"rakor": rakor, "form": form, "impor_form": _impor_form()}
    )


def _pratinjau(request, rakor, butir: list[dict], bawaan: dict):
    initial = [
        {
            "isi": b["isi"],
            "sub": b["sub"],
            "bidang": b.get("bidang") or bawaan.get("bidang"),
            "batas_waktu": b.get("batas_waktu") or bawaan.get("batas_waktu"),
            "batas_akhir_tahun": b.get("batas_akhir_tahun", False),
            "sasaran": b.get("sasaran", bawaan.get("sasaran", "")),
        }
        for b in butir
    ]
    formset = forms.ButirFormSet(initial=initial, form_kwargs={"rakor": rakor})
    return render(request, "rekomendasi/pratinjau.html", {"rakor": rakor, "formset": formset})


def _impor_form(*args):
    return excel.ImporForm(
        *args,
        label="Atau unggah Excel (.xlsx)",
        help_text="Pakai templat rekomendasi; hasilnya masuk ke pratinjau dulu.",
    )


def impor_view(request, pk):
    """An Excel sheet of items goes through the same preview as a pasted list."""
    rakor = _get_rakor_for_user(request, pk, write=True)
    form = _impor_form(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        butir, galat = impor.baca(form.cleaned_data["berkas"], rakor)
        if not galat:
            return _pratinjau(request, rakor, butir, {})
        return render(
            request,
            "rekomendasi/tempel.html",
            {"rakor": rakor, "form": forms.TempelForm(), "impor_form": form, "galat": galat},
        )
    return render(
        request, "rekomendasi/tempel.html", {"rakor": rakor, "form": forms.TempelForm(), "impor_form": form}
    )


def templat(request, pk):
    _get_rakor_for_user(request, pk, write=True)
    return berkas.dibuat(impor.templat(), "templat-rekomendasi.xlsx")


def ekspor(request, pk):
    rakor = _get_rakor_for_user(request, pk)
    qs = (
        Penugasan.objects.for_user(request.user)
        .filter(rekomendasi__rakor=rakor)
        .select_related(
            "rekomendasi__induk", "rekomendasi__bidang", "rekomendasi__rakor", "instansi__wilayah"
        )
        .order_by("rekomendasi__induk__nomor", "rekomendasi__nomor", "instansi__wilayah__kode")
    )
    data = PenugasanResource(user=request.user, today=timezone.localdate()).export(qs)
    audit.catat(request, "ekspor_rekomendasi", rakor)
    return berkas.dibuat(excel.dari_dataset(data), f"rekomendasi-rakor-{rakor.pk}.xlsx")


def tambah(request, pk):
    rakor = _get_rakor_for_user(request, pk, write=True)
    form = forms.RekomendasiForm(request.POST or None, rakor=rakor)
    if request.method == "POST" and form.is_valid():
        rek = form.save(commit=False)
        with transaction.atomic():
            rek.nomor = Rekomendasi.objects.nomor_berikutnya(rakor, rek.induk)
            rek.dibuat_oleh = request.user
            rek.save()
            _tugaskan_dari_form(rek, form.cleaned_data)
        messages.success(request, f"Rekomendasi {rek.label} disimpan.")
        return redirect(rek)
    return render(request, "rekomendasi/form.html", {"rakor": rakor, "form": form})


def _tugaskan_dari_form(rek, data) -> int:
    kantor = list(data.get("instansi") or [])
    if data.get("sasaran"):
        kantor += actions.instansi_sasaran(rek.rakor.provinsi, data["sasaran"])
    return len(actions.tugaskan(rek, kantor))


def ubah(request, pk):
    rek = _get_rekomendasi_for_user(request, pk, write=True)
    form = forms.RekomendasiForm(request.POST or None, instance=rek, rakor=rek.rakor)
    if request.method == "POST" and form.is_valid():
        form.save()
        _tugaskan_dari_form(rek, form.cleaned_data)
        messages.success(request, f"Rekomendasi {rek.label} disimpan.")
        return redirect(rek)
    return render(request, "rekomendasi/form.html", {"rakor": rek.rakor, "form": form, "rek": rek})


def hapus(request, pk):
    rek = _get_rekomendasi_for_user(request, pk, write=True)
    if TindakLanjut.objects.filter(
        Q(penugasan__rekomendasi=rek) | Q(penugasan__rekomendasi__induk=rek)
    ).exists():
        messages.error(request, "Rekomendasi yang sudah mempunyai tindak lanjut tidak dapat dihapus.")
        return redirect(rek)
    if request.method == "POST":
        rakor = rek.rakor
        rek.delete()
        messages.success(request, f"Rekomendasi {rek.label} dihapus.")
        return redirect("rekomendasi:rakor", pk=rakor.pk)
    return render(request, "rekomendasi/hapus.html", {"rek": rek})


def detail(request, pk):
    rek = _get_rekomendasi_for_user(request, pk)
    today = timezone.localdate()
    penugasan = (
        Penugasan.objects.for_user(request.user)
        .filter(rekomendasi=rek)
        .select_related("instansi__wilayah", "rekomendasi")
        .with_terlambat(today)
        .order_by("-terlambat", "instansi__wilayah__kode", "instansi__nama")
    )
    dapat_mengubah = rek.dapat_diubah_oleh(request.user)
    context = {
        "rek": rek,
        "subpoin": rek.subpoin.select_related("bidang", "induk").with_progres(request.user).order_by("nomor"),
        "penugasan_list": penugasan,
        "ringkasan": penugasan.aggregate(**hitungan()),
        "dapat_mengubah": dapat_mengubah,
        "tugaskan_form": forms.TugaskanForm(provinsi=rek.rakor.provinsi) if dapat_mengubah else None,
        "today": today,
    }
    return render(request, "rekomendasi/detail.html", context)


@require_POST
def tugaskan(request, pk):
    rek = _get_rekomendasi_for_user(request, pk, write=True)
    form = forms.TugaskanForm(request.POST, provinsi=rek.rakor.provinsi)
    if form.is_valid():
        baru = _tugaskan_dari_form(rek, form.cleaned_data)
        messages.success(request, f"{baru} penugasan baru untuk rekomendasi {rek.label}.")
    else:
        messages.error(request, " ".join(form.non_field_errors()) or "Pilihan instansi tidak sah.")
    return redirect(rek)


def penugasan(request, pk):
    p = _get_penugasan_for_user(request, pk)
    laporan_form = forms.TindakLanjutForm(
        request.POST or None, request.FILES or None, initial={"tanggal": timezone.localdate()}
    )
    if request.method == "POST":
        access.require(p.dapat_dilaporkan_oleh(request.user))
        if laporan_form.is_valid():
            data = laporan_form.cleaned_data
            try:
                actions.laporkan(
                    p,
                    request.user,
                    tanggal=data["tanggal"],
                    status=data["status"],
                    narasi=data["narasi"],
                    berkas_list=data["berkas"],
                    alasan=data["alasan"],
                    alasan_lain=data["alasan_lain"],
                )
            except ValidationError as exc:
                audit.catat(request, "tindak_lanjut_lapor", p, hasil="ditolak", keterangan="isian tidak sah")
                for field, errors in exc.message_dict.items():
                    laporan_form.add_error(field if field in laporan_form.fields else None, errors)
            else:
                audit.catat(request, "tindak_lanjut_lapor", p, keterangan=data["status"])
                if p.menunggu_verifikasi:
                    messages.success(
                        request,
                        f"Usulan “{p.get_usulan_display()}” terkirim. "
                        "Staf Kesbangpol provinsi akan memverifikasinya; "
                        "Anda dapat melihat hasilnya di halaman ini.",
                    )
                else:
                    messages.success(
                        request,
                        f"Tindak lanjut dicatat. Status: “{p.get_status_display()}” (sedang dikerjakan). "
                        "Bila sudah selesai, usulkan “Sesuai” dengan bukti dukung; "
                        "provinsi akan memverifikasinya.",
                    )
                return redirect(p)
    return _render_penugasan(request, p, laporan_form, forms.VerifikasiForm())


def _render_penugasan(request, p, laporan_form, verifikasi_form, status=200):
    timeline = p.tindak_lanjut.select_related("oleh").prefetch_related("bukti")
    context = {
        "p": p,
        "rek": p.rekomendasi,
        "timeline": timeline,
        "laporan_form": laporan_form if p.dapat_dilaporkan_oleh(request.user) else None,
        "verifikasi_form": verifikasi_form if p.dapat_diverifikasi_oleh(request.user) else None,
        "terlambat": p.is_terlambat(),
        "menunggu_sendiri": p.menunggu_verifikasi and p.diusulkan_oleh_id == request.user.pk,
        "berikutnya": _berikutnya(request.user, p),
    }
    return render(request, "rekomendasi/penugasan.html", context, status=status)


def _berikutnya(user, p) -> Penugasan | None:
    """Once this proposal is decided, the oldest other one this staff member may verify."""
    if p.menunggu_verifikasi or not (access.adalah_staf_provinsi(user) and access.dapat_menulis(user)):
        return None
    return (
        Penugasan.objects.for_user(user)
        .exclude(usulan="")
        .exclude(diusulkan_oleh=user)
        .exclude(pk=p.pk)
        .select_related("rekomendasi__induk", "instansi")
        .order_by("diubah", "pk")
        .first()
    )


@require_POST
def verifikasi(request, pk):
    p = _get_penugasan_for_user(request, pk)
    if not access.dapat_menulis(request.user) or not access.adalah_staf_provinsi(request.user):
        raise PermissionDenied
    form = forms.VerifikasiForm(request.POST)
    if not p.dapat_diverifikasi_oleh(request.user):
        messages.error(
            request,
            "Tidak ada usulan yang menunggu verifikasi, atau usulan ini Anda ajukan sendiri "
            "(verifikasi harus oleh staf lain).",
        )
        return redirect(p)
    if form.is_valid():
        terima = form.cleaned_data["keputusan"] == "terima"
        try:
            actions.verifikasi(p, request.user, terima=terima, catatan=form.cleaned_data["catatan"])
            audit.catat(
                request, "tindak_lanjut_verifikasi", p, keterangan="terima" if terima else "kembalikan"
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            if terima:
                messages.success(
                    request, f"Diverifikasi: status {p.instansi} sekarang “{p.get_status_display()}”."
                )
            else:
                messages.success(
                    request, f"Dikembalikan ke {p.instansi} dengan catatan; status kembali “Belum sesuai”."
                )
            return redirect(p)
    return _render_penugasan(
        request, p, forms.TindakLanjutForm(initial={"tanggal": timezone.localdate()}), form
    )


def bukti(request, pk):
    item = access.get_object_for_user(
        BuktiDukung.objects.select_related("tindak_lanjut"), request.user, pk=pk
    )
    kembali = item.tindak_lanjut.penugasan.get_absolute_url()
    return berkas.unduhan(request, item.berkas, item.nama_asli, item.jenis, "unduh_bukti", item, kembali)


# --- Overview ------------------------------------------------------------------------------------


def _provinsi_dasbor(request) -> Wilayah | None:
    scope = access.lingkup(request.user)
    if scope.nasional:
        kode = request.GET.get("provinsi", "")
        return Wilayah.objects.provinsi().filter(kode=kode).first()
    return Wilayah.objects.filter(pk=scope.provinsi_id).first()


def dasbor(request):
    """By status, by age, by rakor, by field and by office, for the user's province (a kab/kota
    user sees the same figures for their own office only)."""
    today = timezone.localdate()
    scope = access.lingkup(request.user)
    if scope.kosong:
        return render(request, "rekomendasi/dasbor.html", {"kosong": True, "today": today})
    provinsi = _provinsi_dasbor(request)
    qs = Penugasan.objects.for_user(request.user)
    if provinsi is not None:
        qs = qs.filter(provinsi=provinsi)
    per_status = dict(qs.values_list("status").annotate(n=Count("pk")).order_by())
    hitung = hitungan(today)
    # The 20 latest rakor: a province has hundreds over ten years; older ones are one click away.
    per_rakor = (
        qs.values("rekomendasi__rakor_id", "rekomendasi__rakor__judul", "rekomendasi__rakor__tanggal_mulai")
        .annotate(**hitung)
        .order_by("-rekomendasi__rakor__tanggal_mulai")[:20]
    )
    per_bidang = (
        qs.values("rekomendasi__bidang_id", "rekomendasi__bidang__nama")
        .annotate(**hitung)
        .order_by("rekomendasi__bidang__nama")
    )
    per_instansi = (
        qs.values("instansi_id", "instansi__nama", "instansi__wilayah__kode")
        .annotate(**hitung)
        .order_by("-terlambat", "instansi__wilayah__kode", "instansi__nama")
    )
    context = {
        "provinsi": provinsi,
        "provinsi_choices": Wilayah.objects.provinsi() if scope.nasional else [],
        "status_list": [(s, label, per_status.get(s, 0)) for s, label in Penugasan.Status.choices],
        "total": sum(per_status.values()),
        "menunggu": qs.exclude(usulan="").count(),
        "umur": qs.umur(today),
        # Every count links to the list of what it counts.
        "daftar": reverse("rekomendasi:penugasan_list")
        + (f"?provinsi={provinsi.kode}&status=" if scope.nasional and provinsi else "?status="),
        "per_rakor": per_rakor,
        "per_bidang": per_bidang,
        "per_instansi": per_instansi,
        "today": today,
        "ekspor_q": ekspor_tampilan.saringan_halaman(request),
    }
    return render(request, "rekomendasi/dasbor.html", context)


def _saring_status(request, today):
    """``?status=``: a BPK status or one of ``saringan`` (overdue, waiting, …); "" for all."""
    pilihan = saringan(today)
    status = request.GET.get("status", "")
    if status in Penugasan.Status.values:
        return status, Q(status=status)
    if status in pilihan:
        return status, pilihan[status][1]
    return "", Q()


def _terlambat_dulu(qs, today):
    """The lists' order, the page's and its export's: overdue first, then status and due date."""
    return qs.with_terlambat(today).order_by(
        "-terlambat", "status", "rekomendasi__batas_waktu", "rekomendasi__rakor__tanggal_mulai", "pk"
    )


def _ekspor_penugasan(request, semua, nama: str, saringan_lain: list):
    """The assignments a list shows (same filter, scope and order), every one, as xlsx or CSV:
    status, ageing and the date of the last follow-up."""
    today = timezone.localdate()
    status, saring = _saring_status(request, today)
    qs = (
        semua.filter(saring)
        .select_related("rekomendasi__rakor", "rekomendasi__induk", "instansi__wilayah")
        .annotate(terakhir=Max("tindak_lanjut__tanggal"))
    )
    qs = _terlambat_dulu(qs, today)
    tabel = Tabel(
        "Penugasan",
        ["No", "Rekomendasi", "Rakor", "Tanggal rakor", "Instansi", "Kode wilayah", "Status (BPK)",
         "Usulan menunggu verifikasi", "Batas waktu", "Terlambat", "Hari lewat batas",
         "Tindak lanjut terakhir"],
    )  # fmt: skip
    for p in qs:
        rek, batas = p.rekomendasi, p.rekomendasi.batas_waktu
        tabel.baris.append(
            [rek.label, rek.isi, rek.rakor.judul, rek.rakor.tanggal_mulai, p.instansi.nama,
             p.instansi.wilayah.kode if p.instansi.wilayah_id else "", p.get_status_display(),
             p.get_usulan_display() if p.usulan else "", batas, "Ya" if p.terlambat else "Tidak",
             (today - batas).days if p.terlambat else None, p.terakhir]
        )  # fmt: skip
    label = dict(Penugasan.Status.choices).get(status) or saringan(today).get(status, ("Semua",))[0]
    return ekspor_tampilan.jawab(
        request, nama, [tabel], [*saringan_lain, ("Status", label)], "ekspor_penugasan"
    )


def _daftar_penugasan(request, semua, konteks: dict):
    """One page of assignments, overdue first, narrowed by ``?status=`` (a BPK status or one of
    ``saringan``): the office page and the province-wide list share it."""
    today = timezone.localdate()
    pilihan = saringan(today)
    status, saring = _saring_status(request, today)
    umur = semua.umur(today, jumlah=saring)
    penugasan = (
        semua.filter(saring)
        .select_related("rekomendasi__rakor", "rekomendasi__induk", "instansi")
        # Only what a row shows: the rakor's notulen and summary rode along through the sort of an
        # office's every assignment (378 in the national data) before the page was cut.
        .only(
            "status",
            "usulan",
            "rekomendasi__nomor",
            "rekomendasi__isi",
            "rekomendasi__induk_id",
            "rekomendasi__batas_waktu",
            "rekomendasi__batas_akhir_tahun",
            "rekomendasi__rakor__judul",
            "rekomendasi__induk__nomor",
            "rekomendasi__induk__isi",
            "instansi__nama",
            "instansi__singkatan",
        )
    )
    penugasan = _terlambat_dulu(penugasan, today)
    # 25 a page like the rakor list: offices on slow links get a short page (the filters above find
    # the rest). The row count came with the ageing figures.
    paginator = Paginator(penugasan, 25)
    paginator.count = umur["jumlah"]
    page = paginator.get_page(request.GET.get("halaman"))
    saring_lain = {k: v for k, v in request.GET.items() if k not in ("status", "halaman")}
    context = {
        "page": page,
        "penugasan_list": page.object_list,
        "umur": umur,
        "status": status,
        "status_label": dict(Penugasan.Status.choices).get(status) or pilihan.get(status, ("",))[0],
        "status_choices": Penugasan.Status.choices,
        "saringan_choices": [(k, v[0]) for k, v in pilihan.items()],
        "query_lain": urlencode(saring_lain),
        "ekspor_q": ekspor_tampilan.saringan_halaman(request),
        "today": today,
        **konteks,
    }
    return render(request, "rekomendasi/instansi.html", context)


def instansi_view(request, pk):
    """Everything assigned to one office, overdue first."""
    instansi = access.get_object_for_user(Instansi.objects.select_related("wilayah"), request.user, pk=pk)
    semua = Penugasan.objects.for_user(request.user).filter(instansi=instansi)
    return _daftar_penugasan(request, semua, {"instansi": instansi})


def instansi_ekspor(request, pk):
    instansi = access.get_object_for_user(Instansi.objects.select_related("wilayah"), request.user, pk=pk)
    semua = Penugasan.objects.for_user(request.user).filter(instansi=instansi)
    return _ekspor_penugasan(
        request, semua, f"penugasan-instansi-{instansi.pk}", [("Instansi", instansi.nama)]
    )


def _penugasan_terlihat(request):
    """Every assignment the user may see, narrowed by the list's ``?provinsi=``, ``?rakor=`` and
    ``?bidang=`` (the dashboard's rows link to them)."""
    scope = access.lingkup(request.user)
    semua = Penugasan.objects.for_user(request.user)
    provinsi = _provinsi_dasbor(request) if scope.nasional else None
    if provinsi is not None:
        semua = semua.filter(provinsi=provinsi)
    rakor = None
    if request.GET.get("rakor", "").isdigit():
        rakor = Rakor.objects.for_user(request.user).filter(pk=request.GET["rakor"]).first()
        semua = semua.filter(rekomendasi__rakor=rakor) if rakor else semua.none()
    bidang = None
    if request.GET.get("bidang", "").isdigit():
        bidang = Bidang.objects.filter(pk=request.GET["bidang"]).first()
        semua = semua.filter(rekomendasi__bidang=bidang) if bidang else semua.none()
    return semua, provinsi, rakor, bidang


def penugasan_ekspor(request):
    semua, provinsi, rakor, bidang = _penugasan_terlihat(request)
    saringan_lain = [
        ("Provinsi", provinsi.nama if provinsi else "Lingkup pengguna"),
        ("Rakor", rakor.judul if rakor else "Semua"),
        ("Bidang", bidang.nama if bidang else "Semua"),
    ]
    return _ekspor_penugasan(request, semua, "penugasan", saringan_lain)


def penugasan_list(request):
    """Every assignment the user may see (a province's for its staff and pimpinan; a kab/kota
    user's own office's), with the dashboard's filters: what its counts link to."""
    semua, provinsi, rakor, bidang = _penugasan_terlihat(request)
    konteks = {
        "instansi": None,
        "provinsi": provinsi,
        "rakor": rakor,
        "bidang": bidang,
        "dengan_instansi": True,
    }
    return _daftar_penugasan(request, semua, konteks)


def saya(request):
    """The signed-in user's own office page (operators' starting point)."""
    if not request.user.instansi_id or access.lingkup(request.user).kosong:
        return redirect("rekomendasi:dasbor")
    return redirect("rekomendasi:instansi", pk=request.user.instansi_id)
