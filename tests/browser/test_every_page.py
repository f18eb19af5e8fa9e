"""Every page of the site, for every role that may open it, passes axe-core.

The pages come from the same URL walk as the role × URL test: whatever a role can open
with a GET (status 200, HTML) is loaded in Chromium and checked, so a new page is
checked as soon as it exists.
"""

import pytest
from django.test import Client

from tests.helpers import finish, login_verified
from tests.test_permissions import all_patterns, build_path, world  # noqa: F401 -- fixture

pytestmark = pytest.mark.django_db(transaction=True)

ROLES = [
    "anonymous",
    "office",
    "reviewer",
    "coordinator",
    "team_member",
    "advisory",
    "trainer",
    "hr",
]


def pages_for(client, world):  # noqa: F811 -- the fixture's value is passed in
    for name, route, _callback in all_patterns():
        path = build_path(route, world["kwargs"], name)
        response = client.get(path)
        finish(response)
        if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
            yield name, path


@pytest.mark.parametrize("role", ROLES)
def test_every_page_passes_axe(browser, world, role):  # noqa: F811
    client = Client()
    if role != "anonymous":
        login_verified(client, world["users"][role])
        browser.page.context.add_cookies(
            [
                {
                    "name": "sessionid",
                    "value": client.cookies["sessionid"].value,
                    "url": browser.base_url,
                }
            ]
        )
    checked = []
    for _name, path in pages_for(client, world):
        browser.visit(path)
        checked.append(path)
    assert len(checked) >= 5
