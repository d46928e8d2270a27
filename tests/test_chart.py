"""The BRAG chart (chart.py): whole-number axes and a legend clear of the axis label, for any number of bars."""
from __future__ import annotations


import pytest

from sip_excel.chart import brag_figure, chart_description
from sip_excel.config import Config
from sip_excel.reader import read_plan
from sip_excel.rollup import rollup
from sip_excel.validate import validate

from .conftest import HEADER, action_row, make_config



def _rollup_of(priorities: int, per_priority: int):
    from sip_excel.grid import Grid

    rows = []
    for p in range(1, priorities + 1):
        rows += [[f"Priority {p}: Aim {p}"], HEADER]
        rows += [action_row(ref=f"{p}.{i}", rag=("Red", "Amber", "Green", "Blue")[i % 4])
                 for i in range(1, per_priority + 1)]
    config: Config = make_config()
    plan = read_plan(Grid("Plan", rows), config)
    return rollup(plan, validate(plan, config))


@pytest.mark.parametrize(("priorities", "per_priority"), [(1, 1), (2, 2), (3, 1), (5, 12), (12, 3)])
def test_the_legend_never_covers_the_axis_and_ticks_are_whole_actions(priorities, per_priority):
    from matplotlib import pyplot as plt

    figure = brag_figure(_rollup_of(priorities, per_priority))
    try:
        figure.canvas.draw()
        renderer = figure.canvas.get_renderer()
        axes = figure.axes[0]
        legend = figure.legends[0].get_window_extent(renderer)
        label = axes.xaxis.label.get_window_extent(renderer)
        ticks = [t.get_window_extent(renderer) for t in axes.get_xticklabels() if t.get_text()]
        assert not legend.overlaps(label)
        assert not any(legend.overlaps(t) for t in ticks)
        assert all(float(t).is_integer() for t in axes.get_xticks())
        assert legend.y1 <= label.y0  # below the axis label, inside the picture
        assert legend.y0 >= 0
    finally:
        plt.close(figure)


@pytest.mark.parametrize(("rows", "by"), [
    ([["Workstream", "Action", "Status"], ["PMO", "a", "Green"], ["Digital", "b", "Red"]], "by workstream"),
    ([["Priority 1: One"], HEADER, action_row(ref="1.1")], "by priority"),
])
def test_the_chart_says_what_the_plan_groups_by(rows, by):
    from matplotlib import pyplot as plt
    from sip_excel.grid import Grid

    config: Config = make_config()
    plan = read_plan(Grid("Plan", rows), config)
    result = rollup(plan, validate(plan, config))
    figure = brag_figure(result)
    try:
        assert figure.axes[0].get_title().startswith(f"BRAG status {by} at ")
    finally:
        plt.close(figure)
    assert chart_description(result).startswith(f"Bar chart of the actions' BRAG status {by} at ")
