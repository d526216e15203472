"""The province's reading of its kab/kota's reports: the completeness matrix, a period's aggregate
with the governor's summary, their exports and the Satu Data package, and the due-date rules. The
kab/kota's own report workflow is in ``laporan.views``."""

from django.conf import settings
from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from kesbangpol import access, audit, berkas, dates, dokumen, ekspor
from kesbangpol.models import Dokumen, Instansi, TahapanPemilu, Wilayah
from laporan import ekspor as ekspor_laporan
from laporan import forms, ringkasan, satudata
from laporan.models import AturanProvinsi, LaporanTriwulan, Periode, triwulan_dari, triwulan_terakhir


def _provinsi(request) -> Wilayah | None:
    scope = access.lingkup(request.user)
    if scope.nasional:
        return Wilayah.objects.provinsi().filter(kode=request.GET.get("provinsi", "")).first()
    return Wilayah.objects.filter(pk=scope.provinsi_id).first() if scope.provinsi_id else None


@require_POST
def minta_ringkasan(request, pk):
    """The governor's summary for one period: provincial staff and pimpinan of the province ask,
    a Celery worker renders, the page shows progress."""
    periode = access.get_object_for_user(Periode.objects.select_related("provinsi"), request.user, pk=pk)
    user = request.user
    access.require(access.tingkat_provinsi(user))
    dapat_rahasia = access.dapat_membaca_rahasia(user, periode.provinsi_id)
    form = forms.RingkasanForm(request.POST, dapat_rahasia=dapat_rahasia)
    if not form.is_valid():
        messages.error(
            request, "Isian dokumen tidak sah: " + " ".join(e for errs in form.errors.values() for e in errs)
        )
        return redirect("laporan:agregat", pk=periode.pk)
    # A cleared requester who keeps "Sertakan butir rahasia" gets the rahasia items (the PDF is then
    # itself Rahasia); the field exists for nobody else.
    parameter = {
        k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in form.cleaned_data.items() if v
    }
    job = dokumen.minta("ringkasan_gubernur", periode, user, parameter, request=request)
    return dokumen.diminta(request, job, "Permintaan ringkasan untuk Gubernur")


