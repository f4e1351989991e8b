"""Permissions that a later migration adds to a backbone role made by lip_portal 0002.

A migration declares one `RoleGrant`, runs its `forward` and `backward`, and exposes its `grant`
so that lip_portal.roles can give them again to a role it remakes in a flushed test database.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class RoleGrant:
    app_label: str
    role: str
    codenames: tuple[str, ...]

    def _permissions(self, apps: Any) -> Any:
        return apps.get_model("auth", "Permission").objects.filter(
            content_type__app_label=self.app_label, codename__in=self.codenames
        )

    def _role(self, apps: Any) -> Any:
        return apps.get_model("auth", "Group").objects.filter(name=self.role).first()

    def grant(self, apps: Any, role: Any) -> None:
        if role.name == self.role:
            role.permissions.add(*self._permissions(apps))

    def forward(self, apps: Any, schema_editor: Any) -> None:
        """Create the app's permissions now (Django makes them only after the migrations) and
        give them to the role, if it exists."""
        from django.contrib.auth.management import create_permissions

        app_config = apps.get_app_config(self.app_label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
        role = self._role(apps)
        if role is not None:
            self.grant(apps, role)

    def backward(self, apps: Any, schema_editor: Any) -> None:
        role = self._role(apps)
        if role is not None:
            role.permissions.remove(*self._permissions(apps))
