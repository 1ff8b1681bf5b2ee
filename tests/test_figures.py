"""Every figure: the registry, legibility (contrast, size, no overlaps), repeatable bytes, reader views from the CSV."""

from __future__ import annotations

import itertools
import os
import re
import subprocess
import sys

import pandas as pd
import pytest
from matplotlib.patches import Patch
from matplotlib.text import Text

from conftest import ROOT
from figure_inputs import (
    BOUNDARIES,
    all_figures,
    close_figures,  # noqa: F401 (autouse: every figure a test draws is closed)
    read_back,
    records,
)
from preventie.figures import FIGURES, data_view, write_data
from preventie.figures.kaart_initiatieven import map_initiatives
from preventie.figures.maps import BOUNDARY_FILL
from preventie.figures.style import MIN_CONTRAST, MIN_FONT, WIDTH_IN, contrast_ratio, save
from preventie.naming import FIGURE_NAMES
from preventie.tables import municipality_table


def test_the_registry_is_in_the_factsheet_s_order_and_names_the_outputs():
    template = (ROOT / "reports/factsheet.qmd.j2").read_text(encoding="utf-8")
    placed = re.findall(r"\{\{ figuur\(figuren\.(\w+)\) \}\}", template)
    assert placed == list(FIGURES) == list(FIGURE_NAMES)  # figure N of the factsheet is the N-th
    assert all(spec.name == name and spec.caption for name, spec in FIGURES.items())


@pytest.fixture(scope="module")
def drawn():
    figures = all_figures()
    for figure in figures.values():
        figure.figure.canvas.draw()
    return figures


def drawn_texts(fig) -> list[Text]:
    """Every text the figure draws: visible, not empty, tick labels only for ticks in view."""
    hidden = set()
    for ax in fig.axes:
        for axis, (low, high) in ((ax.xaxis, sorted(ax.get_xlim())), (ax.yaxis, sorted(ax.get_ylim()))):
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                if not low - 1e-9 <= tick.get_loc() <= high + 1e-9 or not axis.get_visible() or not ax.axison:
                    hidden |= {id(tick.label1), id(tick.label2)}
            if not ax.axison or not axis.get_visible():  # a map: no axes, so no axis labels either
                hidden |= {id(axis.label), id(axis.offsetText)}
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip() and id(t) not in hidden]


def background_of(text, fig) -> list:
    """What lies behind a text: the top patch under its centre (a bar, a box), else the axes or figure.

    On a map a text may lie on the sea (the axes) or on the land, so both count."""
    centre = text.get_window_extent().get_points().mean(axis=0)
    ax = text.axes
    if ax is None:
        inside = [a for a in fig.axes if a.get_window_extent().contains(*centre)]
        ax = inside[0] if inside else None
    if ax is not None:
        under = [p for p in ax.patches if isinstance(p, Patch) and p.get_visible() and p.contains_point(centre)]
        if under:
            return [max(enumerate(under), key=lambda ip: (ip[1].get_zorder(), ip[0]))[1].get_facecolor()]
        if not ax.axison and ax.collections:  # a map: the land may be behind the text
            return [ax.get_facecolor(), BOUNDARY_FILL]
        return [ax.get_facecolor()]
    return [fig.get_facecolor()]


@pytest.mark.parametrize("name", FIGURE_NAMES)
def test_every_text_contrasts_4_5_to_1_with_what_is_behind_it(drawn, name):
    fig = drawn[name].figure
    for text in drawn_texts(fig):
        for background in background_of(text, fig):
            ratio = contrast_ratio(text.get_color(), background)
            assert ratio >= MIN_CONTRAST, (text.get_text(), text.get_color(), background, round(ratio, 2))


def test_contrast_check_finds_orange_labels_on_white():
    assert contrast_ratio("#D55E00", "#ffffff") < MIN_CONTRAST <= contrast_ratio("#1a1a1a", "#ffffff")
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)


@pytest.mark.parametrize("name", FIGURE_NAMES)
def test_every_text_is_at_least_8_pt_as_printed(drawn, name):
    fig = drawn[name].figure
    assert fig.get_figwidth() <= WIDTH_IN + 1e-9  # placed at the text width: never printed smaller
    for text in drawn_texts(fig):
        assert text.get_fontsize() >= MIN_FONT, (text.get_text(), text.get_fontsize())


