from django import forms

from kesbangpol import berkas as unggahan
from kesbangpol.models import Instansi
from kesbangpol.templatetags.portal import potong
from rakor.forms import TANGGAL
from rekomendasi.actions import Sasaran
from rekomendasi.models import Bidang, Penugasan, Rekomendasi, TindakLanjut


def _bidang_field(**kwargs):
    return forms.ModelChoiceField(queryset=Bidang.objects.filter(aktif=True), required=False, **kwargs)


class TempelForm(forms.Form):
    teks = forms.CharField(
        label="Daftar rekomendasi",
        widget=forms.Textarea(attrs={"rows": 14}),
        max_length=50_000,
        help_text="Tempel daftar bernomor dari notulen atau berita. Baris berhuruf (a., b.) atau "
        "berbutir (-) menjadi sub-butir; baris tanpa nomor menyambung baris sebelumnya.",
    )
    bidang = _bidang_field(label="Bidang bawaan", help_text="Dapat diubah per butir di pratinjau.")
    batas_waktu = forms.DateField(label="Batas waktu bawaan", required=False, widget=TANGGAL)
    sasaran = forms.ChoiceField(
        label="Ditugaskan ke (bawaan)", choices=Sasaran.CHOICES, required=False, initial=Sasaran.KABKOTA
    )


