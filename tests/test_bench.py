"""The bench compares a notebook with a bare kernel "with the same imports" (issue: a fair budget)."""

from __future__ import annotations

import nbformat

from tools.bench import baseline_source


def test_the_baseline_imports_what_the_setup_cell_imports_and_runs_nothing_else():
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# A lesson"),
        nbformat.v4.new_code_cell("%load_ext csto.slips\nfrom csto import charts, story\nimport pandas as pd\n"
                                  "charts.use_course_theme()"),
        nbformat.v4.new_code_cell("from csto import glossary"),
    ])
    lines = baseline_source(nb).splitlines()
    assert "from csto import charts, story" in lines and "import pandas as pd" in lines
    assert not any(line.startswith("%") or "use_course_theme" in line or "glossary" in line for line in lines)