@pytest.mark.parametrize("name", FIGURE_NAMES)
def test_no_text_is_cut_off_or_overlaps_another(drawn, name):
    fig = drawn[name].figure
    texts = drawn_texts(fig)
    frame = fig.bbox
    extents = [(t.get_text(), t.get_window_extent()) for t in texts]
    for label, extent in extents:
        assert (
            extent.x0 >= frame.x0 - 0.5
            and extent.y0 >= frame.y0 - 0.5
            and extent.x1 <= frame.x1 + 0.5
            and extent.y1 <= frame.y1 + 0.5
        ), label
    for (a, ea), (b, eb) in itertools.combinations(extents, 2):
        overlap = min(ea.x1, eb.x1) - max(ea.x0, eb.x0), min(ea.y1, eb.y1) - max(ea.y0, eb.y0)
        assert not (overlap[0] > 1 and overlap[1] > 1), (a, b)


def test_svg_text_is_never_below_8_pt(tmp_path):
    for name, figure in all_figures().items():
        save(figure, tmp_path / f"{name}.png", tmp_path / f"{name}.svg")
        svg = (tmp_path / f"{name}.svg").read_text(encoding="utf-8")
        texts = re.findall(r"<text [^>]*>", svg)
        sizes = [float(s) for s in re.findall(r"font-size: ([\d.]+)px", svg)]
        assert len(sizes) == len(texts), name  # every text states its size (px = pt in matplotlib's SVG)
        assert sizes and min(sizes) >= MIN_FONT, (name, sorted(set(sizes)))


@pytest.mark.parametrize("name", FIGURE_NAMES)
def test_data_view_is_the_same_from_the_figure_and_from_its_csv(tmp_path, name):
    figure = all_figures()[name]
    from_csv = data_view(name, read_back(figure, tmp_path, name))
    pd.testing.assert_frame_equal(data_view(name, figure.data), from_csv, check_dtype=False)
    for column in from_csv.columns:  # numbers stay numbers, text is text (a year is a label)
        if not pd.api.types.is_numeric_dtype(from_csv[column]) and column != "Jaar":
            texts = from_csv[column].dropna()
            assert all(isinstance(v, str) and not re.fullmatch(r"[\d.,]+", v) for v in texts), column


def test_a_figure_s_data_is_written_against_its_schema(tmp_path):
    data = all_figures()["stroom"].data
    with pytest.raises(ValueError, match="figuur_stroom"):
        write_data("stroom", data.rename(columns={"n": "aantal"}), tmp_path / "stroom.csv")
    assert all(spec.schema == f"figuur_{name}" for name, spec in FIGURES.items())


def test_the_factsheet_shows_the_views_without_loading_matplotlib_or_scipy():
    """The factsheet stage imports the registry for the captions and the views; drawing is what
    needs matplotlib (and the spreading of markers scipy), so they load only when a figure is drawn."""
    probe = (
        "import sys\n"
        "import pandas as pd\n"
        "import preventie.factsheet\n"
        "from preventie.figures import data_view\n"
        "data_view('stroom', pd.DataFrame({'stap': ['respons'], 'n': [1]}))\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'matplotlib' or m.startswith('scipy.spatial')))\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT / "workflow"))
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "[]"


def test_data_view_knows_only_the_five_figures():
    with pytest.raises(ValueError, match="onbekende figuur"):
        data_view("taart", pd.DataFrame())


def test_saved_bytes_repeat(tmp_path):
    paths = []
    for run in ("a", "b"):
        figure = map_initiatives(municipality_table(records(["GM0001", "GM0002"], [True, False])), BOUNDARIES)
        save(figure, tmp_path / f"{run}.png", tmp_path / f"{run}.svg")
        paths.append((tmp_path / f"{run}.png", tmp_path / f"{run}.svg"))
    assert paths[0][0].read_bytes() == paths[1][0].read_bytes()
    assert paths[0][1].read_bytes() == paths[1][1].read_bytes()
    svg = paths[0][1].read_text(encoding="utf-8")
    assert "<dc:date>" not in svg and "Matplotlib v" not in svg
    assert "<text " in svg and "Aantal per symbool" in svg  # labels are text, not outlines


@pytest.mark.e2e
def test_example_figures_exist_for_the_factsheet_year_only(example_run):
    folder = example_run / "results/2020/figuren"
    for name in FIGURE_NAMES:
        for suffix in (".png", ".svg", ".alt.txt", ".csv"):
            assert (folder / f"{name}{suffix}").stat().st_size > 0, (name, suffix)
    assert not (example_run / "results/2019/figuren").exists()  # 2019 is only analysed, for the comparison
