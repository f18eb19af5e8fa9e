"""Answering by link: anonymous, German errors, double submission harmless, pre/post codes."""

import datetime as dt

from django.utils import timezone

from evaluation import answering
from evaluation.models import Answer, Phase, Response
from tests.evaluation import helpers


def page(client, survey):
    return client.get(f"/evaluation/befragung/{survey.token}/")


def post(client, survey, data):
    nonce = page(client, survey).context["nonce"]
    return client.post(f"/evaluation/befragung/{survey.token}/", {"nonce": nonce, **data})


def klar_field(version):
    return f"item_{helpers.item(version, 'klar').pk}"


def test_answer_is_stored_without_any_time(client, version):
    survey = helpers.survey(version)
    themen = f"item_{helpers.item(version, 'themen').pk}"
    response = post(client, survey, {klar_field(version): "4", themen: ["1", "3"]})
    assert response.status_code == 302
    assert response["Location"] == f"/evaluation/befragung/{survey.token}/danke/"
    stored = Response.objects.get()
    assert (stored.survey_id, stored.pair_hash) == (survey.pk, "")
    assert sorted(Answer.objects.values_list("value", flat=True), key=str) == [4, [1, 3]]


def test_response_has_no_field_for_person_time_or_address():
    fields = {field.name for field in Response._meta.get_fields()}
    assert fields == {"id", "survey", "pair_hash", "answers"}
    answer_fields = {field.name for field in Answer._meta.get_fields()}
    assert answer_fields == {"id", "response", "item", "value"}


def test_saved_row_holds_no_session_or_address(client, version):
    survey = helpers.survey(version)
    post(client, survey, {klar_field(version): "2"})
    row = Response.objects.values().get()
    assert set(row) == {"id", "survey_id", "pair_hash"}
    assert client.session.session_key not in str(row)
    assert "127.0.0.1" not in str(row)


def test_sending_the_same_page_twice_stores_one_response(client, version):
    survey = helpers.survey(version)
    nonce = page(client, survey).context["nonce"]
    data = {"nonce": nonce, klar_field(version): "5"}
    first = client.post(f"/evaluation/befragung/{survey.token}/", data)
    second = client.post(f"/evaluation/befragung/{survey.token}/", data)
    assert (first.status_code, second.status_code) == (302, 302)
    assert Response.objects.count() == 1


def test_missing_required_answer_shows_a_german_error(client, version):
    survey = helpers.survey(version)
    response = post(client, survey, {})
    assert response.status_code == 200
    assert "Dieses Feld ist zwingend erforderlich." in response.content.decode()
    assert Response.objects.count() == 0


def test_invalid_number_shows_a_german_error(client, version):
    survey = helpers.survey(version)
    stunden = f"item_{helpers.item(version, 'stunden').pk}"
    response = post(client, survey, {klar_field(version): "3", stunden: "viel"})
    assert "Bitte eine ganze Zahl eingeben." in response.content.decode()


def test_unknown_token_gives_a_german_404_page(client, db):
    response = client.get("/evaluation/befragung/unbekannt/")
    assert response.status_code == 404
    assert "Zu diesem Link gibt es keine Befragung." in response.content.decode()


def test_closed_survey_gives_a_german_404_page(client, version):
    survey = helpers.survey(version, opens_at=timezone.now() - dt.timedelta(days=40))
    response = page(client, survey)
    assert response.status_code == 404
    assert "Diese Befragung ist zurzeit nicht geöffnet." in response.content.decode()


def test_closed_survey_refuses_a_post(client, version):
    survey = helpers.survey(version, opens_at=timezone.now() + dt.timedelta(days=1))
    response = client.post(f"/evaluation/befragung/{survey.token}/", {"nonce": "x"})
    assert response.status_code == 404
    assert Response.objects.count() == 0


def test_pre_post_form_asks_for_a_code_and_stores_its_hash(client, version):
    pre = helpers.survey(version, phase=Phase.PRE)
    post(client, pre, {klar_field(version): "2", "code": "Sonne 7"})
    stored = Response.objects.get().pair_hash
    assert stored == answering.pair_hash(survey=pre, code="sonne7")
    assert len(stored) == 64
    assert "sonne" not in stored


