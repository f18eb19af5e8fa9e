"""What apps above `network` may react to (see ``core.hooks``)."""

from core.hooks import Hook

# A member is leaving (withdrawn consent, or no longer eligible); ``user``. Notified
# inside the transaction that deletes the membership, before it is deleted.
membership_ending = Hook("membership_ending")
