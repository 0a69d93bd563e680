#!/usr/bin/env python3
"""Test peer for plancheck's .xlsx reader (Tests/PlanCheckKitTests/WorkbookPeerTests.swift).

  xlsx_peer.py CSV ENCODING OUT.xlsx SHEET   writes the CSV's cells, as text, into one sheet with openpyxl
"""
import csv, sys
import openpyxl

src, encoding, out, sheet = sys.argv[1:5]
wb = openpyxl.Workbook()
ws = wb.active
ws.title = sheet
with open(src, encoding=encoding, newline="") as f:
    for row in csv.reader(f):
        ws.append(row)
wb.save(out)
