from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "senda.demo"
    label = "demo"
