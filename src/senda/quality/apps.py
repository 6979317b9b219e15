from django.apps import AppConfig


class QualityConfig(AppConfig):
    name = "senda.quality"
    label = "quality"
    verbose_name = "Quality assurance"
