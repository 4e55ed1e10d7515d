"""The charts' drawings cache (edi_tracker.caching.by_content): shared by the machine's processes, keyed by
what a drawing is drawn from and by the code that draws it, and never in the way of a chart."""

import uuid

from edi_tracker import caching


def test_the_same_figures_are_drawn_once_and_new_figures_again():
    figures = [str(uuid.uuid4())]
    drawings = []

    def draw(label):
        drawings.append(label)
        return f"<svg>{label}</svg>"

    assert caching.by_content("test-chart", figures, lambda: draw("first")) == "<svg>first</svg>"
    assert caching.by_content("test-chart", figures, lambda: draw("second")) == "<svg>first</svg>"
    assert caching.by_content("test-chart", [*figures, 1], lambda: draw("third")) == "<svg>third</svg>"
    assert drawings == ["first", "third"]


def test_new_drawing_code_does_not_read_a_drawing_made_by_the_old(monkeypatch):
    """A release that changes how a chart is drawn (or a new matplotlib) never shows the old drawing, kept
    for a day in files or Redis."""
    figures = [str(uuid.uuid4())]
    assert caching.by_content("test-chart", figures, lambda: "old code") == "old code"
    monkeypatch.setattr(caching, "drawing_code_version", lambda: "a-new-release")
    assert caching.by_content("test-chart", figures, lambda: "new code") == "new code"


def test_the_version_follows_the_drawing_code(settings, tmp_path):
    caching.drawing_code_version.cache_clear()
    try:
        before = caching.drawing_code_version()
        for name in caching.DRAWING_CODE:
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / name).write_bytes((settings.BASE_DIR / name).read_bytes())
        settings.BASE_DIR = tmp_path
        caching.drawing_code_version.cache_clear()
        assert caching.drawing_code_version() == before  # the same code
        (tmp_path / caching.DRAWING_CODE[0]).write_bytes(b"# changed\n")
        caching.drawing_code_version.cache_clear()
        assert caching.drawing_code_version() != before
    finally:
        caching.drawing_code_version.cache_clear()


def test_a_drawings_cache_that_cannot_be_written_does_not_stop_a_chart(settings, tmp_path, caplog):
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("")
    settings.CACHES = {**settings.CACHES, "drawings": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(blocked / "drawings")}}
    figures = [str(uuid.uuid4())]
    assert caching.by_content("test-chart", figures, lambda: "<svg>drawn</svg>") == "<svg>drawn</svg>"
    assert caching.by_content("test-chart", figures, lambda: "<svg>again</svg>") == "<svg>again</svg>"
    assert "drawings cache could not be read" in caplog.text
