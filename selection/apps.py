from django.apps import AppConfig


class SelectionConfig(AppConfig):
    name = "selection"
    verbose_name = "Auswahl der Modellkommunen"

    def ready(self):
        from reviews.hooks import assigning_reviewers
        from selection.receivers import refuse_reviewers_after_release

        assigning_reviewers.register(refuse_reviewers_after_release)
