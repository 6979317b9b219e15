"""Small word lists the demo area is built from. Every name is synthetic.

Children, parents and staff get a common given name and a common family name picked at
random, so any likeness to a real person is chance; places are invented words.
"""

from __future__ import annotations

GIVEN_F = (
    "Amelia", "Olivia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Freya", "Florence", "Isabella",
    "Grace", "Sophia", "Poppy", "Evie", "Ella", "Willow", "Rosie", "Daisy", "Sienna", "Ruby",
    "Hannah", "Zara", "Aisha", "Maya", "Amira", "Layla", "Chloe", "Erin", "Megan", "Jessica",
)  # fmt: skip
GIVEN_M = (
    "Oliver", "George", "Noah", "Arthur", "Leo", "Harry", "Oscar", "Muhammad", "Jack",
    "Charlie", "Theo", "Jacob", "Freddie", "Alfie", "Finley", "Thomas", "Henry", "Archie",
    "Joshua", "Lucas", "Ethan", "Mason", "Riley", "Adam", "Ibrahim", "Kai", "Reuben", "Dylan",
    "Samuel", "Logan",
)  # fmt: skip
FAMILY = (
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel",
    "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall",
    "Thomas", "Clarke", "Jackson", "Wood", "Harris", "Edwards", "Turner", "Martin", "Cooper",
    "Hill", "Ward", "Hughes", "Moore", "Clark", "King", "Harrison", "Lewis", "Baker", "Lee",
    "Allen", "Morris", "Khan", "Scott", "Watson", "Davis", "Parker", "James", "Bennett",
    "Young", "Phillips", "Richardson", "Mitchell", "Bailey", "Carter", "Cook", "Singh", "Shaw",
    "Bell", "Collins", "Morgan", "Kelly", "Begum", "Miller", "Cox", "Hussain", "Marshall",
    "Simpson", "Price", "Anderson", "Adams", "Wilkinson", "Ali", "Ahmed", "Foster", "Ellis",
    "Murphy", "Chapman", "Mason", "Gray", "Richards", "Webb", "Griffiths", "Hunt", "Palmer",
    "Campbell", "Holmes", "Mills", "Rogers", "Barnes", "Knight", "Matthews", "Barker", "Powell",
    "Stevens", "Kaur", "Fisher", "Butler", "Dixon", "Russell", "Harvey", "Pearson", "Graham",
)  # fmt: skip

#: Invented place words: "<stem><ending>" makes names such as "Ashcombe" or "Brackley".
PLACE_STEMS = (
    "Ash", "Brack", "Cal", "Dun", "Elm", "Fen", "Gild", "Hal", "Ives", "Kel", "Lang", "Mar",
    "Nor", "Ock", "Pen", "Quarr", "Rad", "Sax", "Thorn", "Ull", "Wel", "Yar", "Bram", "Cold",
    "Drax", "Eas", "Fox", "Gran", "Hay", "Lin",
)  # fmt: skip
PLACE_ENDINGS = ("combe", "ley", "ford", "thorpe", "by", "well", "field", "stow", "ham", "wick")
SAINTS = ("Anne", "Mary", "Peter", "Andrew", "Michael", "Bede", "Hilda", "Chad", "Luke", "John")
SPECIAL_WORDS = (
    "Oakwood", "Willowbank", "Horizons", "Skylark", "Brookside", "Heronsgate", "Lighthouse",
    "Meadowview", "Rowan", "Kingfisher", "Harbour", "Beacon",
)  # fmt: skip

#: Localities of Seaview (fictional).
LOCALITIES = ("Harbourside", "Northgate", "Eastmoor", "Westfield Vale", "Southdown")
OTHER_LOCALITIES = ("Moorgate",)
