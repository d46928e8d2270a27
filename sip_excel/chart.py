"""The BRAG chart: stacked bars per priority in BRAG colours, each segment labelled with its count."""
from __future__ import annotations

import io

from .rollup import Rollup

COLOURS = {"Blue": "#4F81BD", "Red": "#C0504D", "Amber": "#F79646", "Green": "#9BBB59", "Unrated": "#BFBFBF"}


def brag_chart(rollup: Rollup) -> io.BytesIO:
    """A PNG of the chart, in memory."""
    from matplotlib import pyplot as plt

    figure = brag_figure(rollup)
    image = io.BytesIO()
    figure.savefig(image, format="png")
    plt.close(figure)
    image.seek(0)
    return image


def brag_figure(rollup: Rollup):  # -> matplotlib.figure.Figure, imported only when a report is built
    """The chart as a matplotlib figure, laid out: the caller saves and closes it."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt
    from matplotlib.ticker import MaxNLocator

    table = rollup.priorities
    labels = list(table["label"])[::-1]
    # Constrained layout keeps the legend, placed outside the axes, clear of the axis label whatever the
    # number of bars; tight_layout does not see a legend outside the axes.
    figure, axes = plt.subplots(figsize=(7.5, 0.42 * len(labels) + 1.1), dpi=150, layout="constrained")
    left = [0] * len(labels)
    for status in rollup.statuses:
        counts = list(table[status])[::-1]
        if not any(counts):
            continue
        bars = axes.barh(labels, counts, left=left, color=COLOURS.get(status, COLOURS["Unrated"]), label=status, edgecolor="white")
        axes.bar_label(bars, labels=[str(c) if c else "" for c in counts], label_type="center", fontsize=8,
                       color="white" if status in ("Blue", "Red") else "black")
        left = [a + b for a, b in zip(left, counts)]
    axes.set_xlabel("Actions")
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))  # actions are counted whole: no 0.25 of an action
    axes.spines[["top", "right"]].set_visible(False)
    if any(left):  # a plan with no actions yet has no bars, so nothing to explain
        figure.legend(ncols=5, loc="outside lower center", frameon=False, fontsize=8)
    axes.set_title(f"BRAG status by {rollup.group_kind.lower()} at {rollup.as_of:%d %B %Y}", fontsize=10)
    return figure


def chart_description(rollup: Rollup) -> str:
    """The chart's alternative text: what it shows and every figure in it, for a reader who cannot see it."""
    from .committee.sentences import join, long_date

    def figures(record) -> str:
        return join([f"{int(record[status])} {status.lower()}" for status in rollup.statuses if int(record[status])]) \
            or "no actions"

    bars = "; ".join(f"{record['label']}: {figures(record)}" for record in rollup.priorities.to_dict(orient="records"))
    return (f"Bar chart of the actions' BRAG status by {rollup.group_kind.lower()} at {long_date(rollup.as_of)}. "
            f"{bars}. "
            f"In all: {figures(rollup.totals)}.")
