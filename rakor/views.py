import contextlib
import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from kesbangpol import access, audit, berkas, dates, dokumen, excel
from kesbangpol.models import Klasifikasi, Wilayah
from kesbangpol.pdf import render_html
from rakor import actions, forms, halaman, ical, impor
from rakor.models import (
    Agenda,
    Arahan,
    Dokumentasi,
    LanggananKalender,
    Narasumber,
    Peserta,
    Rakor,
    saring_peserta,
)
from rakor.resources import PesertaResource, RakorResource


def _get_rakor_for_user(request, pk, write=False):
    return access.get_object_for_user(
        Rakor.objects.select_related("provinsi", "kabkota", "penyelenggara", "moderator"),
        request.user,
        write=write,
        pk=pk,
    )


def _get_bagian_for_user(request, model, pk, write=False):
    """A part of a rakor (speaker, agenda item, direction, document, participant): 404 unless its
    rakor is the user's, then 403 unless the user may edit that rakor."""
    return access.get_object_for_user(
        model.objects.select_related("rakor__provinsi"), request.user, write=write, pk=pk
    )


def _provinsi_baru(request) -> Wilayah | None:
    """The province a new rakor belongs to: the user's own; a national admin picks one."""
    scope = access.lingkup(request.user)
    if not scope.nasional:
        return Wilayah.objects.get(pk=scope.provinsi_id)
    kode = request.GET.get("provinsi") or request.POST.get("provinsi_kode")
    return Wilayah.objects.provinsi().filter(kode=kode).first() if kode else None


def _filter_rakor(request):
    user = request.user
    qs = Rakor.objects.for_user(user)
    f = {k: request.GET.get(k, "").strip() for k in ("q", "tahun", "jenis", "status", "provinsi", "urut")}
    if f["q"]:
        qs = qs.cari(f["q"])
    if tahun := dates.tahun_parameter(f["tahun"]):
        qs = qs.filter(tahun_anggaran=tahun)
    if f["jenis"] in Rakor.Jenis.values:
        qs = qs.filter(jenis=f["jenis"])
    if f["status"] in Rakor.Status.values:
        qs = qs.filter(status=f["status"])
    if f["provinsi"]:
        qs = qs.filter(provinsi__kode=f["provinsi"])
    urutan = {
        "": ["-tanggal_mulai", "-pk"],
        "tanggal": ["tanggal_mulai", "pk"],
        "judul": ["judul", "pk"],
        "peserta": ["-jumlah_diundang", "-tanggal_mulai"],
    }
    return qs.with_kehadiran().order_by(*urutan.get(f["urut"], urutan[""])), f


def rakor_list(request):
    rakor, f = _filter_rakor(request)
    scope = access.lingkup(request.user)
    # Only the columns the list shows: the national data fills every page.
    kolom = ["judul", "jenis", "tahun_anggaran", "tanggal_mulai", "tanggal_selesai", "tempat", "status"]
    relasi = ["kabkota"] + (["provinsi"] if scope.nasional else [])
    kolom += ["kabkota__nama", "kabkota__tingkat"] + (["provinsi__nama"] if scope.nasional else [])
    rakor = rakor.select_related(*relasi).only(*kolom)
    page = Paginator(rakor, 25).get_page(request.GET.get("halaman"))
    query = request.GET.copy()
    query.pop("halaman", None)
    context = {
        "page": page,
        "rakor_list": page.object_list,
        "f": f,
        "query": query.urlencode(),
        "jenis_choices": Rakor.Jenis.choices,
        "status_choices": Rakor.Status.choices,
        "tahun_choices": (
            Rakor.objects.for_user(request.user)
            .order_by("-tahun_anggaran")
            .values_list("tahun_anggaran", flat=True)
            .distinct()
        ),
        "provinsi_choices": Wilayah.objects.provinsi() if scope.nasional else [],
        "dapat_menambah": access.dapat_menulis(request.user) and access.adalah_staf_provinsi(request.user),
    }
    return render(request, "rakor/rakor_list.html", context)


def rakor_ekspor(request):
    rakor, _ = _filter_rakor(request)
    rakor = rakor.select_related("provinsi", "kabkota", "penyelenggara")  # the export's columns
    data = excel.dari_dataset(RakorResource(user=request.user).export(rakor))
    audit.catat(request, "ekspor_rakor", keterangan=request.GET.urlencode()[:300])
    return berkas.dibuat(data, "daftar-rakor.xlsx")


