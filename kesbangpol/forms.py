from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm

from kesbangpol.models import Instansi, TokenAkses


class MasukForm(AuthenticationForm):
    """Django's Indonesian message reads "Masukkan nama pengguna nama pengguna dan sandi…"."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "Nama pengguna atau sandi salah. Huruf besar dan kecil dibedakan.",
        "inactive": "Akun ini nonaktif. Hubungi admin Kesbangpol provinsi.",
    }


class InstansiForm(forms.ModelForm):
    class Meta:
        model = Instansi
        fields = [
            "nama",
            "singkatan",
            "jenis",
            "alamat",
            "telepon",
            "email",
            "kepala_nama",
            "kepala_nip",
            "kepala_pangkat",
            "kepala_jabatan",
        ]

    def __init__(self, *args, wilayah, **kwargs):
        super().__init__(*args, **kwargs)
        # The region comes from the URL (already scope-checked), never from the posted form.
        self.instance.wilayah = wilayah
        self.fields["kepala_nip"].widget.attrs.update(inputmode="numeric", autocomplete="off")


class InstansiOperatorForm(InstansiForm):
    """An operator keeps their own office's contact details current; name and kind are the province's."""

    class Meta(InstansiForm.Meta):
        fields = [
            "alamat",
            "telepon",
            "email",
            "kepala_nama",
            "kepala_nip",
            "kepala_pangkat",
            "kepala_jabatan",
        ]


class PreferensiKabarForm(forms.Form):
    """One choice per kind of notification: at once by email, in the daily digest, or portal only."""

    def __init__(self, *args, user, **kwargs):
        from kesbangpol import notifikasi
        from kesbangpol.models import CaraKabar

        super().__init__(*args, **kwargs)
        self.user = user
        self.jenis = notifikasi.semua_jenis(user)
        sekarang = notifikasi.pilihan(user)
        for j in self.jenis:
            choices = [c for c in CaraKabar.choices if not (j.mendesak and c[0] == CaraKabar.HARIAN)]
            self.fields[j.kode] = forms.ChoiceField(
                label=j.label
                + (" (mendesak: tidak pernah ditunda ke ringkasan harian)" if j.mendesak else ""),
                choices=choices,
                initial=sekarang[j.kode],
                widget=forms.RadioSelect,
            )

    def save(self) -> None:
        from kesbangpol.models import PreferensiKabar

        for j in self.jenis:
            PreferensiKabar.objects.update_or_create(
                pengguna=self.user, jenis=j.kode, defaults={"cara": self.cleaned_data[j.kode]}
            )


class ResetSandiForm(PasswordResetForm):
    """The request answers the same way, by the same path, whether or not the address belongs to
    an account: looking the address up and sending the mail happen in a task after the response
    (``kesbangpol.tasks.kirim_reset_sandi``), so neither the answer nor its time tells the two apart."""

    def save(self, request=None, use_https=False, **kwargs):
        from kesbangpol import tasks

        tasks.antre(tasks.kirim_reset_sandi, self.cleaned_data["email"], request.get_host(), use_https)


class TokenForm(forms.Form):
    """A new personal access token for the read-only API."""

    nama = forms.CharField(
        max_length=100,
        label="Nama token",
        help_text="Untuk apa token ini, misalnya “Dasbor Bappeda” atau “Skrip rekap bulanan”.",
    )
    masa_berlaku = forms.TypedChoiceField(
        label="Berlaku selama", choices=TokenAkses.MASA_BERLAKU, coerce=int, initial=90
    )
    cakupan = forms.MultipleChoiceField(
        label="Data yang boleh dibaca",
        choices=TokenAkses.Cakupan.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=TokenAkses.Cakupan.values,
        error_messages={"required": "Pilih sekurang-kurangnya satu bagian data."},
        help_text="Token hanya dapat membaca, dan hanya data yang dapat Anda lihat di portal.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self):
        if TokenAkses.objects.for_user(self.user).berlaku().count() >= TokenAkses.BATAS_PER_PENGGUNA:
            raise forms.ValidationError(
                f"Anda sudah mempunyai {TokenAkses.BATAS_PER_PENGGUNA} token yang berlaku. "
                "Cabut token yang tidak dipakai lagi sebelum membuat yang baru."
            )
        return super().clean()
