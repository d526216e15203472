"""What the IKU register adds to a planning rakor's page and its report PDF (``rakor.halaman``): the
alignment agreed during a sinkronisasi perencanaan or Renstra/IKU rakor, and, for the province's
staff, the form that records it."""

from django import forms
from django.core.exceptions import ValidationError

from kesbangpol import access
from laporan.models import Indikator, KesepakatanIKU
from rakor.halaman import Bagian
from rakor.models import Rakor


class KesepakatanForm(forms.ModelForm):
    """One agreement: a kab/kota indicator of the rakor's province, the province indicator of the
    same Renstra it will support, and the changes agreed."""

    class Meta:
        model = KesepakatanIKU
        fields = ["indikator", "induk", "catatan"]
        widgets = {"catatan": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, rakor, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.rakor = rakor
        self.fields["indikator"].queryset = (
            Indikator.objects.filter(wilayah__provinsi_id=rakor.provinsi_id)
            .select_related("wilayah")
            .order_by("wilayah__kode", "kode")
        )
        self.fields["indikator"].label_from_instance = lambda i: (
            f"{i.wilayah.nama_singkat}: {i.kode} {i.nama}"
        )
        self.fields["induk"].queryset = Indikator.objects.filter(wilayah_id=rakor.provinsi_id).order_by(
            "-renstra_mulai", "kode"
        )
        self.fields["induk"].label_from_instance = lambda i: f"{i.kode} {i.nama} (Renstra {i.renstra})"

    def clean(self):
        """The register's own rule for a link (``Indikator.clean``: the province's indicator, the
        same Renstra), asked of the indicator as it will be saved."""
        data = super().clean()
        i, induk = data.get("indikator"), data.get("induk")
        if i and induk:
            i.induk = induk
            try:
                i.clean()
            except ValidationError as e:
                for pesan in e.message_dict.get("induk", e.messages):
                    self.add_error("induk", pesan)
        return data


def _kesepakatan(rakor, user):
    return list(
        KesepakatanIKU.objects.for_user(user)
        .filter(rakor=rakor)
        .select_related("indikator__wilayah", "induk", "dicatat_oleh")
    )


def halaman(rakor, user, form=None) -> Bagian:
    """A planning rakor's agreed alignment; staff who may change the rakor also get the form."""
    if rakor.jenis not in Rakor.PERENCANAAN:
        return Bagian("laporan/_rakor_iku.html", {"tampil": False})
    dapat_mencatat = rakor.dapat_diubah_oleh(user) and access.adalah_staf_provinsi(user)
    return Bagian(
        "laporan/_rakor_iku.html",
        {
            "tampil": True,
            "kesepakatan": _kesepakatan(rakor, user),
            "form": form or (KesepakatanForm(rakor=rakor) if dapat_mencatat else None),
        },
    )


def pdf(rakor, user) -> Bagian:
    if rakor.jenis not in Rakor.PERENCANAAN:
        return Bagian("laporan/_rakor_iku_pdf.html", {"tampil": False})
    return Bagian("laporan/_rakor_iku_pdf.html", {"tampil": True, "kesepakatan": _kesepakatan(rakor, user)})
