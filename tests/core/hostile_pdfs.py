"""PDF files written to attack a PDF reader or the person who opens them."""

import random
import re

from core.pdf_sample import one_page_pdf, pdf_from_objects

NUMBER = re.compile(rb"\d+")
PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]%s >>"


def harmless_pdf() -> bytes:
    return one_page_pdf(b"BT /F1 12 Tf 72 770 Td (Beleg 1) Tj ET")


def deep_page_tree_pdf(levels: int = 3000) -> bytes:
    """One page under ``levels`` nested page-tree nodes; readers that walk the tree
    recursively fall over long before the page."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    for level in range(levels):
        number = 2 + level
        parent = b"/Parent %d 0 R " % (number - 1) if level else b""
        objects.append(b"<< /Type /Pages %s/Kids [%d 0 R] /Count 1 >>" % (parent, number + 1))
    objects.append(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] >>" % (levels + 1))
    return pdf_from_objects(objects)


def one_page_with(*, catalog: bytes = b"", page: bytes = b"", extra: list[bytes] = ()) -> bytes:
    """A one-page PDF with additions to the catalogue and the page; ``extra`` objects
    are numbered from 4 on."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R%s >>" % catalog,
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        PAGE % page,
        *extra,
    ]
    return pdf_from_objects(objects)


JS_ACTION = b"<< /S /JavaScript /JS (app.alert\\(1\\)) >>"

ACTIVE_PDFS = {
    "open_action_javascript": lambda: one_page_with(
        catalog=b" /OpenAction 4 0 R", extra=[JS_ACTION]
    ),
    "names_javascript": lambda: one_page_with(
        catalog=b" /Names << /JavaScript << /Names [(a) 4 0 R] >> >>", extra=[JS_ACTION]
    ),
    "page_additional_action": lambda: one_page_with(page=b" /AA << /O 4 0 R >>", extra=[JS_ACTION]),
    "annotation_launch": lambda: one_page_with(
        page=b" /Annots [4 0 R]",
        extra=[
            b"<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A << /S /Launch /F (calc.exe) >> >>"
        ],
    ),
    "embedded_xml_without_a_name": lambda: one_page_with(
        page=b" /Annots [4 0 R]",
        extra=[
            b"<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 10 10] /FS 5 0 R >>",
            b"<< /Type /Filespec /F (rechnung.exe) /EF << /F 6 0 R >> >>",
            b"<< /Type /EmbeddedFile /Subtype /text#2Fxml /Length 0 >>\nstream\n\nendstream",
        ],
    ),
    "embedded_file_stream": lambda: one_page_with(
        page=b" /Thumb 4 0 R",
        extra=[
            b"<< /Type /EmbeddedFile /Subtype /application#2Fx-msdownload /Length 0 >>\n"
            b"stream\n\nendstream"
        ],
    ),
    "embedded_file": lambda: one_page_with(
        catalog=b" /Names << /EmbeddedFiles << /Names [(x.exe) 4 0 R] >> >>",
        extra=[
            b"<< /Type /Filespec /F (x.exe) /EF << /F 5 0 R >> >>",
            b"<< /Length 0 >>\nstream\n\nendstream",
        ],
    ),
    "rich_media": lambda: one_page_with(
        page=b" /Annots [4 0 R]",
        extra=[b"<< /Type /Annot /Subtype /RichMedia /Rect [0 0 10 10] /RichMediaContent << >> >>"],
    ),
    "xfa_form": lambda: one_page_with(
        catalog=b" /AcroForm << /Fields [] /XFA 4 0 R >>",
        extra=[b"<< /Length 0 >>\nstream\n\nendstream"],
    ),
    "javascript_in_a_field_far_from_the_catalog": lambda: one_page_with(
        page=b" /Annots [4 0 R]",
        extra=[
            b"<< /Type /Annot /Subtype /Widget /Rect [0 0 10 10] /Parent 5 0 R >>",
            b"<< /FT /Tx /T (feld) /Kids [4 0 R] /Next 6 0 R >>",
            b"<< /S /GoTo /D [3 0 R /Fit] /Next 7 0 R >>",
            JS_ACTION,
        ],
    ),
}


def mutated_pdfs(*, seed: int, count: int) -> list[bytes]:
    """``count`` damaged copies of a valid PDF: bytes flipped, cut, repeated or
    replaced by PDF syntax that confuses parsers, always from the same seed."""
    rng = random.Random(seed)
    base = harmless_pdf()
    tokens = [
        b"<<",
        b">>",
        b"[",
        b"]",
        b"R",
        b"obj",
        b"endobj",
        b"stream",
        b"/Kids",
        b"/Count -1",
        b"0 0 R",
        b"9999999999",
        b"/Filter /FlateDecode",
        b"(",
        b"\\",
    ]
    results = []
    for _index in range(count):
        data = bytearray(base)
        for _change in range(rng.randint(1, 8)):
            position = rng.randrange(5, len(data))
            match rng.randrange(6):
                case 0:
                    data[position] = rng.randrange(256)
                case 1:
                    del data[position : position + rng.randint(1, 40)]
                case 2:
                    data[position:position] = rng.choice(tokens)
                case 3:
                    end = min(len(data), position + rng.randint(1, 30))
                    data[position:position] = data[position:end] * rng.randint(2, 5)
                case 4:
                    # Point a reference elsewhere: page trees that loop back on themselves.
                    references = [m.start() for m in re.finditer(rb"\d+ 0 R", bytes(data))]
                    if references:
                        start = rng.choice(references)
                        data[start : start + 1] = b"%d" % rng.randint(1, 5)
                case 5:
                    # A number (an offset, a length, a count) set to an absurd value.
                    numbers = list(NUMBER.finditer(bytes(data)))
                    found = rng.choice(numbers)
                    data[found.start() : found.end()] = b"%d" % rng.choice(
                        [0, 1, 7, 65535, 2**31, 10**12]
                    )
        results.append(bytes(data))
    return results


def e_invoice_pdf() -> bytes:
    """A hybrid invoice as ZUGFeRD and Factur-X write it: the invoice's XML embedded."""
    xml = b"<?xml version='1.0'?><rsm:CrossIndustryInvoice/>"
    return one_page_with(
        catalog=b" /Names << /EmbeddedFiles << /Names [(factur-x.xml) 4 0 R] >> >> /AF [4 0 R]",
        extra=[
            b"<< /Type /Filespec /F (factur-x.xml) /UF (factur-x.xml) "
            b"/AFRelationship /Data /EF << /F 5 0 R /UF 5 0 R >> >>",
            b"<< /Type /EmbeddedFile /Subtype /text#2Fxml /Length %d >>\nstream\n" % len(xml)
            + xml
            + b"\nendstream",
        ],
    )
