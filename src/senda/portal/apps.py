from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "senda.portal"
    label = "portal"
    verbose_name = "Portal"
