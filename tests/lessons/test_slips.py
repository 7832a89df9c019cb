"""The common beginner slips explain themselves: real cells run in a real kernel with ``%load_ext csto.slips``.

Each slip must show one plain sentence (what went wrong, how to fix it) above Python's own message folded in
<details>; the cell must still fail, so Run All stops there; any other error keeps IPython's normal traceback.
"""

from __future__ import annotations

import re

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from csto.paths import repo_root

SETUP = "from csto import charts, data, show\nfrom csto.lessons import quiz\nfrom csto.reader import read"
CELLS = [
    "%load_ext csto.slips",  # 0
    'data.load("events")',  # 1 setup cell not run yet
    "answer = Bordyuzha",  # 2 a word without quotes
    SETUP,  # 3 the setup cell
    "answer = Bordyuzha",  # 4 the same slip after setup
    'events.loc["ev_1992_treaty"]',  # 5 a cell above (making `events`) skipped
    'data = data.load("events")',  # 6 the student names a table `data`
    'data.load("crises")',  # 7 ... and a later course cell breaks
    'quiz = "b"',  # 8
    'quiz.check("nb04_stretched_thin", "a")',  # 9
    SETUP,  # 10 rerunning the setup restores the names
    'len(data.load("crises")) > 0',  # 11
    'year = "2014"\nyear > 2000',  # 12 text where a number is asked
    'int("twelve")',  # 13
    "1 / 0",  # 14 not a slip: normal traceback
    # 15 a NameError inside called code (a library's bug), not a word the student typed
    'library = {}\nexec(compile("def f():\\n    return nowhere", "library.py", "exec"), library)\nlibrary["f"]()',
    "arrival = 6 Jan 2022",  # 16 a date typed without quotes: the cell does not parse
    "len(mitchell)",  # 17 a table a cell above makes, passed to a function before that cell ran
    "'2022-01-19' - '2022-01-06'",  # 18 two dates typed as text, subtracted
    'exec("1 +")',  # 19 a syntax error in code the cell runs, not in the cell: normal traceback
    'Show.note("x")',  # 20 wrong capitals on a course name
    'show.nte("x")',  # 21 a letter off in a course function's name
    'name = "Maria"\nname = \u201cMaria\u201d',  # 22 curly quotes from a word processor, on line 2
    'answer = 47',  # 23 an earlier answer ...
    'Answer = 61\nquiz.check("nb04_stretched_thin", answer)',  # 24 ... and the new one under another name
    'arrival = "6 Jan 2022"\nend = "19 Jan 2022"\nanswer = end - arrival',  # 25 dates as text, later one typed second
    'PD.Timestamp("2022-01-06")',  # 26 wrong capitals on pandas
    'import pandas as pd\nsummits = pd.DataFrame({"kind": ["summit", "visit"]})',  # 27 a table of the student's own
    'summits[summits["kind"] == summit]',  # 28 a word without quotes, a letter off that table's name
    'crosstab(summits["kind"], summits["kind"])',  # 29 a pandas function without pd.
    'summits["Kind"]',  # 30 a column with the wrong capital
    'answer = None\nmy_answer = 3\nshow.note(quiz.check("ex04_central_asia_marks", answer))',  # 31 answer, own name
    # 32 a table under a name of one's own in an answer cell
    'answer = None\nMine = pd.crosstab(summits["kind"], summits["kind"])\n'
    'show.note(quiz.check("ex04_central_asia_marks", answer))',
    # 33 notebook 04's Exercise 1: the table under `Mine`, the check reads `mine`
    'mine = None\nMine = pd.crosstab(summits["kind"], summits["kind"])\ndisplay(mine)\n'
    'scorecard.check(mine, acts, members);',
    # 34 ... and under a name of one's own, `mine` left empty
    'my_table = pd.crosstab(summits["kind"], summits["kind"])\nmine = None\ndisplay(mine)\n'
    'scorecard.check(mine, acts, members);',
    # 35 notebook 06's Exercise 1 as the course gives it: its own table `cards`, the answer not given yet
    'from csto.lessons import evidence\ncards = evidence.evidence()\nanswer = None\n'
    'quiz.check("ex06_mitchell_pieces", answer)',
    # 36 an answer given, beside a name of one's own
    'answer = 6\nnote = "counted by hand"\nshow.note(quiz.check("ex04_central_asia_marks", answer))',
    'answer = "AFP 2022"',  # 37 an earlier answer, right ...
    # 38 ... and the next try written as `mine = …`, with no `answer = …` line: the check would mark the old answer
    'print("the chart")\nmine = "Evstratov 2022"\nshow.note(quiz.check("ex06_no_strength_cards", answer))',
    'answer == 7\nshow.note(quiz.check("ex05_evstratov_operation", answer))',  # 39 a comparison for `=`
    # 40 a column compared with a list
    'marks = pd.DataFrame({"name_en": ["Kazakhstan", "Russia", "Armenia", "Belarus"]})\n'
    'central_asia = ["Kazakhstan", "Kyrgyzstan", "Tajikistan"]\n'
    'marks[(marks["name_en"] != "Russia") & (marks["name_en"] == central_asia)]',
    # 41 a cell that checks `answer` as a function's parameter: it gives `answer` its value, so it runs
    'def mark(answer):\n    return quiz.check("ex05_evstratov_operation", answer)\nprint(mark(7))',
    'pd.crosstab(summits["kind"])',  # 42 a function given one thing where it needs two
    'arrival = pd.Timestamp("2022-01-06")\nend = pd.Timestamp("2022-19-01")',  # 43 day and month swapped
    "answer = sixty-eight",  # 44 a number written in words, without quotes
    "answer = Seven",  # 45 one number word, with a capital
    'armenia = pd.DataFrame({"crisis": ["arm_2022"]})',  # 46 a table of the notebook's own, in small letters ...
    "answer = Armenia",  # 47 ... and the word typed without quotes, with a capital (02 Exercise 1)
]


