from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo partnership (`seed_demo`) and the data at scale (`seed_scale`), built on top of
    every app and imported by none."""

    name = "demo"
    verbose_name = "Demo"
