from django.conf import settings

from kesbangpol import access


def portal(request):
    user = getattr(request, "user", None)
    scope = access.lingkup(user) if user is not None else access.KOSONG
    return {
        "PORTAL_NAMA": settings.PORTAL_NAMA,
        "lingkup": scope,
        "hanya_baca": user is not None and user.is_authenticated and not access.dapat_menulis(user),
        "staf_provinsi": user is not None and user.is_authenticated and access.adalah_staf_provinsi(user),
        "tingkat_provinsi": user is not None and user.is_authenticated and access.tingkat_provinsi(user),
    }
