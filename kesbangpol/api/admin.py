"""The API tokens in the Django admin: admins see and revoke the tokens of the users they manage."""

from django.contrib import admin

from kesbangpol import audit
from kesbangpol.admin import HanyaBaca, _admin_aktif, _PenerimaDalamLingkup
from kesbangpol.models import TokenAkses


class TokenBerlakuFilter(admin.SimpleListFilter):
    title = "keadaan"
    parameter_name = "keadaan"

    def lookups(self, request, model_admin):
        return [("berlaku", "Berlaku"), ("tidak", "Kedaluwarsa atau dicabut")]

    def queryset(self, request, queryset):
        berlaku = TokenAkses.objects.berlaku()
        if self.value() == "berlaku":
            return queryset.filter(pk__in=berlaku)
        if self.value() == "tidak":
            return queryset.exclude(pk__in=berlaku)
        return queryset


@admin.register(TokenAkses)
class TokenAksesAdmin(HanyaBaca, _PenerimaDalamLingkup, admin.ModelAdmin):
    """API tokens of the users the admin manages: who reads through the API, since when, last used
    when; an admin revokes one (a leaked token, a person who moved) but never sees or makes one."""

    pengguna_field = "pengguna"
    list_display = [
        "nama", "pengguna", "awalan", "cakupan", "dibuat", "kedaluwarsa", "terakhir_dipakai", "keadaan"
    ]  # fmt: skip
    list_filter = [TokenBerlakuFilter, "dibuat"]
    search_fields = ["nama", "awalan", "pengguna__username", "pengguna__nama_lengkap"]
    list_select_related = ["pengguna"]
    actions = ["cabut"]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in TokenAkses._meta.fields if f.name != "sidik"]

    def get_fields(self, request, obj=None):
        return self.get_readonly_fields(request, obj)

    def has_cabut_permission(self, request):
        return _admin_aktif(request)

    @admin.action(description="Cabut token terpilih", permissions=["cabut"])
    def cabut(self, request, queryset):
        dicabut = queryset.cabut()
        for token in dicabut:
            audit.catat(
                request, "token_api_cabut", token, keterangan=f"oleh admin: {token.awalan}… {token.nama}"
            )
        self.message_user(request, f"{len(dicabut)} token dicabut.")
