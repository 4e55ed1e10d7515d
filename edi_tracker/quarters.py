"""Financial quarters: the year starts in April, so `2022/23 Q2` is July–September 2022."""

import re
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True, order=True)
class FinancialQuarter:
    year: int  # the calendar year the financial year starts in: 2022 for 2022/23
    number: int  # 1–4

    @classmethod
    def containing(cls, day: date) -> "FinancialQuarter":
        if day.month >= 4:
            return cls(day.year, (day.month - 4) // 3 + 1)
        return cls(day.year - 1, 4)

    @classmethod
    def parse(cls, text: str) -> "FinancialQuarter":
        """Read `2022/23 Q2`, `2022/23-Q2` or `2022-23 Q2`."""
        match = re.fullmatch(r"\s*(\d{4})\s*[/-]\s*(\d{2})\s*[- ]?\s*Q([1-4])\s*", text or "", re.I)
        if not match or int(match.group(2)) != (int(match.group(1)) + 1) % 100:
            raise ValueError(f"“{text}” is not a financial quarter: write it like 2022/23-Q2.")
        return cls(int(match.group(1)), int(match.group(3)))

    @property
    def start(self) -> date:
        month = 4 + (self.number - 1) * 3
        return date(self.year + (month > 12), (month - 1) % 12 + 1, 1)

    @property
    def end(self) -> date:
        return self.next().start - timedelta(days=1)

    def next(self) -> "FinancialQuarter":
        return FinancialQuarter(self.year + (self.number == 4), self.number % 4 + 1)

    def previous(self) -> "FinancialQuarter":
        return FinancialQuarter(self.year - (self.number == 1), (self.number - 2) % 4 + 1)

    @property
    def label(self) -> str:
        return f"{self.year}/{(self.year + 1) % 100:02d} Q{self.number}"

    @property
    def slug(self) -> str:
        return f"{self.year}-{(self.year + 1) % 100:02d}-q{self.number}"

    def __str__(self) -> str:
        return self.label
