from django.apps import AppConfig


class ImprovementConfig(AppConfig):
    name = "senda.improvement"
    label = "improvement"
    verbose_name = "Improvement plans"
