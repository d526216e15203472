from django import forms
from django.db import transaction
from django.db.models import Q

from kesbangpol import berkas
from kesbangpol.models import Instansi, Klasifikasi, Wilayah
from kesbangpol.models.klasifikasi import batasi_pilihan
from kesbangpol.nip import validate_nip
from rakor.models import Agenda, Arahan, Narasumber, Orang, OrangQuerySet, Peserta, Rakor

TANGGAL = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
JAM = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
BAHAN_PAPARAN = (berkas.PDF, berkas.PPTX, berkas.DOCX)


class InstansiChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.nama


def instansi_field(provinsi, label="Instansi") -> InstansiChoiceField:
    """Offices a rakor of this province may name: its own and its kab/kota's, and central ones."""
    kantor = Instansi.objects.di_provinsi(provinsi, pusat=True)
    return InstansiChoiceField(
        queryset=kantor.order_by("wilayah__kode", "jenis", "nama"),
        label=label,
        help_text="Tidak ada di daftar? Staf provinsi dapat menambahkannya di halaman wilayah.",
    )


class RakorForm(forms.ModelForm):
    class Meta:
        model = Rakor
        fields = [
            "judul",
            "tema",
            "jenis",
            "tahun_anggaran",
            "tanggal_mulai",
            "tanggal_selesai",
            "tempat",
            "kabkota",
            "penyelenggara",
            "dibuka_oleh",
            "jabatan_pembuka",
            "mewakili",
            "moderator",
            "ringkasan",
            "notulen",
        ]
        widgets = {
            "tanggal_mulai": TANGGAL,
            "tanggal_selesai": TANGGAL,
            "tema": forms.Textarea(attrs={"rows": 2}),
            "ringkasan": forms.Textarea(attrs={"rows": 4}),
            "notulen": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args, provinsi: Wilayah, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.provinsi = provinsi
        self.fields["kabkota"].queryset = provinsi.kabkota.order_by("kode")
        self.fields["kabkota"].label_from_instance = lambda w: w.nama_singkat
        self.fields["kabkota"].error_messages["invalid_choice"] = (
            f"Kabupaten/kota tempat rakor harus berada di {provinsi.nama}."
        )
        self.fields["penyelenggara"] = instansi_field(provinsi, label="Penyelenggara")
        self.fields["penyelenggara"].help_text = "Biasanya Badan Kesbangpol provinsi."
        if not self.instance.pk:
            self.initial.setdefault(
                "penyelenggara", Instansi.objects.kesbangpol().filter(wilayah=provinsi).first()
            )
            del self.fields["moderator"]
        else:
            orang = Q(narasumber__rakor=self.instance) | Q(kepesertaan__rakor=self.instance)
            self.fields["moderator"].queryset = Orang.objects.filter(orang).distinct().order_by("nama")
            self.fields["moderator"].help_text = "Dipilih dari narasumber dan peserta rakor ini."
        self.fields["tahun_anggaran"].widget.attrs.update(min=2000, max=2100)

    def clean_tahun_anggaran(self):
        tahun = self.cleaned_data["tahun_anggaran"]
        if not 2000 <= tahun <= 2100:
            raise forms.ValidationError("Tahun anggaran harus antara 2000 dan 2100.")
        return tahun


NIP_BENTROK = "NIP ini sudah terdaftar pada data di luar wilayah Anda. Kosongkan NIP atau hubungi admin."


class OrangFieldsMixin(forms.Form):
    """The person behind a speaker or participant, typed in and matched to an existing record
    (by NIP, then by name in the same office, within the user's scope) instead of duplicated."""

    nama = forms.CharField(max_length=200, help_text="Nama lengkap dengan gelar.")
    nip = forms.CharField(
        label="NIP", max_length=24, required=False, validators=[validate_nip], help_text="Opsional; 18 angka."
    )

    def orang_dimaksud(self) -> Orang | None:
        """The existing person this form names (None: a new one), or an error on the form."""
        data = self.cleaned_data
        orang = Orang.objects.for_user(self.user).cari(
            nama=data["nama"], nip=data.get("nip", ""), instansi=data["instansi"]
        )
        if OrangQuerySet.nip_bentrok(orang, data.get("nip", "")):
            self.add_error("nip", NIP_BENTROK)
        return orang

    def simpan_orang(self) -> Orang:
        orang, _ = Orang.objects.for_user(self.user).cocokkan(
            nama=self.cleaned_data["nama"],
            nip=self.cleaned_data.get("nip", ""),
            instansi=self.cleaned_data["instansi"],
            jabatan=self.cleaned_data.get("jabatan", ""),
        )
        return orang


class NarasumberForm(OrangFieldsMixin, forms.ModelForm):
    field_order = ["nama", "nip", "jabatan", "instansi", "materi", "moda", "bahan", "urutan"]

    class Meta:
        model = Narasumber
        fields = ["jabatan", "materi", "moda", "bahan", "urutan"]
        help_texts = {"urutan": "Urutan tampil (kecil lebih dulu)."}

    def __init__(self, *args, rakor: Rakor, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.rakor, self.user = rakor, user
        self.fields["instansi"] = instansi_field(rakor.provinsi)
        self.fields[
            "bahan"
        ].help_text = f"PDF, PowerPoint atau Word; paling besar {berkas.maks_bytes() // 2**20} MB."
        self.order_fields(self.field_order)
        if self.instance.pk:
            o = self.instance.orang
            self.initial.update(nama=o.nama, nip=o.nip, instansi=o.instansi_id)

    def clean_bahan(self):
        bahan = self.cleaned_data.get("bahan")
        if bahan and hasattr(bahan, "content_type"):  # a new upload, not the stored file
            self.jenis_bahan = berkas.periksa(bahan, BAHAN_PAPARAN)
        return bahan

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            orang = self.orang_dimaksud()
            if orang and self.rakor.narasumber.exclude(pk=self.instance.pk).filter(orang=orang).exists():
                self.add_error("nama", "Orang ini sudah menjadi narasumber rakor ini.")
        return cleaned

    @transaction.atomic
    def save(self, commit=True):
        narasumber = super().save(commit=False)
        narasumber.rakor = self.rakor
        narasumber.orang = self.simpan_orang()
        upload = self.cleaned_data.get("bahan")
        if upload and hasattr(upload, "content_type"):
            narasumber.bahan_nama = upload.name[:200]
            berkas.simpan(narasumber.bahan, "rakor/bahan", self.jenis_bahan, upload)
        narasumber.save()
        return narasumber


class AgendaForm(forms.ModelForm):
    class Meta:
        model = Agenda
        fields = ["tanggal", "jam_mulai", "jam_selesai", "acara", "narasumber", "keterangan"]
        widgets = {"tanggal": TANGGAL, "jam_mulai": JAM, "jam_selesai": JAM}

    def __init__(self, *args, rakor: Rakor, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.rakor = rakor
        self.fields["narasumber"].queryset = rakor.narasumber.select_related("orang")
        self.fields["narasumber"].label_from_instance = lambda n: n.orang.nama
        self.fields["narasumber"].help_text = "Opsional: narasumber yang mengisi acara ini."
        self.initial.setdefault("tanggal", rakor.tanggal_mulai)


class ArahanForm(forms.ModelForm):
    class Meta:
        model = Arahan
        fields = ["isi", "disampaikan_oleh", "urutan"]
        widgets = {"isi": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"urutan": "Urutan tampil (kecil lebih dulu)."}


class DokumentasiForm(forms.Form):
    berkas = forms.FileField(label="Berkas")
    keterangan = forms.CharField(
        max_length=300, help_text="Apa isi foto atau dokumen ini, misalnya Pembukaan oleh Wakil Bupati Paser."
    )
    klasifikasi = forms.ChoiceField(choices=Klasifikasi.choices, initial=Klasifikasi.TERBATAS, required=False)

    def __init__(self, *args, user=None, provinsi_id=None, **kwargs):
        """Rahasia is offered only to a user cleared for the rakor's province."""
        super().__init__(*args, **kwargs)
        batasi_pilihan(self.fields["klasifikasi"], user, provinsi_id)
        self.fields["berkas"].help_text = (
            f"Foto (JPEG, PNG) atau dokumen (PDF, Word, Excel, PowerPoint); paling besar "
            f"{berkas.maks_bytes() // 2**20} MB."
        )

    def clean_berkas(self):
        upload = self.cleaned_data["berkas"]
        self.jenis = berkas.periksa(upload)
        return upload


class PesertaForm(OrangFieldsMixin, forms.ModelForm):
    """One invitation: to a named person, or to an office's post when nobody is named yet."""

    field_order = ["nama", "nip", "jabatan", "instansi", "moda", "kehadiran", "diwakili_oleh", "keterangan"]

    class Meta:
        model = Peserta
        fields = ["jabatan", "moda", "kehadiran", "diwakili_oleh", "keterangan"]

    def __init__(self, *args, rakor: Rakor, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.rakor, self.user = rakor, user
        self.fields["nama"].required = False
        self.fields["nama"].help_text = "Kosongkan bila undangan ditujukan ke jabatan, bukan orang."
        self.fields["instansi"] = instansi_field(rakor.provinsi)
        self.order_fields(self.field_order)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("nama") and not cleaned.get("jabatan"):
            self.add_error(
                "jabatan", "Isi nama peserta, atau jabatan yang diundang bila nama belum diketahui."
            )
        if cleaned.get("nama") and not self.errors:
            orang = self.orang_dimaksud()
            if orang and self.instance.rakor.peserta.filter(orang=orang).exists():
                self.add_error("nama", "Orang ini sudah terdaftar sebagai peserta rakor ini.")
        return cleaned

    @transaction.atomic
    def save(self, commit=True):
        peserta = super().save(commit=False)
        peserta.instansi = self.cleaned_data["instansi"]
        if self.cleaned_data["nama"]:
            peserta.orang = self.simpan_orang()
        peserta.save()
        return peserta


class KehadiranForm(forms.ModelForm):
    """One row of the attendance sheet on screen."""

    class Meta:
        model = Peserta
        fields = ["kehadiran", "diwakili_oleh", "moda"]
        # A row of a table under the column's header: no help text, which each row's input would name
        # (aria-describedby) without the page showing it.
        help_texts = {"diwakili_oleh": ""}
        widgets = {
            "kehadiran": forms.Select(attrs={"class": "form-select form-select-sm"}),
            "moda": forms.Select(attrs={"class": "form-select form-select-sm"}),
            "diwakili_oleh": forms.TextInput(attrs={"class": "form-control form-control-sm"}),
        }


KehadiranFormSet = forms.modelformset_factory(Peserta, form=KehadiranForm, extra=0, can_delete=True)


class UndangForm(forms.Form):
    """Invite an office kind across the province in one step ("Kepala Bappeda Kabupaten/Kota se-Kaltim")."""

    jenis = forms.MultipleChoiceField(
        label="Jenis instansi",
        choices=[(j, Instansi.Jenis(j).label) for j in Instansi.NAMA_BAKU],
        widget=forms.CheckboxSelectMultiple,
        help_text="Instansi yang belum ada di suatu kabupaten/kota dibuat dengan nama bakunya.",
    )
    kabkota = forms.BooleanField(label="Seluruh kabupaten/kota di provinsi", required=False, initial=True)
    provinsi = forms.BooleanField(label="Instansi tingkat provinsi", required=False, initial=False)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("kabkota") and not cleaned.get("provinsi"):
            raise forms.ValidationError("Pilih tingkat provinsi, kabupaten/kota, atau keduanya.")
        return cleaned


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=Rakor.Status.choices)
