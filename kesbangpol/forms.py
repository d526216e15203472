from django import forms

from kesbangpol.models import Instansi


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
