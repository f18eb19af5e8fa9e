def submitted(request, *, files: bool = False) -> tuple:
    """The form data of a POST (also an empty one, so a form with nothing chosen still
    shows its errors), or None for any other method."""
    if request.method != "POST":
        return (None, None) if files else (None,)
    return (request.POST, request.FILES) if files else (request.POST,)
