"""A typed number read in the page as the Python checker reads it: ``answers.as_number`` in JavaScript.

The self-check's number box (drawn by jupyterquiz, which reads digits only) hands what was typed to this reader
before the library checks it, so 'nine', 'forty-four', '44 percent', 'about 9' and '2,000' count as the numbers they
are, in the page as in ``quiz.check``. The word lists, the hedges and the pattern come from ``answers``: one
definition, so the two readers cannot drift apart.
"""

from __future__ import annotations

import json

from . import answers

# cstoReadNumber(typed) -> a number, or null when the text is not one number; step for step answers.as_number
_READER = """
function cstoReadNumber(typed) {
  var units = %(units)s, tens = %(tens)s, hedges = %(hedges)s, pattern = new RegExp("^(?:" + %(pattern)s + ")$");
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
    var word = words[k];
    if (own(units, word)) total += units[word];
    else if (own(tens, word)) total += tens[word];
    else if (word === "hundred" && seen) total *= 100;
    else if (word === "and" && seen) continue;
    else break;
    seen = true;
  }
  return seen ? total : null;
}
"""


def reader_js() -> str:
    """The JavaScript function ``cstoReadNumber``, its tables written from ``answers`` (the Python reader's own)."""
    return _READER % {"units": json.dumps(answers.NUMBER_WORDS), "tens": json.dumps(answers.TENS),
                      "hedges": json.dumps(list(answers.HEDGES)), "pattern": json.dumps(answers.NUMBER_PATTERN)}
