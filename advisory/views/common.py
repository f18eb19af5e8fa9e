"""What the advisory board's views share."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from advisory.selectors import board_for_user


def board_or_redirect(request):
    """``(board, None)``, or ``(None, redirect)`` to the board page, which explains that
    the coordination has not set the board up yet."""
    _call, board = board_for_user(user=request.user)
    if board is None:
        messages.info(request, _("Der Fachbeirat ist noch nicht eingerichtet."))
        return None, redirect("advisory:board")
    return board, None
