from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "senda.people"
    label = "people"
