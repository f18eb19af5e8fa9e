from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "data"
SMALL_CSV = DATA / "register_small.csv"
GV100AD_SAMPLE = DATA / "gv100ad_sample.txt"


@pytest.fixture
def small_csv() -> bytes:
    """A real excerpt of the register: 2 Länder, 6 Kreise, 7 Gemeinden."""
    return SMALL_CSV.read_bytes()


@pytest.fixture
def small_csv_text(small_csv) -> str:
    return small_csv.decode("utf-8-sig")


@pytest.fixture
def gv100ad_sample() -> bytes:
    return GV100AD_SAMPLE.read_bytes()
