import pytest

from tests.programme.world import make_world


@pytest.fixture
def world(app):
    with app.app_context():
        return make_world()
