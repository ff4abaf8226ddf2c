/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Registers as .xlsx workbooks: a sheet read as the CSV reader's records with the workbook's own
 * types (shared and inline strings, numbers kept exact, dates from serial numbers), chosen by
 * content; every problem named FILE:SHEET:ROW: column, and nothing written. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <sqlite3.h>
#include <unzip.h>
#include <zip.h>

#include <wangge/csv.h>
#include <wangge/resident.h>
#include "core/core-int.h"
#include "core/csv-xlsx.h"

#include "resident-fixture.h"

static char dir[] = "/tmp/wangge-xlsx-test-XXXXXX";

static void setup(void)
{
	cr_assert_not_null(mkdtemp(dir));
}

static void teardown(void)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	cr_assert_eq(system(cmd), 0);
}

TestSuite(xlsx, .init = setup, .fini = teardown);

struct part {
	const char *name, *xml;
};

/* A workbook written with minizip's own writer, part by part. */
static void workbook(const char *path, const struct part *parts, int n)
{
	zipFile z = zipOpen64(path, APPEND_STATUS_CREATE);
	cr_assert_not_null(z);
	for (int i = 0; i < n; i++) {
		cr_assert_eq(zipOpenNewFileInZip(z, parts[i].name, NULL, NULL, 0, NULL, 0, NULL,
						 Z_DEFLATED, Z_DEFAULT_COMPRESSION), ZIP_OK);
		cr_assert_eq(zipWriteInFileInZip(z, parts[i].xml, (unsigned)strlen(parts[i].xml)), ZIP_OK);
		cr_assert_eq(zipCloseFileInZip(z), ZIP_OK);
	}
	cr_assert_eq(zipClose(z, NULL), ZIP_OK);
}

