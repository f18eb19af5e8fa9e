from core.hooks import Hook


def test_notify_calls_every_receiver_in_the_order_registered():
    hook = Hook("changed")
    calls = []
    hook.register(lambda *, user: calls.append(("first", user)))
    hook.register(lambda *, user: calls.append(("second", user)))

    hook.notify(user="person")

    assert calls == [("first", "person"), ("second", "person")]


def test_notify_passes_every_keyword_argument():
    hook = Hook("accepted")
    calls = []
    hook.register(lambda *, invitation, user: calls.append((invitation, user)))

    hook.notify(invitation="invitation", user="person")

    assert calls == [("invitation", "person")]


def test_registering_the_same_receiver_twice_calls_it_once():
    hook = Hook("changed")
    calls = []

    def receiver(*, user):
        calls.append(user)

    hook.register(receiver)
    hook.register(receiver)
    hook.notify(user="person")

    assert calls == ["person"]


def test_notify_without_receivers_does_nothing():
    hook = Hook("changed")

    hook.notify(user="person")

    assert hook.receivers == ()
