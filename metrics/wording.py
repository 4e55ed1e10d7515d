"""Each metric's headline figure with its unit, and its change from last year as better or worse.

The direction of each metric (metrics.md §3):
- a relative likelihood or ratio (2–8): 1.00 is parity, so a move toward 1 is better, away from it worse
  (measured on a log scale, so 0.50 and 2.00 are as far from parity);
- metric 9 (senior managers' share against the workforce's, in percentage points): toward 0 is better;
- metric 1 (the share of staff in post of the group): no direction by itself, so only up or down.
"""

import math

RATIO_KEYS = ("2", "3", "4", "5", "6", "7a", "7b", "8")
MINUS = "\u2212"  # the minus sign, not a hyphen


def _signed(value: float, places: int = 1) -> str:
    text = f"{abs(value):.{places}f}"
    return f"{MINUS}{text}" if round(value, places) < 0 else text


def figure_text(key: str, value) -> str:
    """The headline figure with its unit: "40.8%", "0.53 times as likely", "−24.6 percentage points"."""
    if value is None:
        return "No figure"
    if key == "1":
        return f"{value:.1f}%"
    if key == "9":
        return f"{_signed(value)} percentage points"
    return f"{value:.2f} times as likely"


def _judged(verdict: str, detail: str) -> dict:
    return {"verdict": verdict, "text": f"{verdict.capitalize()}: {detail}", "detail": detail}


def change(key: str, value, previous) -> dict:
    """The change from last year: {"verdict": "better" | "worse" | "same" | "no direction" | None,
    "text": the change in words with its size and unit, "detail": the same without the verdict}."""
    if value is None or previous is None:
        return {"verdict": None, "text": "No comparison: a year has no figure"}
    if key in RATIO_KEYS:
        if round(value, 2) == round(previous, 2):
            return {"verdict": "same", "text": "No change"}
        if value <= 0 or previous <= 0:
            return {"verdict": None, "text": f"From {previous:.2f} to {value:.2f}"}
        if math.isclose(abs(math.log(value)), abs(math.log(previous)), abs_tol=1e-9):
            return {"verdict": "same", "text": f"No closer to parity: from {previous:.2f} to {value:.2f}"}
        closer = abs(math.log(value)) < abs(math.log(previous))
        toward = "toward" if closer else "away from"
        return _judged("better" if closer else "worse", f"from {previous:.2f} to {value:.2f}, {toward} parity (1.00)")
    difference = round(value - previous, 1)
    if difference == 0:
        return {"verdict": "same", "text": "No change"}
    size = f"{abs(difference):.1f} percentage point{'' if abs(difference) == 1 else 's'}"
    if key == "9":
        if round(abs(value), 1) == round(abs(previous), 1):
            return {"verdict": "same", "text": f"No closer: from {_signed(previous)} to {_signed(value)} percentage points"}
        closer = abs(value) < abs(previous)
        return _judged("better" if closer else "worse",
                       f"from {_signed(previous)} to {_signed(value)} percentage points, "
                       f"{'closer to' if closer else 'further from'} the whole workforce's share")
    return {"verdict": "no direction", "text": f"{'Up' if difference > 0 else 'Down'} {size} (neither better nor worse in itself)"}
