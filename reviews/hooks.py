"""What apps above `reviews` may react to (see ``core.hooks``).

Whether a call still takes reviewers depends on its selection, which lives in an app
above this one; the assigning services ask this hook, and a receiver refuses by raising
``ValidationError`` with a German message."""

from core.hooks import Hook

# Before reviewers are assigned to applications of a call; ``call_id``.
assigning_reviewers = Hook("assigning_reviewers")
