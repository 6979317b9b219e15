"""The DfE's ethnicity codes, as the SEN2 return asks for a child's ethnicity.

Source: the DfE common basic data set's main ethnicity codes, as the DfE publishes them for
its censuses ("Alternative provision census: codes", gov.uk/guidance/alternative-provision-
ap-census/codes, table "Ethnicity", column "DfE main code"; the school census uses the same
list; docs/sen2.md, source DFE-ETH). SEN2's ``Ethnicity`` item takes the CBDS codes
(docs/sen2.md notes this is not yet confirmed against the DfE's specification).

Only the 20 main codes are listed: the DfE's extended codes (WENG, WALB…) each roll up to
one of them, and an officer choosing from this list chooses a main code. ``REFU`` (refused)
and ``NOBT`` (not yet obtained) are codes too, not blanks; blank is "not recorded".
"""

from __future__ import annotations

__all__ = ["ETHNICITY_CODES", "ETHNICITY_SOURCE"]

ETHNICITY_SOURCE = "https://www.gov.uk/guidance/alternative-provision-ap-census/codes"

#: (code, description), in the DfE's order.
ETHNICITY_CODES = (
    ("WBRI", "White – British"),
    ("WIRI", "White – Irish"),
    ("WIRT", "Traveller of Irish heritage"),
    ("WOTH", "Any other White background"),
    ("WROM", "Gypsy / Roma"),
    ("MWBC", "White and Black Caribbean"),
    ("MWBA", "White and Black African"),
    ("MWAS", "White and Asian"),
    ("MOTH", "Any other mixed background"),
    ("AIND", "Indian"),
    ("APKN", "Pakistani"),
    ("ABAN", "Bangladeshi"),
    ("AOTH", "Any other Asian background"),
    ("BCRB", "Black Caribbean"),
    ("BAFR", "Black – African"),
    ("BOTH", "Any other Black background"),
    ("CHNE", "Chinese"),
    ("OOTH", "Any other ethnic group"),
    ("REFU", "Refused"),
    ("NOBT", "Information not yet obtained"),
)
