from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Partners and people")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .middleware import session_mark_signed_in

        user_logged_in.connect(session_mark_signed_in, dispatch_uid="partners.session_signed_in")
