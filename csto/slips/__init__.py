"""Beginner slips explained in one plain sentence, with Python's own message folded underneath.

Loaded by the first line of every notebook's setup cell, ``%load_ext csto.slips``. It registers an IPython custom
exception handler (``InteractiveShell.set_custom_exc``, IPython's own extension point) for the errors a person who
has never programmed makes in the course's cells:

- a word typed without quotes (``answer = Bordyuzha``): a ``NameError`` on a name that is not a course name; a
  number written in words (``answer = sixty-eight``) is told to go in digits or whole in quotes;
- a date pandas cannot read (``pd.Timestamp("2022-19-01")``, day and month swapped): pandas' ``DateParseError``;
- the setup cell skipped or deleted (``data.load(...)`` before the setup ran): a ``NameError`` on a course name;
- a course name overwritten (``data = data.load("events")`` and later ``data.load``): the error on a line that uses
  a course name which no longer holds the course's module or function;
- a line Python cannot parse (``arrival = 6 Jan 2022``): a ``SyntaxError`` in the cell itself;
- two dates typed as text and subtracted (``'2022-01-19' - '2022-01-06'``);
- text where a number is asked (``answer = "twelve"``, ``year > "2014"``): a ``TypeError``/``ValueError`` that
  comes from mixing text and numbers;
- a name typed with the wrong capitals or a letter off (``Show.note``, ``PD.Timestamp``, ``show.nte``): Python needs
  the exact spelling, and the sentence names the one meant;
- curly quotes from a word processor or a phone (``name = “Maria”``);
- the answer written under another name (``Answer = 61``, ``anwser = 61``, ``Mine = …`` for ``mine``): the check
  reads ``answer`` (or ``mine``) only, so the cell is stopped before the check marks an old answer; and the answer
  left empty while the cell gives a value to a name of the student's own (``my_answer = 3``): the cell is stopped
  just before its check, which would only say "no answer yet" (an IPython AST transformer, IPython's own extension
  point);
- a cell that checks ``answer`` with no ``answer = …`` line of its own (the line deleted, or the answer written as
  ``mine = …``): the check would mark the answer an earlier cell left, so the cell stops just before it; and
  ``answer == 7`` typed for ``answer = 7`` (a comparison gives the answer no value);
- a column compared with a list (``marks["name_en"] == central_asia``): pandas' "Lengths must match" becomes the
  advice to write ``.isin(...)``;
- a function given too few things between its brackets (``pd.crosstab(table["member"])``): the sentence names what
  is missing and points to the worked example.

``python -m csto.lab install-settings`` (run by ``make install``) also loads the handler in every kernel of the course's
environment when it starts, so a cell run before the setup cell, the morning after, explains itself too.

A slip is shown as one output (HTML with a plain-text fallback): the sentence, then the full traceback folded in
``<details>``, and under it the error in one line. The cell still fails (the kernel replies "error", and the error
output tells nbval and JupyterLab so), so Run All stops there as before. Any other error keeps IPython's normal
traceback.
"""

from __future__ import annotations

import ast
import html
import linecache
import re
import types
from dataclasses import dataclass

from .answers import (  # noqa: F401 - the package's interface: the kernel runs csto.slips.SlipFound and
    AnswerNameCheck, compared_answer, misnamed_answer, no_answer_line, stop_if_answer_elsewhere,  # these by name
)
from .names import ANSWER, COURSE_NAMES, COURSE_PACKAGES, RUN_SETUP, SlipFound  # noqa: F401

# SyntaxError too: IPython tries the custom handler before ``showsyntaxerror`` when a cell does not parse.
HANDLED = (SyntaxError, NameError, AttributeError, TypeError, ValueError, KeyError, SlipFound)
CURLY_QUOTES = "“”‘’„«»"
_STR_MINUS_STR = re.compile(r"unsupported operand type\(s\) for -: 'str' and 'str'")
_DATE_TEXT = re.compile(r"""(["'])(\d{4}-\d{2}-\d{2}|\d{1,2} \w+ \d{4})\1""")

