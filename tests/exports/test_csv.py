"""programme.csv: one session a row, opened safely by a spreadsheet."""

import codecs

from app.core.csv_files import read_csv
from app.extensions import db
from tests.exports.helpers import activity, fetch


def test_programme_csv_lists_the_sessions_by_day_and_time(client, world):
    response = fetch(client, world.slug, "programme.csv")

    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == 'attachment; filename="isf-4-programme.csv"'
    assert response.data.startswith(codecs.BOM_UTF8)
    table = read_csv(response.data.decode("utf-8-sig"))
    assert table.header == [
        "Day", "Start", "End", "Room", "Title", "Theme", "Format", "Languages", "Organizations",
    ]  # fmt: skip
    assert [row.cells[:5] for row in table.rows] == [
        ["2017-11-30", "09:00", "10:30", "Small room", "Workers' rights and a just labour law"],
        ["2017-11-30", "11:00", "12:30", "Al-Rasheed Hall", "Save the Tigris"],
        ["2017-12-01", "09:00", "10:30", "Al-Rasheed Hall", "Shahrazad: women's rights"],
    ]
    tigris = table.rows[1].cells
    assert tigris[5:7] == ["Save the Tigris and the Iraqi Marshes", "Workshop"]
    assert "channel 2 English" in tigris[7]
    assert tigris[8] == "Humat Dijla; Waterkeepers Iraq"


def test_programme_csv_neutralises_formulas(app, client, world):
    with app.app_context():
        activity(world.tigris_id).title_en = '=HYPERLINK("http://evil.example","x")'
        db.session.commit()

    table = read_csv(fetch(client, world.slug, "programme.csv").data.decode("utf-8-sig"))

    titles = [row.cells[4] for row in table.rows]
    assert '\'=HYPERLINK("http://evil.example","x")' in titles


def test_programme_csv_titles_follow_the_language(client, world):
    table = read_csv(fetch(client, world.slug, "programme.csv", "ar").data.decode("utf-8-sig"))

    assert "أنقذوا دجلة" in [row.cells[4] for row in table.rows]
