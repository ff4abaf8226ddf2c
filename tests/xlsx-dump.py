#!/usr/bin/env python3
# SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING.
"""An independent reader for the workbooks wangge writes (python3's zipfile and xml only, none of
wangge's code): prints each sheet's name, frozen rows, merged ranges and every cell as
REF TYPE[+bold] VALUE (after the columns' widths, as wide as their text, a CJK character
counting two), TYPE one of text, number, date or datetime (a number in a date format,
shown as YYYY-MM-DD [HH:MM]), bool. Used by the CLI case xlsx-independent."""
import datetime
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
DATE_FMTS = set(range(14, 23)) | set(range(45, 48))


def styles(z):
    """Per style index: (is a date format, is bold)."""
    root = ET.fromstring(z.read("xl/styles.xml"))
    custom = {int(f.get("numFmtId")): f.get("formatCode")
              for f in root.findall("m:numFmts/m:numFmt", NS)}
    bold = [f.find("m:b", NS) is not None for f in root.findall("m:fonts/m:font", NS)]
    out = []
    for xf in root.findall("m:cellXfs/m:xf", NS):
        fmt = int(xf.get("numFmtId", "0"))
        code = re.sub(r'"[^"]*"|\[[^]]*\]', "", custom.get(fmt, ""))
        is_date = fmt in DATE_FMTS or bool(re.search(r"[ymd]", code, re.I))
        out.append((is_date, bold[int(xf.get("fontId", "0"))]))
    return out


def text(node):
    return "".join(t.text or "" for t in node.iter("{%s}t" % NS["m"]))


def main(path):
    z = zipfile.ZipFile(path)
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        shared = [text(si) for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS)]
    st = styles(z)
    rels = {r.get("Id"): r.get("Target") for r in ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))}
    for sheet in ET.fromstring(z.read("xl/workbook.xml")).findall("m:sheets/m:sheet", NS):
        target = rels[sheet.get(REL)].lstrip("/")
        target = target if target.startswith("xl/") else "xl/" + target
        ws = ET.fromstring(z.read(target))
        pane = ws.find("m:sheetViews/m:sheetView/m:pane", NS)
        frozen = pane.get("ySplit") if pane is not None and pane.get("state") == "frozen" else "0"
        merged = [m.get("ref") for m in ws.findall("m:mergeCells/m:mergeCell", NS)]
        print("sheet %s: frozen rows %s%s" % (sheet.get("name"), frozen,
                                               ", merged " + " ".join(merged) if merged else ""))
        widths = ["%s-%s %.1f" % (c.get("min"), c.get("max"), float(c.get("width")))
                  for c in ws.findall("m:cols/m:col", NS) if c.get("width")]
        print("widths (columns from 1): %s" % (", ".join(widths) if widths else "default"))
        for c in ws.iter("{%s}c" % NS["m"]):
            t, s = c.get("t", "n"), int(c.get("s", "0"))
            is_date, bold = st[s] if s < len(st) else (False, False)
            v = c.find("m:v", NS)
            if t == "inlineStr":
                kind, val = "text", text(c.find("m:is", NS))
            elif t == "s":
                kind, val = "text", shared[int(v.text)]
            elif t == "str":
                kind, val = "text", v.text or ""
            elif t == "b":
                kind, val = "bool", v.text
            elif v is None:
                continue
            elif is_date:
                when = datetime.datetime(1899, 12, 30) + datetime.timedelta(days=float(v.text))
                kind = "date" if float(v.text).is_integer() else "datetime"
                val = when.strftime("%Y-%m-%d" if kind == "date" else "%Y-%m-%d %H:%M")
            else:
                kind, val = "number", v.text
            print("%s %s%s %s" % (c.get("r"), kind, "+bold" if bold else "", val))


if __name__ == "__main__":
    main(sys.argv[1])
