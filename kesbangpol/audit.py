"""Writing the audit trail: one call per sensitive action, and for refusals (403/404 handlers).

Never pass secrets or report text: only the action, an object reference ("laporan:12") and a short
note. The address is the client's as Django sees it (behind a proxy: the proxy's address unless the
deployment sets AXES_PROXY_COUNT/REMOTE_ADDR correctly)."""

from kesbangpol import access


def catat(
    request, aksi: str, objek=None, *, hasil: str = "berhasil", keterangan: str = "", provinsi_sasaran=None
) -> None:
    from kesbangpol.models import Audit

    user = getattr(request, "user", None)
    masuk = user is not None and user.is_authenticated
    scope = access.lingkup(user) if masuk else access.KOSONG
    wilayah = user.instansi.wilayah if masuk and user.instansi_id and user.instansi.wilayah_id else None
    if objek is not None and not isinstance(objek, str):
        objek = f"{objek._meta.model_name}:{objek.pk}"
    Audit.objects.create(
        pengguna=user if masuk else None,
        username=user.get_username() if masuk else "",
        peran=user.peran if masuk else "",
        provinsi_id=scope.provinsi_id,
        provinsi_sasaran_id=provinsi_sasaran if provinsi_sasaran != scope.provinsi_id else None,
        wilayah_kode=wilayah.kode if wilayah else "",
        aksi=aksi,
        objek=(objek or "")[:120],
        keterangan=keterangan[:300],
        alamat=request.META.get("REMOTE_ADDR") or None,
        hasil=hasil,
    )