static const char book[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/"
	"spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/"
	"relationships\"><workbookPr/><sheets><sheet name=\"说明\" sheetId=\"1\" r:id=\"rId1\"/>"
	"<sheet name=\"居民\" sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>";
static const char rels[] =
	"<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
	"relationships\"><Relationship Id=\"rId2\" Type=\"x\" Target=\"worksheets/sheet2.xml\"/>"
	"<Relationship Id=\"rId1\" Type=\"x\" Target=\"/xl/worksheets/sheet1.xml\"/></Relationships>";
/* strings: 0 the title, 1..6 the header, 7 a name with its reading (rPh) and two runs */
static const char sst[] =
	"<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
	"<si><t>朝阳区居民信息登记表</t></si><si><t>姓名</t></si><si><t>身份证号</t></si>"
	"<si><t>联系电话</t></si><si><t>网格编码</t></si><si><t>出生日期</t></si><si><t>备注</t></si>"
	"<si><r><t>测试</t></r><r><t>甲</t></r><rPh sb=\"0\" eb=\"2\"><t>ceshi</t></rPh></si>"
	"<si><t xml:space=\"preserve\">测试乙, \"小乙\"</t></si></sst>";
/* styles: 0 general, 1 a custom date format, 2 the built-in date (14) */
static const char styles[] =
	"<?xml version=\"1.0\"?><styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/"
	"2006/main\"><numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"yyyy&quot;年&quot;m&quot;"
	"月&quot;d&quot;日&quot;\"/></numFmts><cellXfs count=\"3\"><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/>"
	"<xf numFmtId=\"14\"/></cellXfs></styleSheet>";
static const char notes_sheet[] =
	"<?xml version=\"1.0\"?><worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>"
	"填表说明</t></is></c></row></sheetData></worksheet>";

/* The residents sheet: a title row, the header, then rows; %s are the two ID numbers. */
static char *sheet2(const char *id1, const char *id2, const char *bad_row)
{
	static char xml[4096];
	snprintf(xml, sizeof xml,
		 "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/"
		 "spreadsheetml/2006/main\"><sheetData>"
		 "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"
		 "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>1</v></c><c r=\"B2\" t=\"s\"><v>2</v></c>"
		 "<c r=\"C2\" t=\"s\"><v>3</v></c><c r=\"D2\" t=\"s\"><v>4</v></c>"
		 "<c r=\"E2\" t=\"s\"><v>5</v></c><c r=\"F2\" t=\"s\"><v>6</v></c></row>"
		 "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>7</v></c><c r=\"B3\"><v>%s</v></c>"
		 "<c r=\"C3\"><v>13800138000</v></c><c r=\"D3\"><v>" RF_G1 "</v></c>"
		 "<c r=\"E3\" s=\"1\"><v>29265</v></c>"
		 "<c r=\"F3\" t=\"inlineStr\"><is><t>两行\n备注</t></is></c></row>"
		 "<row r=\"5\"><c r=\"A5\" t=\"s\"><v>8</v></c><c r=\"B5\" t=\"str\"><v>%s</v></c>"
		 "<c r=\"D5\"><v>" RF_G1 "</v></c></row>%s"
		 "</sheetData></worksheet>", id1, id2, bad_row);
	return xml;
}

static void write_book(const char *path, const char *id1, const char *id2, const char *bad_row)
{
	const struct part parts[] = {
		{ "xl/workbook.xml", book }, { "xl/_rels/workbook.xml.rels", rels },
		{ "xl/sharedStrings.xml", sst }, { "xl/styles.xml", styles },
		{ "xl/worksheets/sheet1.xml", notes_sheet },
		{ "xl/worksheets/sheet2.xml", sheet2(id1, id2, bad_row) },
	};
	workbook(path, parts, 6);
}

/* A sheet read whole through the reader, in pieces of 7 bytes (rows cut anywhere): 0 or -1. */
static int wg_xlsx_to_csv(const char *path, const char *want, char **csv, size_t *len,
			  char *sheet, size_t sheetsz, char *why, size_t whysz)
{
	struct wg_xlsx_rows *x = wg_xlsx_open(path, want, sheet, sheetsz, why, whysz);
	size_t cap = 64;
	long n = 0;
	*len = 0;
	*csv = NULL;
	if (!x)
		return -1;
	do {
		if (*len + 8 > cap || !*csv)
			cr_assert((*csv = realloc(*csv, cap *= 2)));
		n = wg_xlsx_read(x, *csv + *len, 7, why, whysz);
		*len += n > 0 ? (size_t)n : 0;
	} while (n > 0);
	(*csv)[*len] = '\0';
	wg_xlsx_close(x);
	if (n < 0)
		free(*csv);
	return n < 0 ? -1 : 0;
}

Test(xlsx, a_sheet_reads_as_rows_with_the_workbooks_types)
{
	char path[256], sheet[128], why[512], a[19], b[19], *csv;
	size_t len;
	snprintf(path, sizeof path, "%s/r.xlsx", dir);
	write_book(path, rf_id("19800214", 123, a), rf_id("19900307", 122, b), "");
	cr_assert_eq(wg_xlsx_to_csv(path, "居民", &csv, &len, sheet, sizeof sheet, why, sizeof why), 0,
		     "%s", why);
	cr_expect_str_eq(sheet, "居民");
	char want[1024];
	snprintf(want, sizeof want,
		 "朝阳区居民信息登记表\n姓名,身份证号,联系电话,网格编码,出生日期,备注\n"
		 "测试甲,%s,13800138000," RF_G1 ",1980-02-14,\"两行\n备注\"\n\n"
		 "\"测试乙, \"\"小乙\"\"\",%s,," RF_G1 "\n", a, b);
	cr_expect_str_eq(csv, want, "the reading (rPh) left out, runs joined, the date converted,"
				    " row 4 a blank line");
	free(csv);
	cr_assert_eq(wg_xlsx_to_csv(path, "2", &csv, &len, sheet, sizeof sheet, why, sizeof why), 0);
	cr_expect_str_eq(sheet, "居民", "a sheet by its number");
	free(csv);
	cr_assert_eq(wg_xlsx_to_csv(path, NULL, &csv, &len, sheet, sizeof sheet, why, sizeof why), 0);
	cr_expect_str_eq(csv, "填表说明\n", "the first sheet without a choice");
	free(csv);
	cr_assert_eq(wg_xlsx_to_csv(path, "户籍", &csv, &len, sheet, sizeof sheet, why, sizeof why), -1);
	cr_expect(strstr(why, "it has no sheet 户籍; its sheets are 说明, 居民"), "%s", why);
}

/* The importers take a workbook whatever its name says; a bad row is named FILE:SHEET:ROW, row
 * numbers as the spreadsheet shows them even after a cell with a line break in it. */
Test(xlsx, residents_are_imported_from_a_workbook_all_or_nothing)
{
	struct wg_ctx *ctx = rf_open(WG_ROLE_CLERK, 1);
	struct wg_problems p = { 0 };
	struct wg_resident_import_result res;
	char path[256], a[19], b[19];
	snprintf(path, sizeof path, "%s/register.csv", dir); /* named .csv: read by its content */
	write_book(path, rf_id("19800214", 123, a), rf_id("19900307", 122, b),
		   "<row r=\"6\"><c r=\"A6\" t=\"inlineStr\"><is><t>测试丙</t></is></c>"
		   "<c r=\"B6\"><v>1.10105199003071E+17</v></c><c r=\"D6\"><v>" RF_G1 "</v></c></row>");
	wg_import_sheet(ctx, "居民");
	cr_assert_eq(wg_resident_import_file(ctx, path, WG_ENC_AUTO, &p, &res), WG_EINVAL);
	cr_assert_eq(wg_problems_count(&p), 1, "%s", wg_problems_get(&p, 0));
	char where[300];
	snprintf(where, sizeof where, "%s:居民:6: 身份证号:", path);
	cr_expect(strncmp(wg_problems_get(&p, 0), where, strlen(where)) == 0, "%s",
		  wg_problems_get(&p, 0));
	wg_problems_free(&p);
	sqlite3_stmt *st;
	cr_assert_eq(sqlite3_prepare_v2(wg_db(ctx), "SELECT count(*) FROM residents", -1, &st, NULL), 0);
	cr_assert_eq(sqlite3_step(st), SQLITE_ROW);
	cr_expect_eq(sqlite3_column_int(st, 0), 0, "nothing written");
	sqlite3_finalize(st);
	write_book(path, a, b, "");
	cr_assert_eq(wg_resident_import_file(ctx, path, WG_ENC_AUTO, &p, &res), WG_OK, "%s",
		     wg_problems_count(&p) ? wg_problems_get(&p, 0) : wg_error(ctx));
	cr_expect_eq(res.rows, 2);
	cr_assert_eq(sqlite3_prepare_v2(wg_db(ctx), "SELECT id_number, phone, birth_date, notes FROM"
				       " residents WHERE name = '测试甲'", -1, &st, NULL), 0);
	cr_assert_eq(sqlite3_step(st), SQLITE_ROW);
	cr_expect_str_eq((const char *)sqlite3_column_text(st, 0), a, "a numeric ID number, exact");
	cr_expect_str_eq((const char *)sqlite3_column_text(st, 1), "13800138000");
	cr_expect_str_eq((const char *)sqlite3_column_text(st, 2), "1980-02-14");
	cr_expect_str_eq((const char *)sqlite3_column_text(st, 3), "两行\n备注");
	sqlite3_finalize(st);
	wg_problems_free(&p);
	rf_close(ctx);
}

Test(xlsx, a_file_that_is_no_workbook_is_named)
{
	struct wg_ctx *ctx = rf_open(WG_ROLE_CLERK, 1);
	struct wg_problems p = { 0 };
	struct wg_resident_import_result res;
	static const char not_a_book[] = "PK\x03\x04 this is no zip at all";
	cr_assert_eq(wg_resident_import_mem(ctx, "broken.xlsx", not_a_book, sizeof not_a_book - 1,
					   WG_ENC_AUTO, &p, &res), WG_EINVAL);
	cr_assert_geq(wg_problems_count(&p), 1);
	cr_expect(strstr(wg_problems_get(&p, 0), "broken.xlsx: it is not a readable .xlsx workbook"),
		  "%s", wg_problems_get(&p, 0));
	wg_problems_free(&p);
	rf_close(ctx);
}

static char *export_csv(struct wg_ctx *ctx)
{
	char *buf = NULL;
	size_t len = 0;
	long rows;
	FILE *out = open_memstream(&buf, &len);
	cr_assert_eq(wg_resident_export(ctx, out, 1, &rows), WG_OK, "%s", wg_error(ctx));
	fclose(out);
	return buf;
}

/* The sheet's XML of a workbook, read with minizip alone (not with the importer). */
static char *sheet_xml(const char *path)
{
	unzFile z = unzOpen64(path);
	cr_assert_not_null(z);
	cr_assert_eq(unzLocateFile(z, "xl/worksheets/sheet1.xml", 0), UNZ_OK);
	cr_assert_eq(unzOpenCurrentFile(z), UNZ_OK);
	char *xml = calloc(1, 1 << 20);
	int n = unzReadCurrentFile(z, xml, (1 << 20) - 1);
	cr_assert_gt(n, 0);
	unzCloseCurrentFile(z);
	unzClose(z);
	return xml;
}

/* A register exported as a workbook reads back as the same records; in the workbook the ID
 * numbers and phones are text, the birth dates dates, the header frozen. */
#ifndef HAVE_XLSXWRITER
/* A build without libxlsxwriter (Debian 11) writes no workbook, and says so. */
Test(xlsx, a_build_without_the_writer_refuses_saying_why)
{
	char why[256];
	cr_expect_eq(wg_csv_to_xlsx("a\n1\n", 4, "s", "/nonexistent/x.xlsx", why, sizeof why), -1);
	cr_expect(strstr(why, "libxlsxwriter") != NULL, "%s", why);
}
#else
Test(xlsx, an_exported_workbook_imports_back_the_same)
{
	struct wg_ctx *ctx = rf_open(WG_ROLE_ADMIN, 1);
	char a[19], b[19], path[256], why[256];
	rf_add(ctx, "往返甲", rf_id("19520317", 31, a), "13900001111", RF_G1, "5号楼", "301", "");
	rf_add(ctx, "往返乙", rf_id("20010101", 42, b), "", RF_G2, "", "", "");
	char *csv = export_csv(ctx);
	snprintf(path, sizeof path, "%s/out.xlsx", dir);
	cr_assert_eq(wg_csv_to_xlsx(csv, strlen(csv), "residents", path, why, sizeof why), 0, "%s", why);
	char *xml = sheet_xml(path);
	char cell[128];
	snprintf(cell, sizeof cell, "<c r=\"C2\" t=\"inlineStr\"><is><t>%s</t></is></c>", a);
	cr_expect(strstr(xml, cell), "the ID number is text: %s", xml);
	cr_expect(strstr(xml, "<c r=\"D2\" t=\"inlineStr\"><is><t>13900001111</t></is></c>"), "%s", xml);
	cr_expect(strstr(xml, "<c r=\"J2\" s=\""), "the birth date has a date style: %s", xml);
	cr_expect(strstr(xml, "state=\"frozen\""), "the header row is frozen");
	free(xml);
	rf_close(ctx);
	struct wg_ctx *other = rf_open(WG_ROLE_ADMIN, 1);
	struct wg_problems p = { 0 };
	struct wg_resident_import_result res;
	cr_assert_eq(wg_resident_import_file(other, path, WG_ENC_AUTO, &p, &res), WG_OK, "%s",
		     wg_problems_count(&p) ? wg_problems_get(&p, 0) : wg_error(other));
	char *back = export_csv(other);
	cr_expect_str_eq(back, csv, "the same records after a round trip");
	free(back);
	free(csv);
	wg_problems_free(&p);
	rf_close(other);
}
#endif