@pytest.fixture(scope="module")
def executed() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(code) for code in CELLS]
    NotebookClient(
        nb,
        timeout=120,
        kernel_name="python3",
        allow_errors=True,
        resources={"metadata": {"path": str(repo_root() / "notebooks")}},
    ).execute()
    return nb


def slip_output(cell) -> dict:
    shown = [o for o in cell.outputs if o.output_type == "display_data" and "csto" in o.get("metadata", {})]
    assert len(shown) == 1, f"expected one slip message, got outputs {cell.outputs}"
    return shown[0]


def sentence(cell) -> str:
    return slip_output(cell)["data"]["text/plain"].split("\n")[0]


@pytest.mark.parametrize("index", [1, 2, 4, 5, 7, 9, 12, 13, 16, 17, 18, 31, 34, 38, 39, 40, 43, 44])
def test_every_slip_shows_one_sentence_above_the_folded_traceback(executed, index):
    output = slip_output(executed.cells[index])
    rich = output["data"]["text/html"]
    assert rich.index("<strong>") < rich.index("<details>")
    assert re.search(r"Traceback|SyntaxError", rich.split("<details>")[1]), "Python's own message is not folded in"
    assert "<summary>" in rich and "Traceback" not in rich.split("<details>")[0]
    errors = [o for o in executed.cells[index].outputs if o.output_type == "error"]
    assert len(errors) == 1, "the cell must still count as failed for nbval and JupyterLab"
    assert len(errors[0].traceback) == 1 and "Traceback" not in errors[0].traceback[0], "the raw traceback shows twice"


def test_a_skipped_setup_cell_says_run_the_setup_cell(executed):
    said = sentence(executed.cells[1])
    assert "data is not defined" in said and "setup cell" in said and "Run ▸ Run All Above" in said


def test_a_word_without_quotes_says_put_it_in_quotes(executed):
    for index in (2, 4):
        assert "put words in quotes, 'Bordyuzha'" in sentence(executed.cells[index])


def test_a_skipped_cell_above_says_run_the_cells_above(executed):
    said = sentence(executed.cells[5])
    assert said.startswith("events is made") and "run the cells above" in said and "quotes" not in said


def test_an_overwritten_course_name_says_which_and_how_to_restore_it(executed):
    said = sentence(executed.cells[7])
    assert said.startswith("data no longer means the course's data") and "a table (DataFrame)" in said
    assert "rerun the setup cell" in said and "my_data" in said
    said = sentence(executed.cells[9])
    assert said.startswith("quiz no longer means the self-check") and "the text 'b'" in said


def test_rerunning_the_setup_cell_restores_the_names(executed):
    assert executed.cells[11].outputs[0]["data"]["text/plain"] == "True"


