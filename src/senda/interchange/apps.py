from django.apps import AppConfig


class InterchangeConfig(AppConfig):
    name = "senda.interchange"
    label = "interchange"
    verbose_name = "SEN2, data quality and moving in"
