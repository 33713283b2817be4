"""Machine-readable exports of the latest published programme: frab/c3voc
schedule XML and JSON, iCalendar and CSV, all built from one public read model."""
