from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "senda.casework"
    label = "casework"
