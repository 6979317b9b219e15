from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "senda.web"
    label = "web"
