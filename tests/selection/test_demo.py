from accounts.models import Role, User
from selection.demo import ensure_demo_coordinators


def test_demo_coordinators_for_the_two_best_and_the_lowest_scored(world):
    first = ensure_demo_coordinators(call=world.call)
    second = ensure_demo_coordinators(call=world.call)
    assert [u.pk for u in first] == [u.pk for u in second]
    people = User.objects.filter(email__endswith="@demo.kommunen-fuer-alle.example")
    assert sorted((u.municipality.name, u.role) for u in people) == [
        ("Altstadt", Role.COORDINATOR),
        ("Bergdorf", Role.COORDINATOR),
        ("Eichenkreis", Role.COORDINATOR),
    ]
    altstadt = people.get(municipality=world.apps["Altstadt"].municipality)
    assert altstadt.email == (
        f"koordination-{altstadt.municipality.key}@demo.kommunen-fuer-alle.example"
    )
    assert altstadt.check_password("Demo-Passwort-2025!")
    assert altstadt.municipality_approved_at is not None
    assert altstadt.email_confirmed_at is not None