def test_text_where_a_number_is_asked_says_type_a_number_without_quotes(executed):
    assert 'type a number such as 2014, not "2014", without quotes' in sentence(executed.cells[12])
    assert "type a number such as 12, without quotes" in sentence(executed.cells[13])


def test_a_name_error_inside_called_code_is_not_taken_for_a_typed_word(executed):
    outputs = executed.cells[15].outputs
    assert [o.output_type for o in outputs] == ["error"] and outputs[0].ename == "NameError"


def test_other_errors_keep_the_normal_traceback(executed):
    outputs = executed.cells[14].outputs
    assert [o.output_type for o in outputs] == ["error"] and outputs[0].ename == "ZeroDivisionError"
    assert any("1 / 0" in re.sub(r"\x1b\[[0-9;]*m", "", line) for line in outputs[0].traceback)


def test_a_slip_still_stops_run_all(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(c) for c in ("%load_ext csto.slips", "answer = Bordyuzha", "reached = True")]
    with pytest.raises(CellExecutionError, match="Bordyuzha"):
        NotebookClient(
            nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
        ).execute()
    assert nb.cells[2].outputs == [] and nb.cells[2].get("execution_count") is None


def test_a_line_python_cannot_read_says_words_and_dates_go_in_quotes(executed):
    said = sentence(executed.cells[16])
    assert said.startswith("Python could not read this line") and "'6 Jan 2022'" in said and "brackets" in said
    assert "6 Jan 2022" in slip_output(executed.cells[16])["data"]["text/html"].split("<details>")[1]


def test_a_syntax_error_in_code_the_cell_runs_keeps_the_normal_traceback(executed):
    outputs = executed.cells[19].outputs
    assert [o.output_type for o in outputs] == ["error"] and outputs[0].ename == "SyntaxError"


def test_an_unknown_name_passed_to_a_function_says_run_the_cell_that_makes_it_or_quote_it(executed):
    said = sentence(executed.cells[17])
    assert "if mitchell is a table made in a cell above, run that cell first" in said
    assert "put it in quotes ('mitchell')" in said


def test_two_dates_typed_as_text_and_subtracted_say_turn_them_into_dates(executed):
    said = sentence(executed.cells[18])
    assert 'pd.Timestamp("2022-01-19") - pd.Timestamp("2022-01-06")' in said and "type a number" not in said


def test_wrong_capitals_name_the_name_meant_not_the_cells_above(executed):
    assert sentence(executed.cells[20]) == "Python tells capital letters apart: write show, not Show."
    assert sentence(executed.cells[26]) == "Python tells capital letters apart: write pd, not PD."


def test_a_misspelt_course_function_names_the_one_meant(executed):
    assert "write show.note" in sentence(executed.cells[21])


def test_curly_quotes_are_named_with_the_line_they_are_on(executed):
    said = sentence(executed.cells[22])
    assert said.startswith("Python could not read line 2 of this cell: its quotes are curly")


def test_an_answer_under_another_name_stops_the_cell_before_the_check_marks_an_old_answer(executed):
    cell = executed.cells[24]
    assert "the check reads answer, spelt exactly so" in sentence(cell) and "You wrote Answer = …" in sentence(cell)
    assert slip_output(cell)["metadata"]["csto"]["slip"] == "answer-misnamed"
    assert not [o for o in cell.outputs if o.output_type == "display_data" and "csto" not in o.get("metadata", {})]


def test_the_date_tip_subtracts_the_earlier_date_from_the_later_as_typed_in_any_order(executed):
    assert 'pd.Timestamp("19 Jan 2022") - pd.Timestamp("6 Jan 2022")' in sentence(executed.cells[25])


def test_a_kernel_of_the_course_explains_a_cell_run_before_the_setup_cell(tmp_path):
    """install-settings (make install) makes every kernel of the environment load the handler as it starts: a student
    who comes back the next day and runs an exercise first reads a sentence, not a raw NameError."""
    from csto.lab import INSTALLED, install_settings

    written = install_settings(tmp_path)
    config = tmp_path.joinpath(*INSTALLED["ipython-kernel.json"])
    assert config in written and "csto.slips" in config.read_text(encoding="utf-8")
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell('show.note("x")'), nbformat.v4.new_code_cell("sorted(dir())")]
    NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    assert sentence(nb.cells[0]).startswith("show is not defined yet because the setup cell at the top has not run")
    names = nb.cells[1].outputs[0]["data"]["text/plain"]
    assert "csto" not in names and "slips" not in names, "loading the handler leaves no name behind"


