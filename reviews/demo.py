"""Demo screening and reviews for a call: criteria, screenings, reviewers and scores.

Everything is derived from a fixed random seed, so the demo looks the same every time;
running it again changes nothing that exists. Never load this into production.
"""

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.demo import DEMO_DOMAIN, DEMO_PASSWORD, demo_totp_key
from accounts.models import Role, User
from accounts.second_factor import TOTP_DEVICE_NAME
from applications.models import Application
from calls.models import Call
from municipalities.models import Municipality
from reviews.checks import screening_checks
from reviews.conflicts import conflict_of
from reviews.criteria import criteria_add_defaults
from reviews.models import Assignment, Criterion, Score, Screening
from reviews.services import screening_decide

REVIEWS_PER_APPLICATION = 3
# Each reviewer passed in by the caller (e.g. the demo reviewer account) gets this many
# open assignments to try the review form with; the demo pool writes the rest.
OPEN_ASSIGNMENTS_PER_GIVEN_REVIEWER = 3
NOT_ELIGIBLE_COUNT = 2

DEMO_REVIEWERS = [
    ("gutachten1", "Aylin Demir"),
    ("gutachten2", "Jonas Becker"),
    ("gutachten3", "Maria Nowak"),
    ("gutachten4", "Samuel Okafor"),
    ("gutachten5", "Lena Hoffmann"),
]
# A home municipality (by official key) that applies in the demo, so the office sees a
# flagged conflict: Köln's applications are never assigned to this reviewer.
DEMO_REVIEWER_HOMES = {"gutachten1": "05315000"}

# Why an application was refused, by the first check it fails.
NOT_ELIGIBLE_REASONS = {
    "complete": "Pflichtangaben fehlen, auch nach Rückfrage der Geschäftsstelle.",
    "backing": "Ein Beschluss des Rates liegt nicht vor und ist nach Auskunft der Kommune "
    "auch nicht geplant; die Teilnahme ist politisch nicht abgesichert.",
    "obligations": "Die Verpflichtungen der Modellkommunen wurden nicht vollständig angenommen.",
    "eligible_kind": "Diese Art von Kommune kann sich nicht bewerben.",
    "": "Die Kommune hat ihre Bewerbung nach Rückfrage der Geschäftsstelle nicht aufrechterhalten "
    "und um Absage gebeten.",
}
ELIGIBLE_DESPITE_REASON = (
    "Die Absichtserklärung der Verwaltungsspitze belegt den Rückhalt; der Ratsbeschluss wird "
    "nach Auskunft der Kommune in der nächsten Sitzung gefasst."
)

COMMENTS = {
    "low": [
        "Dazu sagt die Bewerbung kaum etwas Konkretes.",
        "Bleibt sehr allgemein; hier fehlt ein erkennbarer Plan.",
        "Deutliche Lücken, die im Programm aufgefangen werden müssten.",
    ],
    "mid": [
        "Ansätze sind vorhanden, aber noch wenig verbindlich.",
        "Solide beschrieben, einzelne Punkte bleiben offen.",
        "Nachvollziehbar, mit Luft nach oben.",
    ],
    "high": [
        "Überzeugend und gut belegt.",
        "Sehr klar beschrieben, mit konkreten Beispielen.",
        "Eine der stärksten Darstellungen in dieser Runde.",
    ],
}


def ensure_demo_criteria(call: Call) -> list[Criterion]:
    """The five default criteria for ``call``, unless it has criteria already."""
    criteria_add_defaults(call=call, actor=None)
    return list(Criterion.objects.filter(call=call).order_by("position", "id"))


def ensure_demo_reviewers() -> list[User]:
    """The five demo reviewer accounts (created once; existing ones are left as they are)."""
    now = timezone.now()
    reviewers = []
    for local_part, name in DEMO_REVIEWERS:
        email = f"{local_part}@{DEMO_DOMAIN}"
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email,
                password=DEMO_PASSWORD,
                full_name=name,
                role=Role.REVIEWER,
                # Only a reviewer's home, never approved: they do not act for it.
                municipality=_home_of(local_part),
                email_confirmed_at=now,
                privacy_accepted_at=now,
                language="de",
            )
            # Reviewers need a second factor; a fixed key lets the demo log-in be completed.
            TOTPDevice.objects.create(
                user=user, name=TOTP_DEVICE_NAME, key=demo_totp_key(email), confirmed=True
            )
        reviewers.append(user)
    return reviewers


def _home_of(local_part: str) -> Municipality | None:
    key = DEMO_REVIEWER_HOMES.get(local_part)
    return Municipality.objects.filter(key=key).first() if key else None