_TEXT_VS_NUMBER = re.compile(
    r"not supported between instances of '(?:str|int|float)' and '(?:str|int|float)'"
    r"|unsupported operand type\(s\) for .*'str'"
    r"|can only concatenate str \(not \"(?:int|float)\"\)"
    r"|Invalid comparison between dtype=(?:int|float)\d* and str"
    r"|invalid literal for int\(\)"
    r"|could not convert string to float"
    r"|give a year or a list of years"
    r"|'>' not supported|'<' not supported"
)
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
# pandas' messages for a date text it cannot read (DateParseError, a ValueError, names the text after the colon)
_UNREADABLE_DATE = re.compile(
    r"month must be in 1\.\.12|out of range for month|Unknown datetime string format"
)
_LENGTHS = re.compile(r"Lengths (?:must match to compare|of operands do not match)")
_MISSING_ARGUMENT = re.compile(r"(\w+)\(\) missing (\d+) required (?:positional|keyword-only) arguments?: (.+)$")


@dataclass(frozen=True)
class Slip:
    """What went wrong and how to fix it, in one sentence, plus the name of the slip (for tests and bench)."""

    # "unreadable-line", "unquoted-word", "setup-not-run", "name-overwritten", "text-for-number", "text-for-date",
    # "missing-argument", "unreadable-date", "number-in-words"
    kind: str
    sentence: str


def _is_course_object(value: object) -> bool:
    """True when a course name still holds what the setup cell gave it: a module, or a function/class of the course."""
    if isinstance(value, types.ModuleType):
        return value.__name__.split(".")[0] in COURSE_PACKAGES
    module = getattr(value, "__module__", None)
    return callable(value) and isinstance(module, str) and module.split(".")[0] in COURSE_PACKAGES


def _is_cell(filename: str) -> bool:
    """True for the code of a notebook cell (ipykernel's /tmp/ipykernel_<pid>/<hash>.py, IPython's <ipython-input>)."""
    return filename.startswith(("<ipython-input", "<cell")) or "/ipykernel_" in filename


def _cell_line(tb: types.TracebackType | None) -> tuple[str, str, bool]:
    """The source of the notebook cell where the error happened, its failing line ('' when not found), and whether
    the error arose in the cell itself rather than inside a library the cell called."""
    cell, line, in_cell = "", "", False
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        in_cell = _is_cell(filename)
        lines = linecache.getlines(filename)
        if lines and in_cell:
            cell, line = "".join(lines), lines[tb.tb_lineno - 1] if tb.tb_lineno <= len(lines) else ""
        tb = tb.tb_next
    return cell, line, in_cell


def _names_in(code: str) -> set[str]:
    """Every plain name a piece of code reads or writes ('' when it does not parse)."""
    try:
        tree = ast.parse(code.strip())
    except SyntaxError:
        return set(re.findall(r"[A-Za-z_]\w*", code))
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}


def _used_as_variable(name: str, cell: str) -> bool:
    """True when the cell uses ``name`` as a table or a function (name.x, name[...], name(...)): a value some cell
    should have made; False when it stands alone, as an answer or an argument, which is where an unquoted word sits."""
    try:
        tree = ast.parse(cell)
    except SyntaxError:
        return bool(re.search(rf"\b{re.escape(name)}\s*[.\[(]", cell))
    for node in ast.walk(tree):
        base = (
            node.value
            if isinstance(node, (ast.Attribute, ast.Subscript))
            else node.func
            if isinstance(node, ast.Call)
            else None
        )
        if isinstance(base, ast.Name) and base.id == name:
            return True
    return False


def _overwritten(shell, line: str, cell: str) -> str | None:
    """The course name that the failing line uses but that no longer holds the course's object, if any."""
    used = _names_in(line) or _names_in(cell)
    for name in COURSE_NAMES:
        if name in used and name in shell.user_ns and not _is_course_object(shell.user_ns[name]):
            return name
    return None


def _kind_of(value: object) -> str:
    """'a table (DataFrame)', 'the text 'b'', 'the number 12': what an overwritten name now holds, in words."""
    if isinstance(value, str):
        shown = value if len(value) <= 30 else value[:29] + "…"
        return f"the text {shown!r}"
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, (int, float)):
        return f"the number {value}"
    kind = type(value).__name__
    return f"a table ({kind})" if kind in ("DataFrame", "Series", "Styler") else f"a {kind}"


def _quoted_numbers(line: str) -> list[str]:
    """The text values on a line that look like numbers or number words ("2014", 'twelve'): the likely slip."""
    words = r"[A-Za-z -]*(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|teen|ty)\s*"
    found = re.findall(rf"""(["'])(\s*-?\d[\d,.]*\s*|{words})\1""", line)
    return [text.strip() for _, text in found]