def test_nbval_fails_a_notebook_whose_cell_makes_a_slip(tmp_path):
    """The slips explain an error to a student; they must never hide it from the tests that execute the notebooks."""
    import subprocess
    import sys

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(c) for c in ("%load_ext csto.slips", "print(rest)")]
    nbformat.write(nb, tmp_path / "slip.ipynb")
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval-lax", "-p",
                          "no:xdist", "slip.ipynb"], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert run.returncode == 1 and "1 failed" in run.stdout, run.stdout[-800:]


def test_a_word_a_letter_off_a_table_of_ones_own_is_taken_for_a_word_not_for_that_table(executed):
    """Student 4: 'summit' beside a table 'summits' was told to write 'summits', and that led to a worse error."""
    said = sentence(executed.cells[28])
    assert "put it in quotes ('summit')" in said and "write summits" not in said


def test_a_function_typed_without_its_module_says_which_module(executed):
    said = sentence(executed.cells[29])
    assert said == "crosstab belongs to pd: write pd.crosstab(...), as the example above the cell does."


def test_a_column_with_the_wrong_capital_names_the_columns_the_table_has(executed):
    said = sentence(executed.cells[30])
    assert said.startswith("summits has no column 'Kind': its columns are 'kind'"), said


def _shown_text(cell) -> str:
    """Everything a cell showed besides a slip (a check's note, a displayed value)."""
    return "\n".join(str(o.get("text", "")) + str(o.get("data", {}).get("text/html", ""))
                     + str(o.get("data", {}).get("text/plain", ""))
                     for o in cell.outputs if "csto" not in o.get("metadata", {}) and o.output_type != "error")


def test_an_answer_under_a_name_of_ones_own_names_it_instead_of_no_answer_yet(executed):
    """Student 4 wrote `Mine = pd.crosstab(...)` and the check, reading the empty `answer`, said only "Not yet"."""
    for index, own in ((31, "my_answer"), (32, "Mine")):
        cell = executed.cells[index]
        assert sentence(cell) == (f"You wrote your answer under the name {own}; the check reads answer: write "
                                  "answer = … and run the cell again (the check did not run, so it marked nothing).")
        assert slip_output(cell)["metadata"]["csto"]["slip"] == "answer-misnamed"
        assert "No answer yet" not in _shown_text(cell)


def test_the_table_under_mine_with_a_capital_says_the_check_reads_mine(executed):
    said = sentence(executed.cells[33])
    assert said.startswith("You wrote Mine = …, but the check reads mine, spelt exactly so in small letters")


def test_a_table_of_ones_own_beside_an_empty_mine_is_named_before_the_cell_shows_none(executed):
    cell = executed.cells[34]
    assert sentence(cell).startswith("You wrote your answer under the name my_table; the check reads mine")
    assert _shown_text(cell) == "", "the cell stops before display(mine) shows None"


def test_a_course_cell_with_its_own_table_and_no_answer_yet_still_says_no_answer_yet(executed):
    cell = executed.cells[35]
    assert not [o for o in cell.outputs if "csto" in o.get("metadata", {}) or o.output_type == "error"]
    assert "No answer yet" in _shown_text(cell)


def test_an_answer_given_beside_a_name_of_ones_own_is_checked(executed):
    cell = executed.cells[36]
    assert not [o for o in cell.outputs if "csto" in o.get("metadata", {}) or o.output_type == "error"]
    assert re.search(r"Right|Not quite", _shown_text(cell))


def test_a_check_with_no_answer_line_stops_before_it_marks_an_earlier_answer(executed):
    """Student 5: `mine = "Evstratov 2022"` after an earlier `answer = "AFP 2022"` was marked "Right: AFP 2022"."""
    cell = executed.cells[38]
    assert sentence(cell) == ("This cell has no answer = … line, so the check would read an answer from an earlier "
                              "cell: write answer = … here and run the cell again (the check did not run, so it "
                              "marked nothing).")
    shown = _shown_text(cell)
    assert "the chart" in shown, "what the cell does before its check still shows"
    assert "Right" not in shown and "AFP" not in shown


def test_answer_compared_instead_of_given_says_one_equals_sign_gives_a_value(executed):
    """Student 5: `answer == 7` got "No answer yet", with no word on == and =."""
    cell = executed.cells[39]
    said = sentence(cell)
    assert said.startswith("answer == 7 compares answer with 7 and gives it no value: write answer = 7, with one =")
    assert "No answer yet" not in _shown_text(cell)


