class SelectionError(Exception):
    """A request the selection cannot carry out; the message is German and shown as is."""