def _used_as_argument(name: str, cell: str) -> bool:
    """True when the cell passes ``name`` to a function (``len(mitchell)``): most often a table a cell above makes."""
    try:
        tree = ast.parse(cell)
    except SyntaxError:
        return bool(re.search(rf"\(\s*{re.escape(name)}\s*[,)]", cell))
    return any(
        isinstance(arg, ast.Name) and arg.id == name
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        for arg in [*node.args, *(k.value for k in node.keywords)]
    )


def _unreadable_line(value: SyntaxError) -> Slip | None:
    """A cell Python could not parse (``arrival = 6 Jan 2022``): the one sentence for every such line, naming the line;
    curly quotes, the commonest cause for someone who types in a word processor, are named as such."""
    if not _is_cell(getattr(value, "filename", None) or ""):
        return None
    several = len(linecache.getlines(value.filename or "")) > 1  # a one-line cell needs no line number
    where = f"line {value.lineno} of this cell" if several and getattr(value, "lineno", None) else "this line"
    if any(mark in (value.text or "") for mark in CURLY_QUOTES):
        return Slip(
            "curly-quotes",
            f"Python could not read {where}: its quotes are curly (“ ” or ‘ ’), as a word processor or a phone types "
            "them; Python needs straight quotes, \" or ': type them again in the notebook.",
        )
    return Slip(
        "unreadable-line",
        f"Python could not read {where}: words and dates go in quotes, e.g. '6 Jan 2022'; "
        "check that brackets ( ) [ ] and quotes come in pairs and that items are separated by commas.",
    )


def _known_names(shell) -> list[str]:
    """The names a student may mean: the course's and those the kernel holds (not IPython's own)."""
    return list(COURSE_NAMES) + [n for n in shell.user_ns if not n.startswith("_") and n not in ("In", "Out")]


def _meant(name: str, known: list[str]) -> str | None:
    """The known name ``name`` stands for with other capitals or a letter off ('Show' -> 'show', 'nte' -> 'note')."""
    import difflib

    same = [k for k in known if k.lower() == name.lower() and k != name]
    if same:
        return same[0]
    close = difflib.get_close_matches(name, [k for k in known if len(k) > 2], n=1, cutoff=0.8)
    return close[0] if close and close[0] != name else None


def _misspelt(shell, name: str) -> Slip | None:
    """A NameError on a name that is a known name with other capitals, or a course name with a letter off. A letter
    off one of the student's own names is not guessed: 'summit' beside a table 'summits' is most often a word
    without quotes, and the advice to write 'summits' would lead on to a worse error."""
    own = [n for n in _known_names(shell) if n not in COURSE_NAMES]
    course = _meant(name, list(COURSE_NAMES))
    meant = course or next((n for n in own if n.lower() == name.lower() and n != name), None)
    if meant is None:
        return None
    if course is None:
        return _own_name_in_other_capitals(shell, name, meant)
    why = "Python tells capital letters apart" if meant.lower() == name.lower() else "Python needs the exact spelling"
    return Slip("misspelt-name", f"{why}: write `{meant}`, not `{name}`.")


def _own_name_in_other_capitals(shell, name: str, meant: str) -> Slip:
    """``answer = Armenia`` in a notebook that made a table ``armenia``: a beginner most often meant the word, but may
    have meant the table; the sentence gives both fixes, the word's first, since advice to write ``armenia`` alone
    leads a student who meant the word on to a worse error ("Can't read a DataFrame")."""
    value = shell.user_ns.get(meant)
    what = "table" if type(value).__name__ in ("DataFrame", "Series", "Styler") else "value"
    how = "write it in small letters" if meant == meant.lower() else "write it with the same capitals"
    return Slip("misspelt-name", f"Python tells capital letters apart, so `{name}` is not `{meant}`: if you meant the "
                                 f"word, put it in quotes ('{name}'); if you meant the {what} `{meant}` made above, "
                                 f"{how}: `{meant}`.")


def _module_with(shell, name: str) -> str | None:
    """The course name (a module the setup cell imported: pd, show, charts, ...) that has ``name`` as a function:
    ``crosstab(...)`` typed for ``pd.crosstab(...)``."""
    for short in COURSE_NAMES:
        module = shell.user_ns.get(short)
        if isinstance(module, types.ModuleType) and callable(getattr(module, name, None)) and not name.startswith("_"):
            return short
    return None


