"""The recommendations' objects for the role × URL test: a document whose version 1.0
is frozen and whose second draft changed a word, so that the editing pages and the
comparison have something to show."""

import datetime as dt

from recommendations import answers, services
from tests.recommendations.helpers import document_with_draft


def extend(world: dict) -> None:
    office = world["users"]["office"]
    first = document_with_draft(actor=office, recommendations=2, slug="welt-empfehlungen")
    services.version_freeze(version=first, label="1.0", actor=office)
    draft = services.version_draft_create(document=first.document, actor=office)
    recommendation = draft.recommendations.select_related("chapter").get(position=1)
    paragraph = recommendation.paragraphs.get(position=1)
    services.paragraph_edit(paragraph=paragraph, text="Absatz 1, neu gefasst.", actor=office)
    world["kwargs"].update(
        {
            "chapter_pk": recommendation.chapter_id,
            "recommendation_pk": recommendation.pk,
            "paragraph_pk": paragraph.pk,
        }
    )
    # "document_pk" and "version_pk" name other apps' objects too, so they are set per URL.
    from recommendations.urls import app_name, urlpatterns

    for pattern in urlpatterns:
        world["kwargs"]["per_url"][f"{app_name}:{pattern.name}"] = {
            "document_pk": first.document_id,
            "version_pk": draft.pk,
        }
    extend_rounds(world, version=first)
    extend_round_comparison(world, version=first)
    _answers_world(world)
    extend_mail_settings(world)
    extend_published(world)


def extend_rounds(world: dict, *, version) -> None:
    """A round running on ``version`` (frozen), open to the teams and to the public, so
    that everyone but the office takes part, with a comment of municipality A's
    coordinator that the others see and answer."""
    from recommendations import consultation
    from recommendations.participation_urls import app_name as participation
    from recommendations.participation_urls import urlpatterns as participation_urls
    from recommendations.round_urls import app_name as rounds
    from recommendations.round_urls import urlpatterns as round_urls
    from tests.recommendations.round_helpers import first_paragraph, running_round

    office = world["users"]["office"]
    round = running_round(actor=office, version=version, for_public=True)
    paragraph = first_paragraph(round)
    comment = consultation.comment_create(
        round=round,
        paragraph=paragraph,
        kind="concern",
        text="Zu vage.",
        author=world["users"]["coordinator"],
    )
    kwargs = {
        "round_pk": round.pk,
        "recommendation_pk": paragraph.recommendation_id,
        "paragraph_pk": paragraph.pk,
        "comment_pk": comment.pk,
        "version_pk": version.pk,
    }
    for namespace, patterns in ((rounds, round_urls), (participation, participation_urls)):
        for pattern in patterns:
            world["kwargs"]["per_url"][f"{namespace}:{pattern.name}"] = kwargs


def extend_round_comparison(world: dict, *, version) -> None:
    """A round open to everyone with an account on the frozen version, so every role
    may compare it with what came after."""
    import datetime as dt

    from django.utils import timezone

    from recommendations.models import ConsultationRound

    now = timezone.now()
    round = ConsultationRound.objects.create(
        version=version,
        title="Runde für alle",
        starts_at=now - dt.timedelta(days=10),
        ends_at=now - dt.timedelta(days=1),
        for_public=True,
    )
    world["kwargs"]["per_url"]["round_comparison:round_compare"] = {"round_pk": round.pk}


def _answers_world(world: dict) -> None:
    """A round whose answers are published, open to everyone with an account, so that
    every role may read its Synopse; its comment for the office's answering pages."""
    from recommendations import answer_urls, synopsis_urls
    from tests.recommendations.answer_helpers import (
        comment,
        ended_round,
        frozen_version,
        paragraphs_of,
    )

    office = world["users"]["office"]
    version = frozen_version(actor=office, slug="welt-synopse")
    round = ended_round(version=version, title="Welt-Runde", for_public=True)
    answered = comment(round=round, paragraph=paragraphs_of(version)[0])
    answers.comment_answer(
        comment=answered, status="adopted", reason="Übernommen.", revision=0, actor=office
    )
    answers.round_evaluate(round=round, actor=office)
    answers.answers_publish(round=round, actor=office)
    for module in (answer_urls, synopsis_urls):
        for pattern in module.urlpatterns:
            world["kwargs"]["per_url"][f"{module.app_name}:{pattern.name}"] = {
                "round_pk": round.pk,
                "comment_pk": answered.pk,
            }


def extend_mail_settings(world: dict) -> None:
    """The link that mutes the mails of consultation rounds, valid for a coordinator:
    its page only asks for confirmation, so every role may open it."""
    from recommendations.notifications import mute_token

    person = world["users"]["coordinator"]
    world["kwargs"]["per_url"]["participation_mail:mute"] = {"token": mute_token(person.pk)}


def extend_field_tests(world: dict) -> None:
    """A field test of municipality A with one evidence file, on the frozen version 1.0
    that ``extend`` made, for the municipality's and the office's field test pages."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from recommendations import field_tests
    from recommendations.field_test_office_urls import app_name, urlpatterns
    from recommendations.models import Version
    from tests.helpers import minimal_pdf

    coordinator = world["users"]["coordinator"]
    version = Version.objects.get(document__slug="welt-empfehlungen", label="1.0")
    recommendation = version.recommendations.get(position=1)
    test = field_tests.field_test_plan(
        call=world["call"],
        municipality=coordinator.municipality,
        recommendation=recommendation,
        department="buergeramt",
        plan_what="Bescheide in einfacher Sprache",
        plan_where="Bürgeramt",
        plan_who="Teamleitung",
        starts_on=dt.date(2026, 2, 1),
        ends_on=dt.date(2026, 3, 31),
        actor=coordinator,
    )
    evidence = field_tests.field_test_evidence_add(
        field_test=test,
        title="Vordruck",
        upload=SimpleUploadedFile("vordruck.pdf", minimal_pdf()),
        actor=coordinator,
    )
    world["kwargs"].update({"field_test_pk": test.pk, "evidence_pk": evidence.pk})
    for pattern in urlpatterns:
        world["kwargs"]["per_url"][f"{app_name}:{pattern.name}"] = {
            "document_pk": version.document_id,
            "recommendation_pk": recommendation.pk,
        }


def extend_published(world: dict) -> None:
    """A published document for the public pages, its PDF already stored (the walk
    needs no rendering), and the keywords that reach its version and a recommendation."""
    from django.core.files.base import ContentFile

    from tests.helpers import minimal_pdf
    from tests.recommendations.helpers import published_version

    office = world["users"]["office"]
    version = published_version(actor=office, recommendations=2, slug="welt-veroeffentlicht")
    version.pdf.save("fassung.pdf", ContentFile(minimal_pdf()), save=True)
    kwargs = {
        "slug": version.document.slug,
        "sequence": version.sequence,
        "key": version.recommendations.get(position=1).key,
    }
    from recommendations.public_urls import app_name, urlpatterns

    for pattern in urlpatterns:
        world["kwargs"]["per_url"][f"{app_name}:{pattern.name}"] = kwargs
