from django.apps import AppConfig


class BackupsConfig(AppConfig):
    name = "senda.backups"
    label = "backups"
    verbose_name = "Backups"