def _missing_column(shell, value: KeyError, line: str) -> Slip | None:
    """``table["Member"]`` on a table with no such column: name the columns it has (a KeyError from pandas is two
    screens of library code)."""
    import pandas as pd

    key = value.args[0] if value.args else None
    try:
        tree = ast.parse(line.strip())
    except SyntaxError:
        return None
    for node in ast.walk(tree):
        if (isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name)
                and isinstance(node.slice, ast.Constant) and node.slice.value == key):
            table = shell.user_ns.get(node.value.id)
            if isinstance(table, pd.DataFrame) and key not in table.columns:
                columns = ", ".join(f"'{c}'" for c in table.columns)
                return Slip("missing-column", f"`{node.value.id}` has no column '{key}': its columns are {columns} "
                                              "(Python needs the exact spelling, capitals too).")
    return None


def _misspelt_attribute(value: AttributeError) -> Slip | None:
    """``show.nte(...)``: the course module has no such name; say which one is meant."""
    owner, name = getattr(value, "obj", None), getattr(value, "name", None)
    if not name or not _is_course_object(owner) or not isinstance(owner, types.ModuleType):
        return None
    short = owner.__name__.rsplit(".", 1)[-1]
    short = "pd" if short == "pandas" else short
    meant = _meant(name, [n for n in dir(owner) if not n.startswith("_")])
    if meant is None:
        return Slip("misspelt-name", f"`{short}` has nothing called `{name}`: check the spelling against the example "
                                     "above the cell (Python needs it exact, capitals too).")
    return Slip("misspelt-name", f"`{short}` has nothing called `{name}`: write `{short}.{meant}` "
                                 "(Python needs the exact spelling, capitals too).")


def _text_minus_text(line: str, cell: str) -> Slip:
    """Two dates typed as text and subtracted: say how to turn text into dates, with the student's own dates."""
    typed = list(dict.fromkeys(d for _, d in _DATE_TEXT.findall(line) + _DATE_TEXT.findall(cell)))
    later, earlier = _later_first(typed[:2]) if len(typed) >= 2 else ["2022-01-19", "2022-01-06"]
    return Slip(
        "text-for-date",
        f"Python cannot subtract text from text: to count the days between two dates, turn each text into a date "
        f'first, e.g. pd.Timestamp("{later}") - pd.Timestamp("{earlier}").',
    )


def _later_first(dates: list[str]) -> list[str]:
    """Two typed dates, the later first (as a subtraction that counts days forward needs them); as typed when they
    cannot be read."""
    import pandas as pd

    try:
        return sorted(dates, key=pd.Timestamp, reverse=True)
    except (ValueError, TypeError):
        return dates


def _unreadable_date(value: ValueError) -> Slip | None:
    """``pd.Timestamp("2022-19-01")``: pandas' DateParseError is forty lines of library code; the sentence says how to
    write a date it reads, with the text that was typed."""
    said = str(value)
    if not (type(value).__name__ == "DateParseError" or _UNREADABLE_DATE.search(said)):
        return None
    typed = said.rsplit(": ", 1)[1].strip() if ": " in said else ""
    what = f'"{typed}"' if typed else "this date"
    return Slip(
        "unreadable-date",
        f'pandas could not read {what} as a date: write a date as the table prints it, e.g. "6 January 2022", or '
        'year-month-day, "2022-01-19" (the year, then the month, then the day).',
    )


def _number_in_words(name: str, line: str) -> Slip | None:
    """``answer = sixty-eight``: Python reads ``sixty`` as an unknown name; the number goes in digits, or the whole
    answer in quotes (not the first word alone). The number words are the answer reader's (one definition)."""
    from ..lessons.answers import as_number
    from ..lessons.typed_numbers import MULTIPLIERS, NUMBER_WORDS, TENS

    words = [w for w in (*NUMBER_WORDS, *TENS, *MULTIPLIERS) if w != "none"]
    if name.lower() not in words:
        return None
    typed = re.search(rf"\b{re.escape(name)}(?:[ -]+(?:{'|'.join(words)})\b)*", line, flags=re.IGNORECASE)
    text = typed.group(0) if typed else name
    value = as_number(text.lower())
    digits = f" ({value:g})" if value is not None else ""
    return Slip(
        "number-in-words",
        f'Python does not read numbers written in words: write the number in digits{digits}, or put the whole '
        f'answer in quotes ("{text}").',
    )


def _is_list(node: ast.expr, shell) -> bool:
    """A list typed in the line (``["KAZ", "KGZ"]``) or a name that holds one (``central_asia``)."""
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return True
    return isinstance(node, ast.Name) and isinstance(shell.user_ns.get(node.id), (list, tuple, set))


