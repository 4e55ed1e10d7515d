"""Bad input is refused early and cheaply (edi_tracker.uploads): each hostile file is built here, small,
and read by the product's own reading code in a subprocess whose address space is capped at 500 MB
(`resource.setrlimit`), which must end in the clear refusal — not a MemoryError, not a kill — in
bounded time. Then, through the views, a too-large upload gets its form's message and stores nothing.
"""

import io
import os
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from edi_tracker.uploads import LimitedUploadHandler
from plans.models import Plan, ProgressUpdate
from workforce.models import Extract

MEMORY_CAP = 500 * 1024 * 1024
ROOT = Path(django_settings.BASE_DIR)

READER = textwrap.dedent("""
    import os, resource, sys
    resource.setrlimit(resource.RLIMIT_AS, ({cap}, {cap}))
    import django
    django.setup()
    how, path = sys.argv[1], sys.argv[2]
    from edi_tracker.uploads import UploadRefused
    from plans.importers.rows import ImportRefused
    from workforce.checking import ExtractRefused
    try:
        if how == "extract":
            from workforce.checking import read_table
            with open(path, "rb") as file:
                header, rows = read_table(os.path.basename(path), file)
            print(f"READ {{len(rows)}} rows, {{len(header)}} columns")
        elif how == "plan":
            from plans.importers.reading import read_plan_file
            with open(path, "rb") as file:
                read_plan_file(os.path.basename(path), file.read())
            print("READ")
        elif how == "body":
            # A multipart request body of the given size, produced as it is read, parsed as Django
            # parses an upload, with the upload handler of a workforce extract.
            from django.conf import settings
            from django.http.multipartparser import MultiPartParser
            from edi_tracker.uploads import LimitedUploadHandler, check_size
            size = int(path)
            head = (b"--XyZ\\r\\nContent-Disposition: form-data; name=\\"file\\"; filename=\\"big.csv\\"\\r\\n"
                    b"Content-Type: text/csv\\r\\n\\r\\n")
            tail = b"\\r\\n--XyZ--\\r\\n"
            class Body:
                def __init__(self):
                    self.left, self.parts = size, [head]
                def read(self, n=65536):
                    if self.parts:
                        return self.parts.pop()
                    if self.left <= 0:
                        out, self.tail = getattr(self, "tail", tail), b""
                        return out
                    chunk = min(n, self.left)
                    self.left -= chunk
                    return b"a" * chunk
            meta = {{"CONTENT_TYPE": "multipart/form-data; boundary=XyZ",
                    "CONTENT_LENGTH": str(len(head) + size + len(tail))}}
            handler = LimitedUploadHandler(limit=settings.WORKFORCE_MAX_BYTES)
            post, files = MultiPartParser(meta, Body(), [handler]).parse()
            upload = files["file"]
            kept = os.path.getsize(upload.temporary_file_path())
            print(f"KEPT {{kept}} of {{upload.size}} bytes on disk")
            from django.core.exceptions import ValidationError
            try:
                check_size(upload, settings.WORKFORCE_MAX_BYTES, "The extract file")
            except ValidationError as error:
                raise UploadRefused(error.messages[0])
    except (UploadRefused, ImportRefused, ExtractRefused) as error:
        print(f"REFUSED {{error}}")
        sys.exit(3)
""").format(cap=MEMORY_CAP)


def read_capped(how: str, path, timeout: int = 240) -> subprocess.CompletedProcess:
    environment = {**os.environ, "EDI_TESTING": "1", "DJANGO_SETTINGS_MODULE": "edi_tracker.settings",
                   "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-c", READER, how, str(path)], env=environment, cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout)


