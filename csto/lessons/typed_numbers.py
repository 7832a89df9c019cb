"""A typed number, read the same way by the Python checker (``answers.as_number``) and in the page.

The self-check's number box (drawn by jupyterquiz, which reads digits only) hands what was typed to ``cstoReadNumber``
before the library checks it, so 'nine', 'forty-four', '44 percent', 'about 9', '2,000', 'since 2020' and a year said
aloud ('twenty twenty-two', 'two thousand and twenty') count as the numbers they are, in the page as in
``quiz.check``. The word tables, the hedges and the pattern are defined here once and written into the JavaScript, so
the two readers cannot drift apart.
"""

from __future__ import annotations

import json

NUMBER_WORDS = {"zero": 0, "none": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
                "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
MULTIPLIERS = {"hundred": 100, "thousand": 1000}
# the words before a number that leave it the same number ('about 44', 'since 2020'), and the forms a number is typed
# in: one definition, read by answers.as_number and by the page's reader below
HEDGES = ("about", "around", "roughly", "approximately", "nearly", "close to", "some", "exactly", "in", "since", "by")
NUMBER_PATTERN = r"(-?\d[\d,]*(?:\.\d+)?)\s*(%|percent)?(?:\s+[a-z ]*)?"


def number_words(text: str) -> float | None:
    """The number a text starts with in words ('forty-four members' is 44), or None.

    A second pair of words after a first is a year said aloud ('twenty twenty-two' is 2022, 'nineteen ninety-two'
    1992), not a sum: a student writes a year as they would say it.
    """
    total, seen = 0, False
    for word in text.replace("-", " ").split():
        value = NUMBER_WORDS.get(word, TENS.get(word))
        if value is not None:
            total = total * 100 + value if value >= 10 and 10 <= total < 100 else total + value
        elif word in MULTIPLIERS and seen:
            total *= MULTIPLIERS[word]
        elif word == "and" and seen:
            continue
        else:
            break
        seen = True
    return float(total) if seen else None


# cstoReadNumber(typed) -> a number, or null when the text is not one number; step for step answers.as_number
_READER = """
function cstoReadNumber(typed) {
  var units = %(units)s, tens = %(tens)s, multipliers = %(multipliers)s, hedges = %(hedges)s;
  var pattern = new RegExp("^(?:" + %(pattern)s + ")$");
  var own = function (table, word) { return Object.prototype.hasOwnProperty.call(table, word); };
  var text = String(typed).normalize("NFKC").toLowerCase().replace(/_/g, " ")
    .replace(/["'\\u201c\\u201d\\u2018\\u2019\\u00ab\\u00bb]/g, "").replace(/\\s+/g, " ")
    .replace(/^[ .,;:!?]+|[ .,;:!?]+$/g, "").replace(/per cent/g, "percent");
  text = text.replace(new RegExp("^(" + hedges.join("|") + ")\\\\s+"), "");
  var match = text.match(pattern);
  if (match) {
    var value = Number(match[1].replace(/,/g, ""));
    return isNaN(value) ? null : value;
  }
  var total = 0, seen = false, words = text.replace(/-/g, " ").split(" ").filter(Boolean);
  for (var k = 0; k < words.length; k++) {
    var word = words[k], worth = own(units, word) ? units[word] : (own(tens, word) ? tens[word] : null);
    if (worth !== null) total = (worth >= 10 && total >= 10 && total < 100) ? total * 100 + worth : total + worth;
    else if (own(multipliers, word) && seen) total *= multipliers[word];
    else if (word === "and" && seen) continue;
    else break;
    seen = true;
  }
  return seen ? total : null;
}
"""


def reader_js() -> str:
    """The JavaScript function ``cstoReadNumber``, its tables written from this module's own."""
    return _READER % {"units": json.dumps(NUMBER_WORDS), "tens": json.dumps(TENS),
                      "multipliers": json.dumps(MULTIPLIERS), "hedges": json.dumps(list(HEDGES)),
                      "pattern": json.dumps(NUMBER_PATTERN)}
