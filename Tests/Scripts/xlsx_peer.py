#!/usr/bin/env python3
"""Test peer for plancheck's .xlsx reader (Tests/PlanCheckKitTests/WorkbookPeerTests.swift).

  xlsx_peer.py CSV ENCODING OUT.xlsx SHEET   writes the CSV's cells, as text, into one sheet with openpyxl
  xlsx_peer.py --numbers CSV ENCODING OUT.xlsx SHEET
      the same, but a cell written as a decimal number (12.000000000000002) is stored as a number
      cell, the way Excel stores the result of arithmetic
"""
import csv, re, sys
import openpyxl

args = sys.argv[1:]
numbers = args[0] == "--numbers"
if numbers:
    args = args[1:]
src, encoding, out, sheet = args[0:4]
decimal = re.compile(r"^-?[0-9]+\.[0-9]+$")
wb = openpyxl.Workbook()
ws = wb.active
ws.title = sheet
with open(src, encoding=encoding, newline="") as f:
    for row in csv.reader(f):
        ws.append([float(c) if numbers and decimal.match(c) else c for c in row])
wb.save(out)