def _list_compared(shell, line: str) -> Slip:
    """``marks["name_en"] == central_asia``: ``==`` compares each value with one value, so a list on the other side
    makes pandas complain that the lengths differ; ``.isin(...)`` keeps the rows whose value is one of the list's.
    The comparison named is the one with a list on one side (a line may hold other, sound comparisons)."""
    column, values, negated = 'table["column"]', "[...]", False
    try:
        tree = ast.parse(line.strip())
    except SyntaxError:
        tree = None
    for node in ast.walk(tree) if tree is not None else []:
        if isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], (ast.Eq, ast.NotEq)):
            left, right = node.left, node.comparators[0]
            if _is_list(left, shell):
                left, right = right, left
            if _is_list(right, shell):
                column, values, negated = ast.unparse(left), ast.unparse(right), isinstance(node.ops[0], ast.NotEq)
                break
    suggestion = f"~{column}.isin({values})" if negated else f"{column}.isin({values})"
    return Slip("list-compared", f"`==` compares a column with one value, not with a list: to keep the rows whose "
                                 f"value is one of a list, write `{suggestion}`.")


def explain(shell, etype: type, value: BaseException, tb: types.TracebackType | None) -> Slip | None:
    """The slip behind an error, or None when it is not one of the common beginner slips (then IPython's own
    traceback is shown). Reads the failing cell's source and the kernel's names; changes nothing."""
    if issubclass(etype, SlipFound):
        return Slip("answer-misnamed", str(value))
    if issubclass(etype, SyntaxError):
        return _unreadable_line(value)
    cell, line, in_cell = _cell_line(tb)
    if issubclass(etype, AttributeError) and in_cell and (slip := _misspelt_attribute(value)) is not None:
        return slip
    if issubclass(etype, KeyError) and (slip := _missing_column(shell, value, line)) is not None:
        return slip
    if issubclass(etype, NameError) and not issubclass(etype, UnboundLocalError) and in_cell:
        name = getattr(value, "name", None) or (re.findall(r"name '(\w+)' is not defined", str(value)) or [None])[0]
        if not name:
            return None
        if (slip := _number_in_words(name, line)) is not None:
            return slip
        if name not in COURSE_NAMES and (slip := _misspelt(shell, name)) is not None:
            return slip
        if (owner := _module_with(shell, name)) is not None:
            return Slip("module-missing", f"`{name}` belongs to `{owner}`: write `{owner}.{name}(...)`, as the "
                                          "example above the cell does.")
        if name in COURSE_NAMES:
            return Slip(
                "setup-not-run",
                f"`{name}` is not defined yet because the setup cell at the top has not run "
                f"(or was deleted): run it first ({RUN_SETUP}), then this cell again.",
            )
        if cell and _used_as_variable(name, cell):
            return Slip(
                "setup-not-run",
                f"`{name}` is made by a cell above that has not run yet: run the cells above "
                f"first ({RUN_SETUP}), then this cell again.",
            )
        if cell and name[:1].islower() and _used_as_argument(name, cell):
            return Slip(
                "unquoted-word",
                f"Python does not know `{name}`: if `{name}` is a table made in a cell above, run that cell first "
                f"({RUN_SETUP}); if you meant the word, put it in quotes ('{name}').",
            )
        if name[:1].isupper() or len(name) == 1 or not cell:
            return Slip(
                "unquoted-word",
                f"Python read {name} as a name it does not know: put words in quotes, '{name}', to write them as text.",
            )
        return Slip(
            "unquoted-word",
            f"Python does not know `{name}`: if it is a word, put it in quotes ('{name}'); "
            f"if a cell above makes it, run the cells above first ({RUN_SETUP}).",
        )
    name = _overwritten(shell, line, cell)
    if name is not None:
        now = _kind_of(shell.user_ns[name])
        return Slip(
            "name-overwritten",
            f"`{name}` no longer means {COURSE_NAMES[name]}: a cell set `{name} = …`, so it "
            f"now holds {now}; give your own value another name (such as `my_{name}`), "
            f"then rerun the setup cell at the top to get `{name}` back.",
        )
    if issubclass(etype, TypeError) and _STR_MINUS_STR.search(str(value)):
        return _text_minus_text(line, cell)
    if issubclass(etype, ValueError) and cell and (slip := _unreadable_date(value)) is not None:
        return slip
    if issubclass(etype, ValueError) and _LENGTHS.search(str(value)):
        return _list_compared(shell, line)
    if issubclass(etype, TypeError) and in_cell and (missing := _MISSING_ARGUMENT.search(str(value))):
        function, count, names = missing.groups()
        things = "one more thing" if count == "1" else f"{count} more things"
        return Slip("missing-argument", f"`{function}(...)` needs {things} between its brackets ({names}): look at "
                                        "the worked example above the cell and give it the same number of things, "
                                        "separated by commas.")
    if issubclass(etype, (TypeError, ValueError)) and _TEXT_VS_NUMBER.search(str(value)):
        typed = [t for t in _quoted_numbers(line) + _quoted_numbers(cell) if t[:1].isdigit()]
        example = f'{typed[0]}, not "{typed[0]}"' if typed else "12"
        return Slip(
            "text-for-number",
            f"A number is needed here but Python got text: type a number such as {example}, without quotes.",
        )
    return None