def test_same_code_links_pre_and_post_of_one_pair(version):
    pre = helpers.survey(version, phase=Phase.PRE)
    post_survey = helpers.survey(version, phase=Phase.POST, pair_with=pre)
    assert answering.pair_hash(survey=pre, code="kiefer12") == answering.pair_hash(
        survey=post_survey, code="Kiefer12"
    )


def test_same_code_does_not_link_another_pair(version):
    pre = helpers.survey(version, phase=Phase.PRE)
    other_pre = helpers.survey(version, phase=Phase.PRE)
    other_post = helpers.survey(version, phase=Phase.POST, pair_with=other_pre)
    assert answering.pair_hash(survey=pre, code="kiefer12") != answering.pair_hash(
        survey=other_post, code="kiefer12"
    )


def test_single_survey_stores_no_code(version):
    survey = helpers.survey(version)
    assert answering.pair_hash(survey=survey, code="kiefer12") == ""


def test_linked_pairs_give_the_mean_change(version, office):
    from evaluation.views.results import survey_results_data

    pre = helpers.closed_survey(version, phase=Phase.PRE)
    post_survey = helpers.closed_survey(version, phase=Phase.POST, pair_with=pre)
    codes = [f"code{n}" for n in range(5)]
    helpers.answer(pre, 5, klar=2, codes=codes)
    helpers.answer(post_survey, 5, klar=4, codes=codes)
    row = survey_results_data(survey=post_survey, with_texts=False, user=office).comparison[0]
    assert (row.pre_mean, row.post_mean, row.pairs, row.mean_change) == (2.0, 4.0, 5, 2.0)


def test_pairs_with_an_unlinked_rest_below_five_are_not_shown(version, office):
    from evaluation.views.results import survey_results_data

    pre = helpers.closed_survey(version, phase=Phase.PRE)
    post_survey = helpers.closed_survey(version, phase=Phase.POST, pair_with=pre)
    codes = [f"code{n}" for n in range(5)]
    helpers.answer(pre, 5, klar=2, codes=codes)
    helpers.answer(post_survey, 5, klar=4, codes=codes)
    helpers.answer(post_survey, 2, klar=1)
    row = survey_results_data(survey=post_survey, with_texts=False, user=office).comparison[0]
    assert (row.pairs, row.mean_change) == (None, None)


def test_pairs_link_when_people_answer_several_items(version, office):
    from evaluation.views.results import survey_results_data

    pre = helpers.closed_survey(version, phase=Phase.PRE)
    post_survey = helpers.closed_survey(version, phase=Phase.POST, pair_with=pre)
    codes = [f"code{n}" for n in range(5)]
    helpers.answer(pre, 5, klar=3, codes=codes, text="vorher")
    helpers.answer(post_survey, 5, klar=4, codes=codes, text="nachher")
    row = survey_results_data(survey=post_survey, with_texts=False, user=office).comparison[0]
    assert (row.pairs, row.mean_change) == (5, 1.0)


def test_a_code_used_twice_links_no_one(version, office):
    from evaluation.views.results import survey_results_data

    pre = helpers.closed_survey(version, phase=Phase.PRE)
    post_survey = helpers.closed_survey(version, phase=Phase.POST, pair_with=pre)
    codes = ["gleich", "gleich", "c", "d", "e", "f"]
    helpers.answer(pre, 6, klar=3, codes=codes)
    helpers.answer(post_survey, 6, klar=4, codes=codes)
    row = survey_results_data(survey=post_survey, with_texts=False, user=office).comparison[0]
    # Four linked, two unlinked on each side: below five, so nothing is shown.
    assert (row.pairs, row.mean_change) == (None, None)


def test_answers_sent_after_the_session_expired_are_kept_for_resending(client, version):
    survey = helpers.survey(version)
    data = {"nonce": "abgelaufen", klar_field(version): "3"}
    response = client.post(f"/evaluation/befragung/{survey.token}/", data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Bitte senden Sie sie noch einmal ab." in body
    assert Response.objects.count() == 0
    fresh = response.context["nonce"]
    assert fresh != "abgelaufen"
    client.post(f"/evaluation/befragung/{survey.token}/", {**data, "nonce": fresh})
    assert Response.objects.count() == 1
