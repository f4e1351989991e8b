"""core.downloads: a download keeps its file name, whatever its letters."""

from urllib.parse import quote

from core.downloads import attachment


def test_a_download_is_saved_under_its_ascii_name():
    response = attachment("a,b\n", filename="progress-FY2026-27-Q1.csv", content_type="text/csv")

    assert response["Content-Disposition"] == 'attachment; filename="progress-FY2026-27-Q1.csv"'
    assert response.content == b"a,b\n"
    assert response["Content-Type"] == "text/csv"


def test_a_name_outside_ascii_arrives_whole():
    response = attachment(b"", filename="consultation-été.csv", content_type="text/csv")

    header = response["Content-Disposition"]
    assert header == f"attachment; filename*=utf-8''{quote('consultation-été.csv')}"


def test_quotes_in_a_name_cannot_end_the_header_value():
    response = attachment(b"", filename='a"b.csv', content_type="text/csv")

    assert response["Content-Disposition"] == 'attachment; filename="a\\"b.csv"'


def test_a_download_can_be_written_after_it_is_made():
    response = attachment(filename="x.csv", content_type="text/csv")
    response.write("\ufeffa")

    assert response.content.decode() == "\ufeffa"
