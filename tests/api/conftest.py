import pytest

from tests.api.world import make_api_world


@pytest.fixture
def world(app):
    with app.app_context():
        return make_api_world()
