from django.apps import AppConfig


class KfaConfig(AppConfig):
    """The project package as an app: it sits above every other app, so what reads or
    orchestrates all of them (demo data, the start page, the role dispatch) lives here."""

    name = "kfa"
    verbose_name = "Kommunen für alle"

    def ready(self):
        from evaluation.subjects import register_event_source
        from events.selectors import events_for_surveys

        # Evaluation and events are siblings: the survey form lists events through here.
        register_event_source(events_for_surveys)