def _xlsx_parts(sheet_xml_writer, dimension: str | None = None) -> bytes:
    """A minimal workbook whose one sheet's XML is written by `sheet_xml_writer(write)` in chunks."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '</Types>'))
        archive.writestr("_rels/.rels", (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            '</Relationships>'))
        archive.writestr("xl/workbook.xml", (
            '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
            '<sheet name="Staff" sheetId="1" r:id="rId1"/></sheets></workbook>'))
        archive.writestr("xl/_rels/workbook.xml.rels", (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
            '</Relationships>'))
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
            if dimension:
                sheet.write(f'<dimension ref="{dimension}"/>'.encode())
            sheet.write(b"<sheetData>")
            sheet_xml_writer(sheet.write)
            sheet.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


def _text_row(number: int, values) -> bytes:
    cells = "".join(f'<c r="{chr(65 + i)}{number}" t="inlineStr"><is><t>{v}</t></is></c>' for i, v in enumerate(values))
    return f'<row r="{number}">{cells}</row>'.encode()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")

    # 1. A 1.6 KB workbook whose <dimension> claims XFD1048576: a million rows of 16,384 cells.
    def three_rows(write):
        write(_text_row(1, ["Employee ID", "Ethnicity", "Grade"]))
        write(_text_row(2, ["1", "Irish", "A"]))
        write(_text_row(3, ["2", "Indian", "B"]))

    (folder / "dimension.xlsx").write_bytes(_xlsx_parts(three_rows, dimension="A1:XFD1048576"))

    # 2. 3 million rows in a workbook of a couple of MB.
    def many_rows(write):
        write(_text_row(1, ["Employee ID", "Ethnicity", "Grade"]))
        for start in range(2, 3_000_002, 50_000):
            write(b"".join(b"<row><c><v>%d</v></c></row>" % n for n in range(start, start + 50_000)))

    (folder / "rows.xlsx").write_bytes(_xlsx_parts(many_rows))

    # 3. A Word document holding a 2 GB zero-filled part, streamed into the ZIP a megabyte at a time.
    from docx import Document

    document = io.BytesIO()
    Document().save(document)
    with zipfile.ZipFile(document, "a", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("word/media/zeros.bin", "w", force_zip64=True) as part:
            zeros = bytes(1024 * 1024)
            for _ in range(2048):
                part.write(zeros)
    (folder / "zeros.docx").write_bytes(document.getvalue())
    return folder


def test_a_workbook_whose_dimension_claims_a_million_rows_is_read_as_what_it_holds(hostile):
    assert (hostile / "dimension.xlsx").stat().st_size < 5_000
    done = read_capped("extract", hostile / "dimension.xlsx")
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "READ 2 rows, 3 columns"


def test_a_workbook_of_three_million_rows_is_refused_as_the_rows_arrive(hostile):
    assert (hostile / "rows.xlsx").stat().st_size < 10 * 1024 * 1024
    done = read_capped("extract", hostile / "rows.xlsx")
    assert done.returncode == 3, done.stderr[-2000:]
    assert done.stdout.strip() == "REFUSED The file has more than 250,000 rows of data; the most we accept is 250,000."


def test_a_word_document_with_a_2_gb_part_is_refused_before_it_is_opened(hostile):
    assert (hostile / "zeros.docx").stat().st_size < 5 * 1024 * 1024
    done = read_capped("plan", hostile / "zeros.docx", timeout=60)
    assert done.returncode == 3, done.stderr[-2000:]
    assert "REFUSED “zeros.docx” is compressed suspiciously well" in done.stdout


def test_the_same_workbook_bomb_is_refused_as_a_workforce_extract_and_as_a_plan(hostile, tmp_path):
    """A 2 GB zero part inside an .xlsx: refused by what it unpacks to, by both readers."""
    bomb = tmp_path / "bomb.xlsx"
    source = zipfile.ZipFile(hostile / "dimension.xlsx")
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        for member in source.infolist():
            archive.writestr(member, source.read(member))
        with archive.open("xl/media/zeros.bin", "w", force_zip64=True) as part:
            for _ in range(300):
                part.write(bytes(1024 * 1024))
    for how in ("extract", "plan"):
        done = read_capped(how, bomb, timeout=60)
        assert done.returncode == 3 and "compressed suspiciously well" in done.stdout, (how, done.stdout, done.stderr[-2000:])


def test_a_1_gb_upload_is_kept_on_disk_only_up_to_its_limit_and_refused(tmp_path):
    done = read_capped("body", 1024 ** 3, timeout=300)
    assert done.returncode == 3, done.stderr[-2000:]
    limit = django_settings.WORKFORCE_MAX_BYTES
    assert f"KEPT {limit + 1} of {1024 ** 3} bytes on disk" in done.stdout
    assert "REFUSED The extract file is larger than 50.0\xa0MB, the most we accept." in done.stdout


def test_zip_guard_counts_members_from_the_end_record_and_sums_declared_sizes():
    from edi_tracker.uploads import UploadRefused, guard_zip, zip_member_count

    many = io.BytesIO()
    with zipfile.ZipFile(many, "w") as archive:
        for number in range(2_001):
            archive.writestr(f"x/{number}", b"")
    assert zip_member_count(many) == 2_001
    with pytest.raises(UploadRefused, match="more than 2,000 parts"):
        guard_zip(many, what="The file", max_unpacked=10 ** 9)
    big = io.BytesIO()
    with zipfile.ZipFile(big, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("a", b"x" * 3000)
        archive.writestr("b", b"y" * 3000)
    with pytest.raises(UploadRefused, match="unpacks to more than 5.9\xa0KB, the most we read"):
        guard_zip(big, what="The file", max_unpacked=5999)
    assert guard_zip(big, what="The file", max_unpacked=6000) == {"a", "b"}
    with pytest.raises(UploadRefused, match="^Not a zip.$"):
        guard_zip(b"plain text", what="The file", max_unpacked=6000, not_zip="Not a zip.")


def test_a_zip_that_understates_a_part_is_never_inflated_past_what_it_declares(tmp_path):
    """The guard trusts the declared sizes because Python's zipfile stops inflating a part there."""
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("part.xml", bytes(10 * 1024 * 1024))
    data = bytearray(packed.getvalue())
    central = data.rfind(b"PK\x01\x02")
    data[central + 24:central + 28] = (1000).to_bytes(4, "little")  # claims 1,000 bytes unpacked
    received = 0
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive, archive.open("part.xml") as part:
        with pytest.raises(zipfile.BadZipFile, match="Bad CRC-32"):  # stops at the declared size; the CRC fails
            while chunk := part.read(100):
                received += len(chunk)
    assert received <= 1000


