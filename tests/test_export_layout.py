"""Where things sit on an exported canvas, measured in the pictures: a matrix's colour bar beside the matrix, the
chart centred across the canvas, and caption lines broken between words."""

from __future__ import annotations

import io

import pytest
from PIL import Image

SIZES = ((1920, 1080), (1280, 720))


def _png(client, query: str) -> Image.Image:
    response = client.get(f"/export/{query}")
    assert response.status_code == 200 and response.mimetype == "image/png", response.data[:300]
    return Image.open(io.BytesIO(response.data)).convert("RGB")


def _is_cell(pixel: tuple[int, int, int]) -> bool:
    """A matrix cell's fill: one of the share blues, or the diagonal's grey (text is darker, the paper white)."""
    r, g, b = pixel
    return (b - r > 8 and g > 120) or (max(pixel) - min(pixel) <= 2 and 232 <= r <= 240)


def _blue_columns(image: Image.Image) -> list[int]:
    """The x of every column with cells in it (the matrix's) or the colour bar."""
    width, height = image.size
    pixels = image.load()
    return [x for x in range(width) if sum(1 for y in range(0, height, 2) if _is_cell(pixels[x, y])) > 12]


def _runs(columns: list[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for x in columns:
        if runs and x - runs[-1][1] <= 3:
            runs[-1] = (runs[-1][0], x)
        else:
            runs.append((x, x))
    return runs


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("query", ["process=budapest,rabat,khartoum&year=2016", "year=2006"])
def test_the_overlaps_colour_bar_sits_beside_the_matrix_and_the_group_is_centred(client, renderer, query, size):
    width, height = size
    image = _png(client, f"overlaps.png?{query}&width={width}&height={height}")
    runs = _runs(_blue_columns(image))
    assert len(runs) >= 2, runs
    matrix_left, matrix_right = runs[0][0], runs[-2][1]
    bar_left, bar_right = runs[-1]
    assert bar_right - bar_left < 0.03 * width  # the bar: a narrow strip
    # beside the matrix: a gap of about a type size, not the rest of the canvas
    assert 0 < bar_left - matrix_right < 0.04 * width, (matrix_right, bar_left)
    # and the group (row names, matrix, bar and its labels) centred: as much room right of it as left of the matrix
    # less the row names' width (at most 22 characters)
    right_room = width - bar_right
    assert right_room > 0.08 * width, right_room
    assert matrix_left > 0.2 * width
