from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "senda.web"
    label = "web"

    def ready(self) -> None:
        from senda.web import converters, govuk_render, middleware  # noqa: F401  middleware: session receiver

        govuk_render.install()
        converters.install()
