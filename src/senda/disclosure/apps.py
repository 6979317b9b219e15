from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "senda.disclosure"
    label = "disclosure"
    verbose_name = "Subject access"
