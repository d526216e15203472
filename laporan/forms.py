from django import forms

from kesbangpol import access
from kesbangpol.models import Klasifikasi
from kesbangpol.models.klasifikasi import batasi_pilihan
from laporan import validasi
from laporan.models import (
    TRIWULAN_ROMAWI,
    CatatanSegera,
    JenisSumber,
    KejadianKonflik,
    KetelitianLokasi,
    KetelitianTanggal,
    LaporanSegera,
    LaporanTriwulan,
    Periode,
    PotensiKonflik,
    Verifikasi,
    triwulan_terakhir,
)

VERIFIKASI_BANTUAN = (
    "Pilih Belum diverifikasi untuk kabar yang belum dipastikan: ringkasan untuk Gubernur "
    "menaruhnya di lampiran tersendiri, bukan di bagian utama."
)
TANGGAL = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class BawaanMixin(forms.Form):
    """Lets a form posted without the fields added later (a page opened before they existed, a
    script) take their model defaults instead of failing: the precision, source and verification
    fields."""

    BAWAAN = {
        "ketelitian_tanggal": KetelitianTanggal.HARI,
        "ketelitian_lokasi": KetelitianLokasi.DESA,
        "jenis_sumber": JenisSumber.LAPANGAN,
        "verifikasi": Verifikasi.SATU,
        "klasifikasi": Klasifikasi.TERBATAS,
    }

    def __init__(self, *args, user=None, **kwargs):
        """``user``: who fills the form; *Rahasia* is offered only to a user cleared for it."""
        super().__init__(*args, **kwargs)
        for nama in self.BAWAAN:
            if nama in self.fields:
                self.fields[nama].required = False
        if "klasifikasi" in self.fields:
            provinsi_id = access.lingkup(user).provinsi_id if user is not None else None
            batasi_pilihan(self.fields["klasifikasi"], user, provinsi_id)

    def clean(self):
        data = super().clean()
        for nama, bawaan in self.BAWAAN.items():
            if nama in self.fields and not data.get(nama):
                data[nama] = bawaan
        return data


class VersiMixin(BawaanMixin):
    """Carries the version the user started from, so a later save by someone else is detected."""

    versi = forms.IntegerField(widget=forms.HiddenInput, required=False)


