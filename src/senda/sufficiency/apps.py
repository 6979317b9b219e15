from django.apps import AppConfig


class SufficiencyConfig(AppConfig):
    name = "senda.sufficiency"
    label = "sufficiency"
    verbose_name = "Demand, places and High Needs money"