def _traceback_text(shell, etype: type, value: BaseException, tb) -> str:
    """IPython's own traceback for the error, without colour codes, as a reader of the folded part sees it."""
    try:
        if issubclass(etype, SyntaxError):  # IPython's own syntax-error view: the line and a caret under the slip
            return _ANSI.sub("", shell.SyntaxTB.stb2text(shell.SyntaxTB.structured_traceback(etype, value, [])))
        stb = shell.InteractiveTB.structured_traceback(etype, value, tb)
        return _ANSI.sub("", shell.InteractiveTB.stb2text(stb))
    except Exception:  # noqa: BLE001 - the folded part is a convenience; the sentence must still show
        return f"{etype.__name__}: {value}"


def slip_bundle(slip: Slip, traceback_text: str) -> dict[str, str]:
    """The output for a slip: HTML (the sentence above the traceback folded in <details>) and plain text."""
    sentence = html.escape(slip.sentence)
    sentence = re.sub(r"`([^`]+)`", r"<code>\1</code>", sentence)
    rich = (
        f'<div class="csto-slip" role="alert" data-slip="{slip.kind}" '
        f'style="border-left:4px solid #b45309;background:#fff7ed;color:#1f2937;padding:0.5em 0.8em;margin:0.3em 0">'
        f'<p style="margin:0 0 0.3em 0"><strong>{sentence}</strong></p>'
        f"<details><summary>Python's own message (open it if you ask someone for help)</summary>"
        f'<pre style="white-space:pre-wrap;font-size:85%">{html.escape(traceback_text)}</pre></details></div>'
    )
    plain = f"{slip.sentence.replace('`', '')}\n\n(Python's own message follows.)\n{traceback_text}"
    return {"text/html": rich, "text/plain": plain}


def _handler(shell, etype, value, tb, tb_offset=None):
    """IPython's custom exception handler: a slip becomes its sentence and folded traceback, anything else the normal
    traceback. The cell counts as failed either way (IPython set ``error_in_exec`` before calling this)."""
    slip = explain(shell, etype, value, tb)
    if slip is None:
        shell.showtraceback((etype, value, tb), tb_offset=tb_offset)
        return None
    from IPython.display import publish_display_data

    publish_display_data(
        slip_bundle(slip, _traceback_text(shell, etype, value, tb)), metadata={"csto": {"slip": slip.kind}}
    )
    # the cell failed: an error output in one line (the whole traceback is folded above), so that the notebook's own
    # record, JupyterLab and every tool that looks for errors (nbval, nbclient) know it, as they do without the slips
    line = "the cell was stopped before its check ran" if issubclass(etype, SlipFound) else f"{etype.__name__}: {value}"
    shell._showtraceback(etype, value, [line])
    return None


def load_ipython_extension(ipython) -> None:
    """``%load_ext csto.slips``: explain the common slips in this kernel (idempotent; ``%unload_ext`` undoes it)."""
    ipython.set_custom_exc(HANDLED, _handler)
    if not any(isinstance(t, AnswerNameCheck) for t in ipython.ast_transformers):
        ipython.ast_transformers.append(AnswerNameCheck())


def unload_ipython_extension(ipython) -> None:
    """``%unload_ext csto.slips``: back to IPython's plain tracebacks."""
    ipython.set_custom_exc((), None)
    ipython.ast_transformers[:] = [t for t in ipython.ast_transformers if not isinstance(t, AnswerNameCheck)]
