def submitted(request) -> tuple:
    """The form data of a POST (also an empty one), or None for any other method."""
    return (request.POST,) if request.method == "POST" else (None,)