def rakor_tambah(request):
    access.require(access.dapat_menulis(request.user) and access.adalah_staf_provinsi(request.user))
    provinsi = _provinsi_baru(request)
    if provinsi is None:
        return render(request, "rakor/pilih_provinsi.html", {"provinsi_list": Wilayah.objects.provinsi()})
    form = forms.RakorForm(request.POST or None, provinsi=provinsi)
    if request.method == "POST" and form.is_valid():
        rakor = form.save(commit=False)
        rakor.dibuat_oleh = request.user
        rakor.save()
        messages.success(
            request,
            f"Rakor “{rakor.judul}” dibuat dengan status Rencana. "
            "Tambahkan narasumber, agenda dan peserta di bawah.",
        )
        return redirect(rakor)
    return render(request, "rakor/rakor_form.html", {"form": form, "provinsi": provinsi})


def rakor_ubah(request, pk):
    rakor = _get_rakor_for_user(request, pk, write=True)
    form = forms.RakorForm(request.POST or None, instance=rakor, provinsi=rakor.provinsi)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Data rakor disimpan.")
        return redirect(rakor)
    return render(
        request, "rakor/rakor_form.html", {"form": form, "provinsi": rakor.provinsi, "rakor": rakor}
    )


@require_POST
def rakor_status(request, pk):
    rakor = _get_rakor_for_user(request, pk, write=True)
    try:
        rakor.ubah_status(request.POST.get("status", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Status rakor sekarang {rakor.get_status_display()}.")
    return redirect(rakor)


def rakor_detail(request, pk):
    rakor = _get_rakor_for_user(request, pk)
    peserta = rakor.peserta.baris()
    narasumber, agenda = rakor.narasumber_dan_agenda()
    terpilih, saring = saring_peserta(peserta, request.GET)
    context = {
        "rakor": rakor,
        "narasumber_list": narasumber,
        "agenda_list": agenda,
        "arahan_list": rakor.arahan.all(),
        "dokumentasi_list": rakor.dokumentasi.terlihat(request.user),
        "dokumentasi_tersembunyi": 0
        if access.dapat_membaca_rahasia(request.user, rakor.provinsi_id)
        else rakor.dokumentasi.filter(klasifikasi=Klasifikasi.RAHASIA).count(),
        "peserta_list": terpilih,
        "saring_peserta": saring,
        "kehadiran": rakor.kehadiran(peserta),
        "dapat_mengubah": rakor.dapat_diubah_oleh(request.user),
        "langkah_status": rakor.langkah_berikut(),
        "legend": Peserta.Kehadiran.choices,
        "bagian_lain": halaman.untuk_halaman(rakor, request.user),
    }
    return render(request, "rakor/rakor_detail.html", context)


# --- Parts of a rakor: speakers, agenda, directions, and removing any part ------------------------


@contextlib.contextmanager
def _satu_penulis(rakor):
    """One writer of a rakor's parts at a time (a lock on its row): a double click, or two staff
    adding the same person, validate after the other has saved, so the duplicate check sees it."""
    with transaction.atomic():
        list(Rakor.objects.select_for_update().filter(pk=rakor.pk).values_list("pk"))
        yield


def _form_bagian(request, rakor, form, judul, pesan, bagian):
    """The add/edit form of one part of a rakor; once saved, back to that section of the rakor page."""
    if request.method == "POST":
        with _satu_penulis(rakor):
            if form.is_valid():
                form.save()
                messages.success(request, pesan)
                return redirect(f"{rakor.get_absolute_url()}#{bagian}")
    return render(request, "rakor/bagian_form.html", {"form": form, "rakor": rakor, "judul": judul})


def narasumber_tambah(request, pk):
    rakor = _get_rakor_for_user(request, pk, write=True)
    form = forms.NarasumberForm(request.POST or None, request.FILES or None, rakor=rakor, user=request.user)
    return _form_bagian(request, rakor, form, "Tambah narasumber", "Narasumber ditambahkan.", "narasumber")


def narasumber_ubah(request, pk):
    obj = _get_bagian_for_user(request, Narasumber, pk, write=True)
    form = forms.NarasumberForm(
        request.POST or None, request.FILES or None, instance=obj, rakor=obj.rakor, user=request.user
    )
    return _form_bagian(request, obj.rakor, form, "Ubah narasumber", "Narasumber disimpan.", "narasumber")


def agenda_tambah(request, pk):
    rakor = _get_rakor_for_user(request, pk, write=True)
    form = forms.AgendaForm(request.POST or None, rakor=rakor)
    return _form_bagian(request, rakor, form, "Tambah agenda", "Agenda ditambahkan.", "agenda")


def agenda_ubah(request, pk):
    obj = _get_bagian_for_user(request, Agenda, pk, write=True)
    form = forms.AgendaForm(request.POST or None, instance=obj, rakor=obj.rakor)
    return _form_bagian(request, obj.rakor, form, "Ubah agenda", "Agenda disimpan.", "agenda")


def arahan_tambah(request, pk):
    rakor = _get_rakor_for_user(request, pk, write=True)
    form = forms.ArahanForm(request.POST or None, instance=Arahan(rakor=rakor))
    return _form_bagian(request, rakor, form, "Tambah arahan", "Arahan ditambahkan.", "arahan")


def arahan_ubah(request, pk):
    obj = _get_bagian_for_user(request, Arahan, pk, write=True)
    form = forms.ArahanForm(request.POST or None, instance=obj)
    return _form_bagian(request, obj.rakor, form, "Ubah arahan", "Arahan disimpan.", "arahan")


def _hapus_bagian(request, model, pk, bagian):
    """Asks first (GET), removes on POST, and says what was removed."""
    obj = _get_bagian_for_user(request, model, pk, write=True)
    rakor = obj.rakor
    if request.method == "POST":
        obj.delete()
        messages.success(request, f"{model._meta.verbose_name.capitalize()} “{obj}” dihapus.")
        return redirect(f"{rakor.get_absolute_url()}#{bagian}")
    return render(request, "rakor/hapus.html", {"obj": obj, "rakor": rakor, "jenis": bagian})


def narasumber_hapus(request, pk):
    return _hapus_bagian(request, Narasumber, pk, "narasumber")


def agenda_hapus(request, pk):
    return _hapus_bagian(request, Agenda, pk, "agenda")


def arahan_hapus(request, pk):
    return _hapus_bagian(request, Arahan, pk, "arahan")


def dokumentasi_hapus(request, pk):
    return _hapus_bagian(request, Dokumentasi, pk, "dokumentasi")


def peserta_hapus(request, pk):
    return _hapus_bagian(request, Peserta, pk, "peserta")


def narasumber_bahan(request, pk):
    narasumber = _get_bagian_for_user(request, Narasumber, pk)
    if not narasumber.bahan:
        raise Http404
    jenis = berkas.SEMUA.get(narasumber.bahan.name.rsplit(".", 1)[-1])
    nama = narasumber.bahan_nama or "bahan-paparan"
    kembali = narasumber.rakor.get_absolute_url()
    return berkas.unduhan(request, narasumber.bahan, nama, jenis, "unduh_bahan", narasumber, kembali)


# --- Documents and photos ------------------------------------------------------------------------


def dokumentasi_unggah(request, pk):
    rakor = _get_rakor_for_user(request, pk, write=True)
    form = forms.DokumentasiForm(
        request.POST or None, request.FILES or None, user=request.user, provinsi_id=rakor.provinsi_id
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["berkas"]
        dok = Dokumentasi(
            rakor=rakor,
            nama_asli=upload.name[:200],
            jenis_berkas=form.jenis.kode,
            ukuran=upload.size,
            keterangan=form.cleaned_data["keterangan"],
            klasifikasi=form.cleaned_data["klasifikasi"] or Klasifikasi.TERBATAS,
            diunggah_oleh=request.user,
        )
        with transaction.atomic():
            dok.ukuran = berkas.simpan(dok.berkas, f"rakor/{rakor.pk}", form.jenis, upload)
            dok.save()
        messages.success(request, f"“{dok.nama_asli}” diunggah.")
        return redirect(f"{rakor.get_absolute_url()}#dokumentasi")
    return render(
        request, "rakor/bagian_form.html", {"form": form, "rakor": rakor, "judul": "Unggah dokumentasi"}
    )


def dokumentasi_unduh(request, pk):
    dok = _get_bagian_for_user(request, Dokumentasi, pk)
    kembali = f"{dok.rakor.get_absolute_url()}#dokumentasi"
    return berkas.unduhan(request, dok.berkas, dok.nama_asli, dok.jenis, "unduh_dokumentasi", dok, kembali)


# --- Participants --------------------------------------------------------------------------------


def peserta_kehadiran(request, pk):
    """The whole list on one form: attendance, stand-in and mode per row, removal, one save."""
    rakor = _get_rakor_for_user(request, pk, write=True)
    queryset = rakor.peserta.select_related("orang", "instansi__wilayah")
    formset = forms.KehadiranFormSet(request.POST or None, queryset=queryset)
    if request.method == "POST" and formset.is_valid():
        with transaction.atomic():
            formset.save()
        berubah = len(formset.changed_objects) + len(formset.deleted_objects)
        messages.success(
            request, f"Kehadiran disimpan: {berubah} baris berubah, {len(formset.deleted_objects)} dihapus."
        )
        return redirect(f"{rakor.get_absolute_url()}#peserta")
    return render(
        request,
        "rakor/peserta_kehadiran.html",
        {"rakor": rakor, "formset": formset, "legend": Peserta.Kehadiran.choices},
    )


def peserta_tambah(request, pk):
    rakor = _get_rakor_for_user(request, pk, write=True)
    form = forms.PesertaForm(request.POST or None, rakor=rakor, user=request.user)
    if request.method == "POST" and _simpan_peserta(rakor, form):
        peserta = form.instance
        messages.success(request, f"{peserta.nama_tampil} ({peserta.instansi}) ditambahkan sebagai peserta.")
        if "lagi" in request.POST:
            return redirect("rakor:peserta_tambah", pk=rakor.pk)
        return redirect(f"{rakor.get_absolute_url()}#peserta")
    return render(request, "rakor/peserta_form.html", {"form": form, "rakor": rakor})


def _simpan_peserta(rakor, form) -> bool:
    with _satu_penulis(rakor):
        if not form.is_valid():
            return False
        sebelum = actions.kantor_diundang(rakor)
        form.save()
        actions.kabari_undangan(rakor, sebelum)
        return True


def peserta_undang(request, pk):
    rakor = _get_rakor_for_user(request, pk, write=True)
    form = forms.UndangForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        wilayah = []
        if form.cleaned_data["provinsi"]:
            wilayah.append(rakor.provinsi)
        if form.cleaned_data["kabkota"]:
            wilayah.extend(rakor.provinsi.kabkota.order_by("kode"))
        with transaction.atomic():
            baru = actions.undang_instansi(rakor, wilayah, form.cleaned_data["jenis"])
        messages.success(request, f"{baru} undangan instansi ditambahkan ({len(wilayah)} wilayah).")
        return redirect(f"{rakor.get_absolute_url()}#peserta")
    return render(request, "rakor/peserta_undang.html", {"form": form, "rakor": rakor})


def peserta_impor(request, pk):
    rakor = _get_rakor_for_user(request, pk, write=True)
    form = excel.ImporForm(
        request.POST or None,
        request.FILES or None,
        help_text="Pakai templat dari halaman ini. Semua baris harus benar agar diimpor.",
    )
    hasil = None
    if request.method == "POST" and form.is_valid():
        hasil = impor.impor(form.cleaned_data["berkas"], rakor, request.user)
        if hasil.berhasil:
            messages.success(
                request,
                f"Impor berhasil: {hasil.ditambah} peserta ditambahkan, {hasil.diperbarui} diperbarui, "
                f"{hasil.orang_baru} orang baru dicatat.",
            )
            return redirect(f"{rakor.get_absolute_url()}#peserta")
    return render(
        request,
        "rakor/peserta_impor.html",
        {"form": form, "rakor": rakor, "hasil": hasil, "maks_baris": impor.MAKS_BARIS},
    )


def peserta_templat(request, pk):
    rakor = _get_rakor_for_user(request, pk, write=True)
    return berkas.dibuat(impor.templat(rakor), f"templat-peserta-rakor-{rakor.pk}.xlsx")


def peserta_ekspor(request, pk):
    rakor = _get_rakor_for_user(request, pk)
    audit.catat(request, "ekspor_peserta", rakor)
    data = PesertaResource(user=request.user).export(
        rakor.peserta.select_related("rakor", "orang", "instansi__wilayah")
    )
    return berkas.dibuat(excel.dari_dataset(data), f"peserta-rakor-{rakor.pk}.xlsx")


def daftar_hadir(request, pk):
    """Small enough to render in the request, through the same builder the document jobs use."""
    rakor = _get_rakor_for_user(request, pk)
    pdf, _ = render_html(dokumen.builder("daftar_hadir").html(rakor, {}))
    return berkas.dibuat(pdf, f"daftar-hadir-rakor-{rakor.pk}.pdf", "application/pdf", inline=True)


@require_POST
def laporan_hasil(request, pk):
    """Ask for the rakor report (rendered by Celery): provincial staff and pimpinan of the province."""
    rakor = _get_rakor_for_user(request, pk)
    access.require(access.tingkat_provinsi(request.user))
    job = dokumen.minta("laporan_rakor", rakor, request.user, request=request)
    return dokumen.diminta(request, job, "Permintaan laporan hasil rakor")


# --- Calendar ------------------------------------------------------------------------------------


def kalender(request):
    today = timezone.localdate()
    bulan = dates.bulan_parameter(request.GET.get("bulan")) or today.replace(day=1)
    minggu = Rakor.objects.for_user(request.user).kalender_bulan(bulan, today)
    akan_datang = (
        Rakor.objects.for_user(request.user)
        .akan_datang(today)
        .select_related("provinsi", "kabkota")
        .order_by("tanggal_mulai", "pk")[:10]
    )
    sebelum = (bulan - datetime.timedelta(days=1)).replace(day=1)
    sesudah = (bulan + datetime.timedelta(days=31)).replace(day=1)
    context = {
        "bulan": bulan,
        "minggu": minggu,
        # The month's rakor once each, by first day: the phone's list instead of the grid.
        "rakor_bulan": list(
            dict.fromkeys(r for week in minggu for d in week if d["bulan_ini"] for r in d["rakor"])
        ),
        "nama_hari": ["Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min"],
        "sebelum": sebelum.strftime("%Y-%m"),
        "sesudah": sesudah.strftime("%Y-%m"),
        "akan_datang": akan_datang,
        "langganan": LanggananKalender.objects.filter(pengguna=request.user).first(),
        "token": None,
    }
    return render(request, "rakor/kalender.html", context)


@require_POST
def kalender_token(request):
    if access.lingkup(request.user).kosong:
        raise Http404
    if request.POST.get("aksi") == "hapus":
        LanggananKalender.objects.filter(pengguna=request.user).delete()
        messages.success(
            request, "Alamat langganan kalender dihapus; aplikasi kalender tidak lagi menerima rakor."
        )
        return redirect("rakor:kalender")
    token = LanggananKalender.buat_baru(request.user)
    url = request.build_absolute_uri(reverse("rakor:kalender_ics", args=[token]))
    return render(request, "rakor/kalender_token.html", {"url": url}, status=201)


@login_not_required
def kalender_ics(request, token):
    """A calendar app's subscription: no session, the private token is the credential."""
    langganan = (
        LanggananKalender.objects.select_related("pengguna__instansi__wilayah")
        .filter(token_sha256=LanggananKalender.hash(token), pengguna__is_active=True)
        .first()
    )
    if langganan is None:
        raise Http404
    user = langganan.pengguna
    sejak = timezone.localdate() - datetime.timedelta(days=365)
    rakor = (
        Rakor.objects.for_user(user)
        .filter(tanggal_selesai__gte=sejak)
        .select_related("provinsi", "kabkota", "penyelenggara")
        .order_by("tanggal_mulai")
    )
    LanggananKalender.objects.filter(pk=langganan.pk).update(terakhir_diambil=timezone.now())
    body = ical.kalender(rakor, request, nama=f"Rakor Kesbangpol — {user}")
    return berkas.dibuat(body, "rakor.ics", "text/calendar; charset=utf-8", inline=True)
