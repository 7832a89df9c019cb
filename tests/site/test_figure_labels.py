"""csto.strains: figure labels keep what a number measures and its period."""

from __future__ import annotations

import pandas as pd

from csto import data
from csto.data import views as strains, views as tables


def test_figure_label_uses_the_template_and_the_period():
    frame = pd.DataFrame({"metric": ["arms_exports_decrease", "share_of_arms_imports_from_russia", "deaths"],
                          "subject": ["arms exports to X (note)", "Y's arms imports", "border clashes"],
                          "when": ["2021–2023", "2021–2023", "Sep 2022"]})
    assert strains.figure_label(frame).tolist() == ["Fall in arms exports to X, 2021–2023",
                                                    "Share of Y's arms imports from Russia, 2021–2023",
                                                    "border clashes, Sep 2022"]


def test_every_percent_figure_gets_a_distinct_label_with_its_period():
    figures = tables.with_labels(data.load("figures"))
    percent = figures[figures["unit"] == "percent"]
    labels = strains.figure_label(percent)
    assert labels.is_unique and labels.str.contains("2021–2023").all()
