from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class PenggunaBackend(ModelBackend):
    """Loads the office and its region with the user: every request needs them for scoping and
    the time zone, so they come in the same query."""

    def get_user(self, user_id):
        user = (
            get_user_model()._default_manager.select_related("instansi__wilayah").filter(pk=user_id).first()
        )
        return user if user is not None and self.user_can_authenticate(user) else None

    def user_can_authenticate(self, user):
        # An inactive office cannot sign in either (the Kesbangpol of a merged region, say).
        if user.instansi_id and not user.instansi.aktif:
            return False
        return super().user_can_authenticate(user)