class LaporanForm(VersiMixin, forms.ModelForm):
    class Meta:
        model = LaporanTriwulan
        fields = ["nihil", "catatan"]
        widgets = {"catatan": forms.Textarea(attrs={"rows": 3})}
        labels = {"nihil": "Nihil: tidak ada potensi maupun kejadian konflik triwulan ini"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("versi", self.instance.versi)


class PotensiForm(VersiMixin, forms.ModelForm):
    class Meta:
        model = PotensiKonflik
        fields = [
            "judul", "kecamatan", "desa", "ketelitian_lokasi", "latitude", "longitude", "sumber", "bidang",
            "pihak", "aktor_1", "aktor_2", "latar_belakang", "tingkat", "tren", "tahap", "langkah", "usulan",
            "indikator_perdamaian", "jenis_sumber", "verifikasi", "klasifikasi",
        ]  # fmt: skip
        widgets = {
            "pihak": forms.Textarea(attrs={"rows": 2}),
            "latar_belakang": forms.Textarea(attrs={"rows": 3}),
            "langkah": forms.Textarea(attrs={"rows": 3}),
            "usulan": forms.Textarea(attrs={"rows": 2}),
            "indikator_perdamaian": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "indikator_perdamaian": (
                "Upaya damai yang sudah ada untuk potensi ini (kapasitas, bukan ancaman)."
            ),
            "verifikasi": VERIFIKASI_BANTUAN,
            "latitude": "Opsional, derajat desimal, misalnya -1.9183 (selatan bernilai negatif).",
            "longitude": "Opsional, derajat desimal, misalnya 116.2025.",
        }

    def __init__(self, *args, laporan, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.instance.laporan = laporan
        self.initial.setdefault("versi", self.instance.versi)
        if self.instance.pk and user is not None:
            # The trend is read against last quarter's level (laporan.validasi): say what it was.
            lalu = validasi.triwulan_lalu(laporan, user)
            if dulu := lalu.tingkat.get(self.instance.identitas):
                self.fields["tren"].help_text = (
                    f"Pada {lalu.nama} tingkatnya {dulu}. Bila kini lebih tinggi, pilih Meningkat; bila "
                    "lebih rendah, Menurun atau Selesai."
                )


class KejadianForm(VersiMixin, forms.ModelForm):
    class Meta:
        model = KejadianKonflik
        fields = [
            "tanggal", "ketelitian_tanggal", "jenis", "kecamatan", "desa", "ketelitian_lokasi", "latitude",
            "longitude", "pihak", "aktor_1", "aktor_2", "uraian", "meninggal", "luka", "mengungsi",
            "kerugian", "penanganan", "jenis_sumber", "verifikasi", "klasifikasi",
        ]  # fmt: skip
        help_texts = {"verifikasi": VERIFIKASI_BANTUAN}
        widgets = {
            "tanggal": TANGGAL,
            "pihak": forms.Textarea(attrs={"rows": 2}),
            "uraian": forms.Textarea(attrs={"rows": 3}),
            "kerugian": forms.Textarea(attrs={"rows": 2}),
            "penanganan": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, laporan, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.laporan = laporan
        self.initial.setdefault("versi", self.instance.versi)


class PeriksaForm(forms.Form):
    keputusan = forms.ChoiceField(
        choices=[("terima", "Terima laporan"), ("kembalikan", "Kembalikan ke kabupaten/kota")],
        widget=forms.RadioSelect,
    )
    alasan = forms.CharField(
        label="Alasan pengembalian",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=3000,
        help_text="Wajib bila dikembalikan. Catatan per butir dapat diisi di tabel di atas.",
    )

    def __init__(self, *args, laporan=None, user=None, **kwargs):
        """Bound to a report, the form also takes the reviewer's note and *perlu tindak lanjut* mark
        on each item the reviewer may read (fields ``catatan-potensi-<pk>``, ``tl-potensi-<pk>`` and
        the same for kejadian, drawn beside each item)."""
        super().__init__(*args, **kwargs)
        self.butir = []
        if laporan is not None and self.is_bound:
            for jenis, items in (("potensi", laporan.potensikonflik), ("kejadian", laporan.kejadiankonflik)):
                for pk in items.terlihat(user).values_list("pk", flat=True):
                    nama = f"catatan-{jenis}-{pk}"
                    self.fields[nama] = forms.CharField(
                        required=False, max_length=2000, label=f"Catatan {jenis}"
                    )
                    self.fields[f"tl-{jenis}-{pk}"] = forms.BooleanField(required=False)
                    self.butir.append((nama, jenis, pk))

    def catatan(self) -> dict[tuple[str, int], str]:
        """The notes sent per item, keyed (jenis, pk), for ``actions.kembalikan`` (an item whose field
        was not sent keeps its note)."""
        return {(jenis, pk): self.cleaned_data[nama] for nama, jenis, pk in self.butir if nama in self.data}

    def tanda(self) -> dict[tuple[str, int], bool]:
        """The *perlu tindak lanjut* marks of the items shown in the form (their note field was sent;
        an unticked box is not sent, so it clears the mark)."""
        return {
            (jenis, pk): self.cleaned_data[f"tl-{jenis}-{pk}"]
            for nama, jenis, pk in self.butir
            if nama in self.data
        }


class BukaKembaliForm(forms.Form):
    alasan = forms.CharField(
        label="Alasan membuka kembali",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=3000,
        error_messages={"required": "Membuka kembali laporan yang sudah diterima memerlukan alasan."},
    )


class AturanForm(forms.Form):
    hari_tenggat = forms.IntegerField(
        label="Tenggat (hari setelah triwulan berakhir)",
        min_value=1,
        max_value=90,
        help_text="Bawaan 10 hari.",
    )


class PeriodeForm(forms.ModelForm):
    class Meta:
        model = Periode
        fields = ["tenggat", "ditutup"]
        labels = {"tenggat": "Tenggat khusus periode ini", "ditutup": "Tutup untuk laporan baru"}
        widgets = {"tenggat": TANGGAL}


class RingkasanForm(forms.Form):
    """The letter fields of the governor's summary; a requester cleared for the province's rahasia
    items also chooses whether the PDF holds them (and is then itself Rahasia, closed to the uncleared
    pimpinan and staff) or leaves them out."""

    def __init__(self, *args, dapat_rahasia: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if dapat_rahasia:
            self.fields["rahasia"] = forms.BooleanField(
                label="Sertakan butir rahasia",
                required=False,
                initial=True,
                widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
                help_text="Bila ada, PDF menjadi Rahasia: hanya pengguna yang diberi izin data rahasia yang "
                "dapat melihat dan mengunduhnya. Kosongkan untuk versi tanpa butir rahasia yang dapat "
                "dibuka pimpinan dan staf lain.",
            )
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-control form-control-sm")  # the box keeps its own

    nomor = forms.CharField(
        label="Nomor surat", max_length=100, required=False, help_text="Boleh dikosongkan."
    )
    sifat = forms.CharField(label="Sifat", max_length=40, initial="Terbatas")
    perihal = forms.CharField(
        label="Perihal", max_length=200, required=False, help_text="Kosongkan untuk perihal baku."
    )
    tanggal = forms.DateField(label="Tanggal surat", widget=TANGGAL)


class SegeraForm(BawaanMixin, forms.ModelForm):
    class Meta:
        model = LaporanSegera
        fields = [
            "judul", "jenis", "tanggal", "ketelitian_tanggal", "kecamatan", "desa", "ketelitian_lokasi",
            "latitude", "longitude", "uraian", "pihak", "aktor_1", "aktor_2", "meninggal", "luka",
            "mengungsi", "kerugian", "penanganan", "usulan", "jenis_sumber", "verifikasi", "klasifikasi",
        ]  # fmt: skip
        widgets = {
            "tanggal": TANGGAL,
            "uraian": forms.Textarea(attrs={"rows": 4}),
            "pihak": forms.Textarea(attrs={"rows": 2}),
            "kerugian": forms.Textarea(attrs={"rows": 2}),
            "penanganan": forms.Textarea(attrs={"rows": 3}),
            "usulan": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "ketelitian_tanggal": "Bila tanggal pastinya belum diketahui, isi tanggal perkiraan dan pilih "
            "ketelitiannya.",
            "latitude": "Opsional, derajat desimal, misalnya -1.9183.",
            "longitude": "Opsional, derajat desimal, misalnya 116.2025.",
            "verifikasi": VERIFIKASI_BANTUAN,
            "usulan": "Misalnya koordinasi dengan Polda, bantuan logistik pengungsi, atau rapat Forkopimda.",
        }


class PembaruanSegeraForm(forms.Form):
    isi = forms.CharField(
        label="Pembaruan",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        error_messages={"required": "Tuliskan apa yang berubah sejak laporan terakhir."},
    )
    meninggal = forms.IntegerField(label="Korban meninggal (terkini)", min_value=0, required=False)
    luka = forms.IntegerField(label="Korban luka (terkini)", min_value=0, required=False)
    mengungsi = forms.IntegerField(label="Pengungsi (terkini)", min_value=0, required=False)

    def __init__(self, *args, segera=None, **kwargs):
        super().__init__(*args, **kwargs)
        if segera is not None:
            for k in ("meninggal", "luka", "mengungsi"):
                self.fields[k].help_text = f"Sekarang {getattr(segera, k)}; kosongkan bila tidak berubah."


class TanggapanSegeraForm(forms.Form):
    aksi = forms.ChoiceField(
        choices=[
            (CatatanSegera.Jenis.DIKETAHUI, "Tanggapi"),
            (CatatanSegera.Jenis.DIMINTA, "Minta pembaruan"),
            (CatatanSegera.Jenis.DIESKALASI, "Eskalasi ke nasional"),
        ]
    )
    isi = forms.CharField(required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))


class EksporNasionalForm(forms.Form):
    """A national export: one of the last eight quarters, all reports sent or only accepted ones."""

    triwulan = forms.TypedChoiceField(label="Triwulan", coerce=int)
    hanya_diterima = forms.BooleanField(label="Hanya laporan yang diterima", required=False)

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["triwulan"].choices = [
            (tahun * 10 + tw, f"Triwulan {TRIWULAN_ROMAWI[tw]} {tahun}")
            for tahun, tw in triwulan_terakhir(today, 8)
        ]
