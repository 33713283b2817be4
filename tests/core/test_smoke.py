def test_home_page_answers_in_arabic_by_default(client):
    response = client.get("/")
    assert response.status_code == 200
    assert 'dir="rtl"' in response.get_data(as_text=True)


def test_suite_runs_on_the_database_it_was_asked_for(app):
    import os

    from app.extensions import db

    with app.app_context():
        dialect = db.engine.dialect.name
    asked = os.environ.get("TEST_DATABASE_URL", "sqlite://")
    assert dialect == ("postgresql" if asked.startswith("postgres") else "sqlite")
