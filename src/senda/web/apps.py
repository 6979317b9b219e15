from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "senda.web"
    label = "web"

    def ready(self) -> None:
        from senda.web import middleware  # noqa: F401  connects the sign-in session receiver
