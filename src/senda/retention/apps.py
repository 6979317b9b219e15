from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "senda.retention"
    label = "retention"
    verbose_name = "Retention"