class ButirForm(forms.Form):
    """One line of the preview."""

    isi = forms.CharField(
        label="Isi",
        max_length=Rekomendasi._meta.get_field("isi").max_length,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control form-control-sm"}),
    )
    sub = forms.BooleanField(label="Sub-butir dari butir sebelumnya", required=False)
    bidang = _bidang_field(label="Bidang", widget=forms.Select(attrs={"class": "form-select form-select-sm"}))
    batas_waktu = forms.DateField(
        label="Batas waktu",
        required=False,
        widget=forms.DateInput(
            attrs={"type": "date", "class": "form-control form-control-sm"}, format="%Y-%m-%d"
        ),
    )
    batas_akhir_tahun = forms.BooleanField(label="Paling lambat akhir tahun", required=False)
    sasaran = forms.ChoiceField(
        label="Ditugaskan ke",
        choices=Sasaran.CHOICES,
        required=False,
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )

    def __init__(self, *args, rakor=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.rakor = rakor

    def clean_batas_waktu(self):
        batas = self.cleaned_data.get("batas_waktu")
        if batas and self.rakor and batas < self.rakor.tanggal_mulai:
            raise forms.ValidationError("Batas waktu tidak boleh sebelum rakor dimulai.")
        return batas


class BaseButirFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        butir = [f.cleaned_data for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        if not butir:
            raise forms.ValidationError("Tidak ada butir untuk disimpan.")
        if butir[0].get("sub"):
            raise forms.ValidationError(
                "Butir pertama tidak dapat menjadi sub-butir: tidak ada butir sebelumnya."
            )


ButirFormSet = forms.formset_factory(
    ButirForm, formset=BaseButirFormSet, extra=0, can_delete=True, max_num=300
)


class PilihInstansi(forms.widgets.ChoiceWidget):
    """Checkboxes grouped by region with a search box, instead of a native multi-select whose long
    office names were cut off. Not a CheckboxSelectMultiple subclass, so crispy leaves its template."""

    allow_multiple_selected = True
    input_type = "checkbox"
    template_name = "rekomendasi/widgets/pilih_instansi.html"
    option_template_name = "django/forms/widgets/checkbox_option.html"
    add_id_index = True
    checked_attribute = {"checked": True}
    option_inherits_attrs = False

    def value_from_datadict(self, data, files, name):
        return data.getlist(name) if hasattr(data, "getlist") else data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return False  # an unticked list is an empty choice, not a missing field

    def id_for_label(self, id_, index=None):
        return "" if index is None else super().id_for_label(id_, index)


def _instansi_berkelompok(field, provinsi) -> None:
    """The province's offices for ``field``, grouped by region (the province first)."""
    instansi = list(
        Instansi.objects.di_provinsi(provinsi)
        .select_related("wilayah")
        .order_by("wilayah__kode", "jenis", "nama")
    )
    field.queryset = Instansi.objects.di_provinsi(provinsi)
    kelompok: dict[str, list] = {}
    for i in instansi:
        kelompok.setdefault(i.wilayah.nama, []).append((i.pk, i.nama))
    field.widget.choices = list(kelompok.items())


class RekomendasiForm(forms.ModelForm):
    sasaran = forms.ChoiceField(label="Tugaskan ke kelompok", choices=Sasaran.CHOICES, required=False)
    instansi = forms.ModelMultipleChoiceField(
        label="Tugaskan ke instansi tertentu",
        queryset=Instansi.objects.none(),
        required=False,
        widget=PilihInstansi,
        help_text=(
            "Centang satu atau beberapa; ketik untuk mencari. Penugasan yang sudah ada tidak dihapus di sini."
        ),
    )

    class Meta:
        model = Rekomendasi
        fields = ["induk", "isi", "bidang", "batas_waktu", "batas_akhir_tahun"]
        widgets = {"batas_waktu": TANGGAL, "isi": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, rakor, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.rakor = rakor
        self.fields["bidang"].queryset = Bidang.objects.filter(aktif=True)
        induk = rakor.rekomendasi.filter(induk=None)
        if self.instance.pk:
            induk = induk.exclude(pk=self.instance.pk)
        self.fields["induk"].queryset = induk.order_by("nomor")
        self.fields["induk"].label_from_instance = lambda r: f"{r.nomor}. {potong(r.isi, 70)}"
        _instansi_berkelompok(self.fields["instansi"], rakor.provinsi)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented pattern); each is checked on its content."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        cleaned = [super(MultipleFileField, self).clean(f, initial) for f in files]
        for f in cleaned:
            unggahan.periksa(f)
        return cleaned


class TindakLanjutForm(forms.Form):
    """An office's follow-up report on its assignment."""

    tanggal = forms.DateField(widget=TANGGAL, help_text="Tanggal kegiatan tindak lanjut.")
    status = forms.ChoiceField(
        label="Status yang dilaporkan",
        choices=[
            (Penugasan.Status.BELUM_SESUAI, "Belum sesuai (sedang dikerjakan)"),
            (Penugasan.Status.SESUAI, "Sesuai — diusulkan, menunggu verifikasi provinsi"),
            (
                Penugasan.Status.TIDAK_DAPAT,
                "Tidak dapat ditindaklanjuti — diusulkan, menunggu verifikasi provinsi",
            ),
        ],
        widget=forms.RadioSelect,
    )
    narasi = forms.CharField(
        label="Uraian tindak lanjut",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text="Apa yang sudah dilakukan, oleh siapa, dan hasilnya.",
    )
    berkas = MultipleFileField(
        label="Bukti dukung",
        required=False,
        help_text="Surat, SK, foto atau laporan (PDF, JPEG, PNG, Word, Excel, PowerPoint). "
        "Wajib untuk usulan Sesuai.",
    )
    alasan = forms.ChoiceField(
        label="Alasan (untuk tidak dapat ditindaklanjuti)",
        choices=[("", "—"), *TindakLanjut.Alasan.choices],
        required=False,
    )
    alasan_lain = forms.CharField(label="Alasan lainnya", max_length=300, required=False)


class VerifikasiForm(forms.Form):
    keputusan = forms.ChoiceField(
        choices=[("terima", "Terima usulan"), ("kembalikan", "Kembalikan ke instansi")],
        widget=forms.RadioSelect,
    )
    catatan = forms.CharField(
        label="Catatan verifikasi",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        help_text="Wajib bila dikembalikan: apa yang kurang atau harus diperbaiki.",
    )


class TugaskanForm(forms.Form):
    sasaran = forms.ChoiceField(label="Kelompok", choices=Sasaran.CHOICES, required=False)
    instansi = forms.ModelMultipleChoiceField(
        label="Instansi tertentu",
        queryset=Instansi.objects.none(),
        required=False,
        widget=PilihInstansi,
        help_text="Centang satu atau beberapa; ketik untuk mencari.",
    )

    def __init__(self, *args, provinsi, **kwargs):
        super().__init__(*args, **kwargs)
        _instansi_berkelompok(self.fields["instansi"], provinsi)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("sasaran") and not cleaned.get("instansi"):
            raise forms.ValidationError("Pilih kelompok atau paling sedikit satu instansi.")
        return cleaned
