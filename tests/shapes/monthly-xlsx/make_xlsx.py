"""Writes counts.xlsx, the spreadsheet fixture of the mapped-table tests (an invented
NGO tally: monthly counts with one column per category and a total column).

Run once with openpyxl installed: python3 make_xlsx.py. The tests read the
committed counts.xlsx; this script says exactly what is in it."""
import datetime
import openpyxl

book = openpyxl.Workbook()
sheet = book.active
sheet.title = "Notes"
sheet["A1"] = "Invented figures for the tests of cleanweb; no real campaign."
monthly = book.create_sheet("Monthly")
monthly["A1"] = "Sites reported to the hotline, by month (invented)"
monthly.append([])
monthly.append(["Month", "Pornography", "Fraud", "Rumours", "Total"])
rows = [
    (datetime.date(2014, 4, 1), 120, 40, 15, 175),
    (datetime.date(2014, 5, 1), 180, 52, "<10", 240),
    (datetime.date(2014, 6, 1), 210, "61*", 22, 293),
    (datetime.date(2014, 8, 1), 160, 48, "n/a", 230),
    (datetime.date(2014, 9, 1), 150, 45, 12, 200),
]
for r in rows:
    monthly.append(list(r))
    monthly.cell(row=monthly.max_row, column=1).number_format = "yyyy-mm"
book.save("counts.xlsx")
