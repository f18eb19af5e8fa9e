"""Views of the local advisory board: the municipality's pages (``board``, ``meetings``,
``assessments``) and the office's read-only overview (``office``)."""
