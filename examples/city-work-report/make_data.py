"""Write actuals.toml: a synthetic year of figures for the city example (invented).

Run from the repository: `python examples/city-work-report/make_data.py`.
"""

from __future__ import annotations

from pathlib import Path

# code -> {month: value}: quarterly and annual figures only in their publication months.
FIGURES: dict[str, dict[int, str]] = {
    "A1": {3: "5.8", 6: "5.9", 9: "5.6", 12: "5.8"},
    "A2": {
        2: "5.2",
        3: "6.6",
        4: "6.9",
        5: "7.1",
        6: "7.3",
        7: "7.2",
        8: "7.4",
        9: "7.4",
        10: "7.5",
        11: "7.6",
        12: "7.6",
    },
    "B1": {3: "5.3", 6: "5.4", 9: "5.6", 12: "5.4"},
    "B2": {
        1: "0.3",
        2: "0.7",
        3: "0.1",
        4: "0.3",
        5: "0.3",
        6: "0.5",
        7: "0.5",
        8: "0.6",
        9: "0.6",
        10: "0.5",
        11: "0.4",
        12: "0.4",
    },
    "B3": {
        1: "2600",
        2: "2200",
        3: "3500",
        4: "3100",
        5: "3000",
        6: "3300",
        7: "2700",
        8: "2600",
        9: "3000",
        10: "3100",
        11: "2900",
        12: "3300",
    },
    "C1": {
        1: "19.0",
        2: "11.5",
        3: "14.8",
        4: "16.0",
        5: "13.9",
        6: "15.2",
        7: "15.6",
        8: "13.5",
        9: "14.8",
        10: "15.9",
        11: "14.3",
        12: "15.5",
    },
    "C2": {3: "30", 6: "40", 9: "32", 12: "20"},
    "C3": {12: "-2.6"},
    "C4": {12: "151.2"},
}
NOTES = {("A2", 2): "春节因素（虚构示例）"}

HEADER = """\
# SYNTHETIC EXAMPLE DATA: invented figures for the city example; no real government's.
# Regenerate with `python examples/city-work-report/make_data.py`.
schema_version = 1
plan_year = 2024
records = [
"""


def main() -> None:
    lines = []
    for month in range(1, 13):
        stamp = "2025-01-05" if month == 12 else f"2024-{month + 1:02d}-05"
        for minute, (code, series) in enumerate(FIGURES.items()):
            if month not in series:
                continue
            note = NOTES.get((code, month))
            note_text = f', note = "{note}"' if note else ""
            lines.append(
                f'  {{ code = "{code}", month = "2024-{month:02d}", value = {series[month]}'
                f"{note_text}, recorded_at = {stamp} 09:{30 + minute:02d}:00+08:00 }},"
            )
    text = HEADER + "\n".join(lines) + "\n]\n"
    Path(__file__).with_name("actuals.toml").write_text(text, "utf-8")


if __name__ == "__main__":
    main()