def _ensure_screenings(call: Call) -> None:
    if Screening.objects.filter(application__call=call).exists():
        return
    applications = list(
        Application.objects.filter(call=call, status=Application.Status.SUBMITTED)
        .select_related("municipality", "screening")
        .order_by("reference", "pk")
    )
    checks = screening_checks(applications=applications)
    failing = [a for a in applications if not checks[a.pk].passed]
    passing = [a for a in applications if checks[a.pk].passed]
    # Those that fail a check first, so the refusals have a visible cause.
    not_eligible = (failing + passing[::-1])[:NOT_ELIGIBLE_COUNT]
    for application in not_eligible:
        failed = [key for key, ok in checks[application.pk].as_dict().items() if not ok]
        screening_decide(
            application=application,
            status=Screening.Status.NOT_ELIGIBLE,
            reason=NOT_ELIGIBLE_REASONS[failed[0] if failed else ""],
            actor=None,
        )
    for application in applications:
        if application in not_eligible:
            continue
        screening_decide(
            application=application,
            status=Screening.Status.ELIGIBLE,
            reason="" if checks[application.pk].passed else ELIGIBLE_DESPITE_REASON,
            actor=None,
        )


def _scores_for(rng: random.Random, quality: float, bias: float, criteria: list[Criterion]):
    result = []
    for criterion in criteria:
        value = max(0, min(5, round(quality + bias + rng.uniform(-1.0, 1.0))))
        band = "low" if value <= 1 else "mid" if value <= 3 else "high"
        comment = rng.choice(COMMENTS[band]) if rng.random() < 0.6 else ""
        result.append((criterion, value, comment))
    return result


def _recommendation(mean: float) -> str:
    if mean >= 3.5:
        return Assignment.Recommendation.YES
    if mean >= 2.5:
        return Assignment.Recommendation.MAYBE
    return Assignment.Recommendation.NO


def ensure_demo_reviews(*, call: Call, reviewers: list[User]) -> int:
    """Screenings, criteria and reviews for the demo; returns the number of new reviews.

    Every submitted application is screened (all eligible but two, each refusal with a
    reason). Each eligible one gets three reviewers: the ``reviewers`` passed in get a
    few open assignments to try the form, the five demo reviewers (created here if
    missing) write the others, with scores that vary plausibly.
    """
    rng = random.Random(3110)
    with transaction.atomic():
        criteria = ensure_demo_criteria(call)
        pool = ensure_demo_reviewers()
        _ensure_screenings(call)
        if Assignment.objects.filter(application__call=call).exists():
            return 0
        applications = list(
            Application.objects.filter(
                call=call,
                status=Application.Status.SUBMITTED,
                screening__status=Screening.Status.ELIGIBLE,
            )
            .select_related("municipality")
            .order_by("reference", "pk")
        )
        given = [r for r in reviewers if r.pk not in {p.pk for p in pool}]
        given_left = {r.pk: OPEN_ASSIGNMENTS_PER_GIVEN_REVIEWER for r in given}
        load = {r.pk: 0 for r in pool}
        due = timezone.localdate(call.deadline) + dt.timedelta(days=14)
        submitted_at = call.deadline + dt.timedelta(days=10)
        created = 0
        for application in applications:
            quality = rng.uniform(1.5, 4.5)
            chosen: list[User] = []
            for reviewer in given:
                if given_left[reviewer.pk] and not conflict_of(
                    home=reviewer.municipality, applicant=application.municipality
                ):
                    chosen.append(reviewer)
                    given_left[reviewer.pk] -= 1
                    break
            candidates = sorted(
                (
                    r
                    for r in pool
                    if not conflict_of(home=r.municipality, applicant=application.municipality)
                ),
                key=lambda r: (load[r.pk], r.pk),
            )
            for reviewer in candidates[: REVIEWS_PER_APPLICATION - len(chosen)]:
                load[reviewer.pk] += 1
                chosen.append(reviewer)
            for reviewer in chosen:
                assignment = Assignment.objects.create(
                    application=application, reviewer=reviewer, due_date=due
                )
                if reviewer.pk in given_left:
                    continue  # left open for the person trying the demo
                scores = _scores_for(rng, quality, rng.uniform(-0.6, 0.6), criteria)
                Score.objects.bulk_create(
                    Score(assignment=assignment, criterion=c, score=value, comment=comment)
                    for c, value, comment in scores
                )
                mean = sum(value for _c, value, _t in scores) / max(len(scores), 1)
                assignment.recommendation = _recommendation(mean)
                assignment.submitted_at = submitted_at + dt.timedelta(hours=rng.randint(0, 96))
                assignment.save(update_fields=["recommendation", "submitted_at", "updated_at"])
                created += 1
    return created
