"""What the site accepts as an uploaded PDF, judged by content, not by name.

Every PDF upload (application documents, receipts, programme documents, minutes,
training evidence and materials, the network's shared documents) goes through
``clean_upload`` or ``pdf_check``. A file is accepted only if a PDF reader can open it,
its page tree is of sane depth and size, it has at least one page, and nothing in it
can run when it is opened: the office opens these files on its own machines.
"""

import hashlib

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from core.numbers import number

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# Real documents nest their page tree a few levels deep; readers (pypdf among them)
# walk it recursively, so a tree thousands of levels deep is an attack, not a document.
MAX_PAGE_TREE_DEPTH = 32
MAX_PAGES = 5000
# Objects and values looked at in the whole file before giving up: a 10 MB document
# of several hundred pages stays far below it.
MAX_OBJECTS_SCANNED = 500_000

# Keys and action types that make a PDF do something when it is opened or clicked:
# scripts, launching programs, multimedia, XFA form scripts, sending data away. Plain
# links (/URI) and moving within the document (/GoTo) are harmless.
ACTIVE_KEYS = frozenset(
    {"/JS", "/JavaScript", "/AA", "/Launch", "/RichMedia", "/RichMediaContent", "/XFA"}
)
# Values of /Type or /Subtype (Flash and video players).
ACTIVE_TYPES = frozenset({"/RichMedia", "/RichMediaExecute"})
ACTIVE_ACTIONS = frozenset(
    {"/JavaScript", "/Launch", "/ImportData", "/SubmitForm", "/RichMediaExecute", "/GoToE"}
)
# Files embedded in a PDF are refused, with one exception: the XML of an electronic
# invoice (ZUGFeRD, Factur-X, XRechnung), which many receipts carry and no reader runs.
INVOICE_XML_TYPES = frozenset({"/text/xml", "/application/xml"})