@require_POST
def ekspor_nasional(request):
    """Every province's items of one quarter in one workbook, built by a Celery task (too large for a
    request): national admins ask on the province chooser, the job's page shows progress."""
    access.require(access.lingkup(request.user).nasional)
    form = forms.EksporNasionalForm(request.POST, today=timezone.localdate())
    if not form.is_valid():
        messages.error(request, "Pilih salah satu dari delapan triwulan terakhir.")
        return redirect("laporan:matriks")
    d = form.cleaned_data
    objek = ekspor_laporan.Triwulan(d["triwulan"] // 10, d["triwulan"] % 10)
    parameter = {"hanya_diterima": True} if d["hanya_diterima"] else {}
    job = dokumen.minta("ekspor_nasional", objek, request.user, parameter, request=request)
    return dokumen.diminta(request, job, "Permintaan ekspor nasional")


def _pilih_provinsi(request, tujuan):
    """The national admin's province chooser, with the national export."""
    context = {"provinsi_list": Wilayah.objects.provinsi(), "tujuan": tujuan}
    if access.lingkup(request.user).nasional:
        context["nasional_form"] = forms.EksporNasionalForm(today=timezone.localdate())
    return render(request, "laporan/pilih_provinsi.html", context)


def _periode_matriks(request, provinsi, today):
    """The matrix's periods: the last eight quarters, or the four of ``?tahun=``."""
    tahun = dates.tahun_parameter(request.GET.get("tahun"))
    daftar = [(tahun, t) for t in (1, 2, 3, 4)] if tahun else list(reversed(triwulan_terakhir(today, 8)))
    daftar = [(y, t) for y, t in daftar if (y, t) <= triwulan_dari(today)]
    # Reading only: a quarter nobody has reported for yet stands in unsaved (a GET writes nothing).
    return tahun, Periode.objects.untuk_banyak(provinsi, daftar, buat=False)


def matriks_ekspor(request):
    """The completeness matrix as shown (same province, same years), as xlsx or CSV."""
    provinsi = _provinsi(request)
    if access.lingkup(request.user).kabkota_id or provinsi is None:
        raise Http404
    today = timezone.localdate()
    tahun, periode_list = _periode_matriks(request, provinsi, today)
    saringan = [("Provinsi", provinsi.nama), ("Tahun", str(tahun) if tahun else "Delapan triwulan terakhir")]
    nama = f"kelengkapan-{provinsi.kode}" + (f"-{tahun}" if tahun else "")
    tabel = ekspor_laporan.tabel_matriks(ringkasan.matriks(provinsi, periode_list, today))
    return ekspor.jawab(request, nama, tabel, saringan, "ekspor_kelengkapan", provinsi)


def matriks(request):
    """Completeness and timeliness, kab/kota × the last eight quarters (or one year)."""
    provinsi = _provinsi(request)
    scope = access.lingkup(request.user)
    if scope.kabkota_id:
        return redirect("laporan:beranda")
    if provinsi is None:
        return _pilih_provinsi(request, "laporan:matriks")
    today = timezone.localdate()
    tahun, periode_list = _periode_matriks(request, provinsi, today)
    context = {
        "provinsi": provinsi,
        "m": ringkasan.matriks(provinsi, periode_list, today),
        "tahun": str(tahun or ""),
        "tahun_choices": range(today.year, today.year - 10, -1),
        "ekspor_q": ekspor.saringan_halaman(request),
        "ekspor_tabel": [("kelengkapan", "kelengkapan"), ("jumlah", "jumlah")],
        "grafik": ringkasan.grafik_tingkat(
            provinsi, periode_list, rahasia=access.dapat_membaca_rahasia(request.user, provinsi.pk)
        ),
        "staf": access.adalah_staf_provinsi(request.user) and access.dapat_menulis(request.user),
        "today": today,
    }
    return render(request, "laporan/matriks.html", context)


def _agregat(request, pk):
    """The period's aggregate as the page and its export show it: the counts are the period's,
    ``a["daftar"]`` the potensi and ``a["kejadian"]`` the events narrowed to the count that was
    clicked (``a["semua"]``, ``a["semua_kejadian"]`` all of them, ``a["saring"]``,
    ``a["saring_kejadian"]`` the filters in words)."""
    periode = access.get_object_for_user(Periode.objects.select_related("provinsi"), request.user, pk=pk)
    hanya_diterima = request.GET.get("hanya") == "diterima"
    a = ringkasan.agregat(
        periode.provinsi,
        periode,
        hanya_diterima,
        rahasia=access.dapat_membaca_rahasia(request.user, periode.provinsi_id),
    )
    a["semua"] = a["daftar"]
    a["daftar"], a["saring"] = ringkasan.saring_potensi(a["semua"], request.GET)
    a["semua_kejadian"] = a["kejadian"]
    a["kejadian"], a["saring_kejadian"] = ringkasan.saring_kejadian(a["semua_kejadian"], request.GET)
    return periode, hanya_diterima, a


def agregat_ekspor(request, pk):
    """Every potensi and kejadian of the period with all fields and codes, as the page shows them
    (the same reports filter, scope and rahasia clearance), as xlsx or CSV."""
    periode, hanya_diterima, a = _agregat(request, pk)
    saringan = [
        ("Provinsi", periode.provinsi.nama),
        ("Periode", str(periode)),
        ("Laporan", "hanya yang diterima" if hanya_diterima else "diajukan dan diterima"),
        ("Potensi", ", ".join(a["saring"]) or "semua"),
        ("Kejadian", ", ".join(a["saring_kejadian"]) or "semua"),
        ("Butir rahasia", "termasuk" if a["rahasia"] else "tidak termasuk"),
    ]
    nama = f"rekap-{periode.provinsi.kode}-{periode.kode}" + ("-diterima" if hanya_diterima else "")
    tabel = ekspor_laporan.tabel_agregat(a, periode)
    return ekspor.jawab(request, nama, tabel, saringan, "ekspor_rekap", periode)


def satu_data(request, pk):
    """The period's de-identified Satu Data package (``laporan.satudata``), for provincial staff."""
    periode = access.get_object_for_user(Periode.objects.select_related("provinsi"), request.user, pk=pk)
    access.require(access.adalah_staf_provinsi(request.user))
    if not LaporanTriwulan.objects.filter(periode=periode, status=LaporanTriwulan.Status.DITERIMA).exists():
        messages.error(
            request, f"Belum ada laporan {periode} yang diterima: paket Satu Data belum dapat dibuat."
        )
        return redirect("laporan:agregat", pk=periode.pk)
    kantor = Instansi.objects.for_user(request.user).kesbangpol().filter(wilayah=periode.provinsi).first()
    isi, metadata = satudata.paket(periode, kantor)
    audit.catat(request, "ekspor_satu_data", periode, keterangan=f"{metadata['sel_ditekan']} sel ditekan")
    return berkas.dibuat(
        isi, f"satu-data-kesbangpol-{periode.provinsi.kode}-{periode.kode}.zip", "application/zip"
    )


def agregat(request, pk):
    periode, hanya_diterima, a = _agregat(request, pk)
    staf = access.adalah_staf_provinsi(request.user)
    context = {
        "q": "hanya=diterima&" if hanya_diterima else "",
        "ringkasan_form": forms.RingkasanForm(
            initial={"tanggal": timezone.localdate(), "sifat": "Terbatas"},
            dapat_rahasia=a["rahasia"],
        ),
        "dokumen_list": Dokumen.objects.for_user(request.user)
        .filter(jenis="ringkasan_gubernur", objek_id=periode.pk)
        .select_related("diminta_oleh")[:10],
        "periode": periode,
        "a": a,
        "titik": ringkasan.titik_peta(a["daftar"]),  # the map shows the potensi the list shows
        "hanya_diterima": hanya_diterima,
        "ekspor_q": ekspor.saringan_halaman(request),
        "staf": staf,
        # Who can act on the reports the PDF leaves out (the pimpinan only reads).
        "periksa": staf and access.dapat_menulis(request.user),
        "ekspor_tabel": [("potensi", "potensi"), ("kejadian", "kejadian")],
        # What the PDF will and will not contain: it uses accepted reports only.
        "jumlah": LaporanTriwulan.objects.filter(periode=periode).aggregate(
            terkirim=Count("pk", filter=Q(status__in=LaporanTriwulan.TERKIRIM)),
            diterima=Count("pk", filter=Q(status=LaporanTriwulan.Status.DITERIMA)),
            diajukan=Count("pk", filter=Q(status=LaporanTriwulan.Status.DIAJUKAN)),
        ),
        "tile_url": settings.PETA_TILE_URL,
        "tile_atribusi": settings.PETA_TILE_ATRIBUSI,
        "tahapan_list": TahapanPemilu.objects.untuk_wilayah(periode.provinsi)
        .tumpang_tindih(periode.mulai, periode.selesai)
        .select_related("wilayah"),
        "tahapan_judul": f"Tahapan pemilu/pilkada pada {periode}",
    }
    return render(request, "laporan/agregat.html", context)


def aturan(request):
    """The province's due-date rule, and per-period due dates and closing."""
    provinsi = _provinsi(request)
    if access.lingkup(request.user).kabkota_id:
        raise Http404
    if provinsi is None:
        return _pilih_provinsi(request, "laporan:aturan")
    access.require(access.dapat_menulis(request.user) and access.adalah_staf_provinsi(request.user))
    # Read only on GET (no rule stored means the default): a GET changes nothing (tested).
    aturan_obj = AturanProvinsi.objects.filter(provinsi=provinsi).first() or AturanProvinsi(provinsi=provinsi)
    form = forms.AturanForm(request.POST or None, initial={"hari_tenggat": aturan_obj.hari_tenggat})
    if request.method == "POST" and "hari_tenggat" in request.POST and form.is_valid():
        aturan_obj.hari_tenggat = form.cleaned_data["hari_tenggat"]
        aturan_obj.save()
        messages.success(
            request,
            f"Aturan disimpan: tenggat {aturan_obj.hari_tenggat} hari setelah triwulan berakhir, "
            "untuk periode yang dibuat sesudah ini.",
        )
        return redirect("laporan:aturan")
    today = timezone.localdate()
    # The periods the daily task has made (laporan.actions.siapkan_periode); a GET creates none.
    periode_list = [
        p for p in Periode.objects.untuk_banyak(provinsi, triwulan_terakhir(today, 4), buat=False) if p.pk
    ]
    return render(
        request, "laporan/aturan.html", {"provinsi": provinsi, "form": form, "periode_list": periode_list}
    )


@require_POST
def periode_ubah(request, pk):
    periode = access.get_object_for_user(
        Periode.objects.select_related("provinsi"), request.user, write=True, pk=pk
    )
    access.require(access.adalah_staf_provinsi(request.user))
    form = forms.PeriodeForm(request.POST, instance=periode)
    if form.is_valid():
        form.save()
        messages.success(
            request,
            f"{periode}: tenggat {dates.tanggal(periode.tenggat, hari=False)}"
            f"{', ditutup' if periode.ditutup else ''}.",
        )
    else:
        messages.error(request, f"{periode}: " + " ".join(e for errs in form.errors.values() for e in errs))
    return redirect("laporan:aturan")
