"""A point where apps above an app react to what happens in it.

An app lower in the layers (see docs/architecture.md) must not import the apps above it,
yet some of its changes concern them: a person whose account changes may no longer belong
to the staff network. The lower app owns a ``Hook``, the apps above register their
reaction in their ``AppConfig.ready``, and the lower app's service notifies the hook
inside its own transaction. A receiver only calls its app's service; the business rule
stays there, where its tests are.
"""

from collections.abc import Callable

Receiver = Callable[..., object]


class Hook:
    def __init__(self, name: str):
        self.name = name
        self._receivers: list[Receiver] = []

    def __repr__(self) -> str:
        return f"<Hook {self.name}>"

    @property
    def receivers(self) -> tuple[Receiver, ...]:
        return tuple(self._receivers)

    def register(self, receiver: Receiver) -> Receiver:
        """Call ``receiver`` with the keyword arguments of each ``notify``, after the
        receivers registered before it."""
        # ready() may run more than once (tests, reloads); one registration is enough.
        if receiver not in self._receivers:
            self._receivers.append(receiver)
        return receiver

    def notify(self, **kwargs) -> None:
        for receiver in self._receivers:
            receiver(**kwargs)