def test_a_column_compared_with_a_list_says_isin(executed):
    """Student 5: `marks["name_en"] == central_asia` ended in pandas' 'Lengths must match to compare'."""
    output = slip_output(executed.cells[40])
    assert output["metadata"]["csto"]["slip"] == "list-compared"
    said = output["data"]["text/plain"].split("\n")[0]
    assert said.endswith("""write marks['name_en'].isin(central_asia).""") and "Lengths must match" not in said


def test_a_cell_that_gives_answer_its_value_as_a_parameter_is_not_stopped(executed):
    cell = executed.cells[41]
    assert not [o for o in cell.outputs if "csto" in o.get("metadata", {}) or o.output_type == "error"]
    assert "Right" in _shown_text(cell)


def _course_cells() -> list[tuple[str, str]]:
    """(notebook and cell, code) of every code cell of the course, with each exercise's model and wrong answers."""
    from IPython.core.inputtransformer2 import TransformerManager

    found = []
    for path in sorted((repo_root() / "notebooks").glob("*.ipynb")):
        for i, cell in enumerate(nbformat.read(path, as_version=4).cells):
            if cell.cell_type != "code":
                continue
            answers = cell.metadata.get("csto", {})
            for code in (cell.source, answers.get("model_answer"), answers.get("wrong_answer")):
                if code:
                    found.append((f"{path.stem} cell {i}", TransformerManager().transform_cell(code)))
    return found


def test_no_course_cell_nor_model_or_wrong_answer_is_stopped_by_the_answer_rules():
    """The answer rules that stop a cell whatever it holds (a look-alike name, ``answer == 7``, no ``answer = …``
    line) stop only a student's slip: never a cell the course writes, nor an exercise's model or wrong answer (nbval
    runs the notebooks themselves)."""
    import ast

    from csto import slips

    checked = 0
    for where, code in _course_cells():
        tree = ast.parse(code)
        assert slips.misnamed_answer(tree) is None and slips.compared_answer(tree) is None, where
        assert slips.no_answer_line(tree) is None, where
        checked += "check(" in code
    assert checked > 20, "the course's checking cells were not found"


def test_a_function_given_too_few_things_says_what_is_missing_and_points_to_the_example(executed):
    """Student 7: `pd.crosstab(table["member"])` ended in Python's red 'missing 1 required positional argument'."""
    output = slip_output(executed.cells[42])
    assert output["metadata"]["csto"]["slip"] == "missing-argument"
    said = output["data"]["text/plain"].split("\n")[0]
    assert said.startswith("crosstab(...) needs one more thing between its brackets ('columns')"), said
    assert "worked example" in said


def test_a_date_pandas_cannot_read_says_how_to_write_a_date_it_reads(executed):
    """Student 8: `pd.Timestamp("2022-19-01")` (day and month swapped) gave forty lines of pandas' DateParseError."""
    output = slip_output(executed.cells[43])
    assert output["metadata"]["csto"]["slip"] == "unreadable-date"
    said = output["data"]["text/plain"].split("\n")[0]
    assert said.startswith('pandas could not read "2022-19-01" as a date'), said
    assert '"6 January 2022"' in said and '"2022-01-19"' in said
    assert "DateParseError" in output["data"]["text/html"].split("<details>")[1]


def test_a_number_in_words_without_quotes_says_digits_or_the_whole_answer_in_quotes(executed):
    """Student 8: `answer = sixty-eight` was told to put 'sixty' alone in quotes."""
    said = sentence(executed.cells[44])
    assert "in digits (68)" in said and 'put the whole answer in quotes ("sixty-eight")' in said, said
    assert "('sixty')" not in said
    said = sentence(executed.cells[45])
    assert "in digits (7)" in said and '("Seven")' in said, said


def test_a_word_that_differs_from_a_table_only_in_capitals_says_quote_the_word_or_write_the_table_in_small_letters(
        executed):
    """Student 9, 02 Exercise 1: ``answer = Armenia`` beside the notebook's table ``armenia`` was told only to write
    ``armenia``, which led on to "Can't read a DataFrame"; the beginner meant the word."""
    said = sentence(executed.cells[47])
    assert "put it in quotes ('Armenia')" in said
    assert "if you meant the table armenia" in said and "small letters" in said
    assert said.index("quotes") < said.index("small letters"), "the word's fix comes first"