class PdfRefused(Exception):
    """A readable file we still do not accept; ``code`` says why."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def size_check(uploaded) -> None:
    if uploaded.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("Die Datei ist %(size)s MB groß; erlaubt sind höchstens 10 MB.")
            % {"size": number(uploaded.size / 1024 / 1024, 1)},
            code="too_large",
        )


def clean_upload(uploaded) -> None:
    """Accept only real, inert PDF files up to 10 MB."""
    size_check(uploaded)
    pdf_check(uploaded)


def starts_like_pdf(uploaded) -> bool:
    head = uploaded.read(5)
    uploaded.seek(0)
    return head == b"%PDF-"


def is_pdf(uploaded) -> bool:
    """True if ``pdf_check`` accepts the file."""
    try:
        pdf_check(uploaded)
    except ValidationError:
        return False
    return True


def pdf_check(uploaded) -> None:
    """Raise a ValidationError in German unless ``uploaded`` is a PDF we accept."""
    if not starts_like_pdf(uploaded):
        raise _not_pdf()
    try:
        reader = PdfReader(uploaded, strict=False)
        _page_tree_check(reader)
        _active_content_check(reader)
        pages = len(reader.pages)
    except PdfRefused as refused:
        raise _refusal(refused.code) from None
    except Exception:  # noqa: BLE001 -- see below
        # A parser fed hostile input can fail in any way (pypdf raises PdfReadError,
        # LimitReachedError, NotImplementedError, AssertionError, RecursionError,
        # ValueError, KeyError, TypeError, ...); every one of them means the same to
        # the person uploading: this is not a PDF we can use.
        raise _not_pdf() from None
    finally:
        uploaded.seek(0)
    if pages < 1:
        raise _not_pdf()


def _not_pdf() -> ValidationError:
    return ValidationError(
        _("Bitte laden Sie eine PDF-Datei hoch. Diese Datei ist kein PDF."), code="not_pdf"
    )


def _refusal(code: str) -> ValidationError:
    if code == "active_content":
        message = _(
            "Diese PDF-Datei enthält aktive Inhalte (JavaScript, eingebettete Dateien, "
            "Multimedia oder Formularskripte) und wird deshalb nicht angenommen. Bitte "
            "speichern Sie sie ohne diese Inhalte neu, z. B. mit „Drucken“ und „Als PDF "
            "speichern“, und laden Sie sie noch einmal hoch."
        )
    else:
        message = _(
            "Diese PDF-Datei ist zu verschachtelt oder zu umfangreich, um sie sicher zu "
            "prüfen. Bitte speichern Sie sie neu, z. B. mit „Drucken“ und „Als PDF "
            "speichern“, und laden Sie sie noch einmal hoch."
        )
    return ValidationError(message, code=code)


def _resolve(value):
    return value.get_object() if isinstance(value, IndirectObject) else value


def _page_tree_check(reader: PdfReader) -> None:
    """Walk the page tree without recursion, refusing it when too deep, too large or
    looping back on itself (readers would recurse until they fall over)."""
    root = _resolve(reader.trailer["/Root"])
    stack = [(root.get("/Pages"), 1)]
    seen: set[tuple[int, int]] = set()
    nodes = 0
    while stack:
        reference, depth = stack.pop()
        if depth > MAX_PAGE_TREE_DEPTH:
            raise PdfRefused("too_complex")
        if isinstance(reference, IndirectObject):
            key = (reference.idnum, reference.generation)
            if key in seen:
                raise PdfRefused("too_complex")
            seen.add(key)
        node = _resolve(reference)
        if not isinstance(node, DictionaryObject):
            continue
        nodes += 1
        if nodes > MAX_PAGES * 2:
            raise PdfRefused("too_complex")
        kids = _resolve(node.get("/Kids"))
        if isinstance(kids, ArrayObject):
            stack.extend((kid, depth + 1) for kid in kids)


def _active_content_check(reader: PdfReader) -> None:
    """Look at every object reachable from the trailer (not only the catalogue: an
    action can hide in a page, an annotation or a form field) for active content."""
    stack = [reader.trailer]
    seen: set[tuple[int, int]] = set()
    scanned = 0
    while stack:
        value = stack.pop()
        scanned += 1
        if scanned > MAX_OBJECTS_SCANNED:
            raise PdfRefused("too_complex")
        if isinstance(value, IndirectObject):
            key = (value.idnum, value.generation)
            if key in seen:
                continue
            seen.add(key)
            stack.append(value.get_object())
        elif isinstance(value, DictionaryObject):
            if _is_active(value):
                raise PdfRefused("active_content")
            stack.extend(value.values())
        elif isinstance(value, ArrayObject):
            stack.extend(value)


def _is_active(value: DictionaryObject) -> bool:
    if (
        ACTIVE_KEYS.intersection(value.keys())
        or _resolve(value.get("/Type")) in ACTIVE_TYPES
        or _resolve(value.get("/Subtype")) in ACTIVE_TYPES
        or _resolve(value.get("/S")) in ACTIVE_ACTIONS
    ):
        return True
    if "/EF" in value:
        # A file specification with embedded files.
        return not _is_invoice_xml(value)
    if _resolve(value.get("/Type")) == "/EmbeddedFile":
        return _resolve(value.get("/Subtype")) not in INVOICE_XML_TYPES
    return False


def _is_invoice_xml(filespec: DictionaryObject) -> bool:
    """Whether every file of ``filespec`` is XML by its name and its declared type."""
    names = [str(_resolve(filespec.get(key, ""))) for key in ("/UF", "/F")]
    if not all(name.lower().endswith(".xml") for name in names if name):
        return False
    files = _resolve(filespec["/EF"])
    if not isinstance(files, DictionaryObject) or not files:
        return False
    return all(
        isinstance(stream := _resolve(entry), DictionaryObject)
        and _resolve(stream.get("/Subtype")) in INVOICE_XML_TYPES
        for entry in files.values()
    )


def file_digest(file) -> str:
    """The SHA-256 of an uploaded or stored file's content, read in chunks; the file is
    left at its start for whoever reads it next."""
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in file.chunks():
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


def stored_digest(field_file) -> str | None:
    """``file_digest`` of a stored file; None if there is none or it cannot be read."""
    if not field_file:
        return None
    try:
        with field_file.open("rb") as stored:
            return file_digest(stored)
    except OSError:
        return None


def replace_file(instance, field: str, upload=None, *, name: str | None = None) -> None:
    """Put ``upload`` (None: no file) into the file ``field`` of ``instance``, which the
    caller then saves; ``name`` stores it under that name at once instead of on save.

    The file held before is deleted only once the transaction commits, and only if the
    row no longer points at it: a rollback keeps the old file and the row that names it.
    """
    old = getattr(instance, field)
    old_name, storage = old.name, old.storage
    if upload is None:
        setattr(instance, field, "")
    elif name:
        getattr(instance, field).save(name, upload, save=False)
    else:
        setattr(instance, field, upload)
    if old_name:

        def delete_old() -> None:
            if getattr(instance, field).name != old_name:
                storage.delete(old_name)

        transaction.on_commit(delete_old)


def delete_after_commit(field_file) -> None:
    """Delete a stored file once the transaction that drops its row commits."""
    if field_file:
        storage, name = field_file.storage, field_file.name
        transaction.on_commit(lambda: storage.delete(name))
