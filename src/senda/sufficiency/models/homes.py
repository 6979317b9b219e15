"""Where the area's children live, by locality (docs/forecast.md, "By home locality"): each
postcode district (an outward code, ``NG7``) or sector (``NG7 1``) of the area that a
service manager has said is in one of its localities. A child's home locality is that of
their home postcode's sector when the sector is named, else its district's
(``localities.home``); a postcode in neither is "Locality not known".

A row is configuration, not a child's record: a change overwrites it and the audit log
keeps who changed what (``home_actions``).
"""

from __future__ import annotations

from django.db import models


class PostcodeLocalityQuerySet(models.QuerySet["PostcodeLocality"]):
    def of_area(self, la_id: int) -> PostcodeLocalityQuerySet:
        return self.filter(la_id=la_id)

    def as_map(self, la_id: int) -> dict[str, str]:
        """``{district or sector: locality}`` of the area (``localities.home`` reads it)."""
        return dict(self.of_area(la_id).values_list("prefix", "locality"))


class PostcodeLocality(models.Model):
    la = models.ForeignKey(
        "people.LocalAuthority", on_delete=models.CASCADE, related_name="postcode_localities"
    )
    prefix = models.CharField(
        max_length=8, help_text="A postcode district (NG7) or sector (NG7 1), upper case."
    )
    locality = models.CharField(max_length=100)

    objects = PostcodeLocalityQuerySet.as_manager()

    class Meta:
        ordering = ["la_id", "prefix"]
        constraints = [
            models.UniqueConstraint(fields=["la", "prefix"], name="postcode_locality_unique")
        ]

    def __str__(self) -> str:
        return f"{self.prefix}: {self.locality}"
