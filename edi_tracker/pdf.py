"""Tagged PDFs (PDF/UA-1, for screen readers) laid out once by WeasyPrint: the one way the product renders a
PDF, used by the highlight report (reports/pdf.py) and the network's board report (networks/pdf.py).
WeasyPrint is imported when a PDF is made, not at start-up."""

import base64
import gc
import sys
from dataclasses import dataclass
from functools import cache

from django.conf import settings

PDF_OPTIONS = {"pdf_variant": "pdf/ua-1", "pdf_tags": True}


@dataclass
class RenderedPdf:
    content: bytes
    pages: int


def svg_data_uri(svg: str) -> str:
    """A chart's SVG as an image source the PDF's HTML can embed."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


@cache
def weasyprint_html():
    """WeasyPrint's HTML class, imported the first time a PDF is made (paid by what renders a PDF, not by
    every process).

    WeasyPrint opens Pango, HarfBuzz and fontconfig (through cffi) by trying several names for each, most of
    them for other platforms. cffi hands every name that the dynamic loader does not open as it is to
    `ctypes.util.find_library`, which on Linux runs `ldconfig -p` and then the C compiler and the linker
    (`gcc -Wl,-t`, `ld -t`) to look for it: about 30 processes, a quarter of a second or more where a
    compiler is installed. Every library WeasyPrint needs is also in its list under its soname
    (libpango-1.0.so.0), which the dynamic loader opens itself, so that search is skipped while WeasyPrint
    is imported. Should a library then not be found (an unusual install), the import is made again the
    ordinary way.

    What it loads lives as long as the process: it is moved out of the cyclic garbage collector's sight, as
    Django's is once loaded (edi_tracker/apps.py), so that the collections while a PDF is laid out, and the
    last ones as the process ends, do not walk it (about 0.05 s of the PDF command, bench/startup.py)."""
    html = _import_weasyprint_html()
    gc.freeze()
    return html


def _import_weasyprint_html():
    if sys.platform.startswith("linux"):
        import ctypes.util

        find_library = ctypes.util.find_library
        ctypes.util.find_library = lambda name: None  # cffi then tries WeasyPrint's next name
        try:
            from weasyprint import HTML

            return HTML
        except OSError:
            pass  # imported below with the search, which says what is missing
        finally:
            ctypes.util.find_library = find_library
    from weasyprint import HTML

    return HTML


def render_pdf_html(html: str) -> RenderedPdf:
    """The HTML laid out once and written as a tagged PDF, with its page count."""
    document = weasyprint_html()(string=html, base_url=str(settings.BASE_DIR)).render(**PDF_OPTIONS)
    return RenderedPdf(content=document.write_pdf(**PDF_OPTIONS), pages=len(document.pages))
