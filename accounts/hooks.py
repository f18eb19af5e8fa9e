"""What apps above `accounts` may react to (see ``core.hooks``).

A person's memberships live in the apps that own them (the staff network, the local
advisory boards); the accounts services notify these hooks instead of calling them."""

from core.hooks import Hook

# After a person's role, activity or approved municipality changed; ``user`` as saved.
account_changed = Hook("account_changed")
# When an invitation gave an account (new or existing) its role; ``invitation``, ``user``.
invitation_accepted = Hook("invitation_accepted")