def test_a_sheet_with_a_cell_far_to_the_right_is_refused_after_one_row(tmp_path):
    from edi_tracker.uploads import UploadRefused, open_workbook, sheet_rows

    def wide(write):
        for number in range(1, 1000):
            write(f'<row r="{number}"><c r="XFD{number}"><v>1</v></c></row>'.encode())

    workbook = open_workbook(_xlsx_parts(wide))
    rows = sheet_rows(workbook.worksheets[0], what="The sheet")
    with pytest.raises(UploadRefused, match="has a cell beyond column 500"):
        next(rows)


# Through the views: the form's message, and nothing stored ------------------------------------------------

def _staff_xlsx(rows: int) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Employee ID", "Ethnicity", "Grade"])
    for number in range(rows):
        sheet.append([number, "Irish", "A"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _assert_streamed_to_the_limit(response, limit: int, sent: int) -> None:
    """The view's own upload limit was applied while the body was read: the file went to disk, and
    only its first limit + 1 bytes were kept."""
    (handler,) = response.wsgi_request.upload_handlers
    assert isinstance(handler, LimitedUploadHandler) and handler.limit == limit
    assert handler.received == handler.file.size == sent and handler.file.too_large


def test_a_too_large_extract_gets_the_forms_message_and_nothing_is_stored(client_for, hr, org, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.WORKFORCE_MAX_BYTES = 2048
    data = b"Employee ID,Ethnicity,Grade\n" + b"1,Irish,A\n" * 400
    response = client_for(hr).post(reverse("workforce:index", args=[org.slug]),
                                   {"kind": "staff", "year": 2022, "file": SimpleUploadedFile("s.csv", data)})
    assert response.status_code == 200
    assert "The extract file is larger than 2.0\xa0KB, the most we accept." in response.content.decode()
    _assert_streamed_to_the_limit(response, 2048, len(data))
    assert not Extract.objects.exists() and not any(tmp_path.rglob("*.*"))


def test_a_too_large_plan_import_gets_the_forms_message_and_nothing_is_stored(client_for, editor, org, settings):
    settings.PLAN_IMPORT_MAX_BYTES = 2048
    data = b"Ref,Action,Lead,Deadline\n" + b"A1,Something,Someone,Ongoing\n" * 200
    response = client_for(editor).post(reverse("plans:plan-import", args=[org.slug]),
                                       {"file": SimpleUploadedFile("plan.csv", data)})
    assert response.status_code == 200
    assert "is larger than 2.0\xa0KB, the most we accept" in response.content.decode()
    _assert_streamed_to_the_limit(response, 2048, len(data))
    assert not Plan.objects.exists()


def test_a_too_large_evidence_file_gets_the_forms_message_and_nothing_is_stored(client_for, editor, org, settings,
                                                                                 tmp_path):
    from tests.factories import ActionFactory

    settings.MEDIA_ROOT = tmp_path
    settings.EVIDENCE_MAX_BYTES = 2048
    action = ActionFactory(plan__organisation=org)
    pdf = b"%PDF-1.4\n" + b"0" * 5000
    response = client_for(editor).post(reverse("plans:progress-create", args=[org.slug, action.pk]), {
        "status": "green", "commentary": "On track.", "version": action.version,
        "evidence_file": SimpleUploadedFile("evidence.pdf", pdf, content_type="application/pdf"),
    })
    assert response.status_code == 400
    assert "The evidence file must be smaller than 2.0\xa0KB." in response.content.decode()
    _assert_streamed_to_the_limit(response, 2048, len(pdf))
    assert not ProgressUpdate.objects.exists() and not any(tmp_path.rglob("*.*"))


def test_an_xlsx_extract_within_its_limits_is_still_checked_through_the_view(client_for, hr, org, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    response = client_for(hr).post(reverse("workforce:index", args=[org.slug]),
                                   {"kind": "staff", "year": 2022, "file": SimpleUploadedFile("s.xlsx", _staff_xlsx(5))})
    assert response.status_code == 302
    extract = Extract.objects.get()
    assert extract.status == "checked" and extract.row_count == 5
