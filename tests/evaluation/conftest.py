import pytest

from core.fiscal import FiscalYear
from evaluation.models import SectorReference

# A past fiscal year the tests build records in: April 2024 to March 2025.
YEAR = FiscalYear(2024)


@pytest.fixture
def no_reference_list(db):
    """Start from an empty reference list (the migration seeds one)."""
    SectorReference.objects.all().delete()
