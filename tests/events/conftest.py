import pytest


@pytest.fixture
def mails(mailoutbox):
    return mailoutbox
