/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Unit tests for the CSV layer: encodings, RFC 4180 parsing, header mapping and the writer. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include <wangge/csv.h>
#include "core/csv-priv.h"

static struct wg_problems probs;

static void setup(void)
{
	wg_problems_init(&probs);
}

static void teardown(void)
{
	wg_problems_free(&probs);
}

TestSuite(csv, .init = setup, .fini = teardown);

static struct wg_csv *open_text(const char *text, enum wg_encoding enc)
{
	struct wg_csv *c = NULL;
	enum wg_csv_status st = wg_csv_open_mem(&c, "t.csv", text, strlen(text), enc, &probs);
	cr_assert_eq(st, WG_CSV_OK, "open failed: %s", wg_problems_get(&probs, 0));
	return c;
}

/* Reads the next record, which must exist, and checks where it starts. */
static const struct wg_csv_record *next_at(struct wg_csv *c, long line)
{
	const struct wg_csv_record *r;
	cr_assert_eq(wg_csv_next(c, &r), 1);
	cr_assert_eq(r->line, line, "record starts at line %ld, not %ld", r->line, line);
	return r;
}

static void expect_end(struct wg_csv *c)
{
	const struct wg_csv_record *r;
	cr_assert_eq(wg_csv_next(c, &r), 0);
	cr_assert_null(r);
}

static void expect_cells(const struct wg_csv_record *r, size_t n, const char *const *want)
{
	cr_assert_eq(r->ncells, n, "line %ld has %zu cells, want %zu", r->line, r->ncells, n);
	for (size_t i = 0; i < n; i++)
		cr_assert_str_eq(r->cells[i], want[i], "line %ld cell %zu", r->line, i);
}

/* Converts a UTF-8 literal to GB18030 bytes, as a Chinese spreadsheet would save it. */
static char *to_gb18030(const char *utf8, size_t *len)
{
	iconv_t cd = iconv_open("GB18030", "UTF-8");
	cr_assert_neq(cd, (iconv_t)-1);
	size_t il = strlen(utf8), ol = 2 * il + 4;
	char *out = malloc(ol), *ip = (char *)utf8, *op = out;
	cr_assert_neq(iconv(cd, &ip, &il, &op, &ol), (size_t)-1);
	iconv_close(cd);
	*len = (size_t)(op - out);
	return out;
}

static const char *const name_aliases[] = { "姓名", "志愿者姓名", NULL };
static const char *const id_aliases[] = { "身份证号", "ID number", NULL };
static const char *const phone_aliases[] = { "联系电话", "电话", NULL };

enum { COL_NAME, COL_ID, COL_PHONE };
static const struct wg_csv_column people[] = {
	[COL_NAME] = { "name", name_aliases, 1 },
	[COL_ID] = { "id_number", id_aliases, 1 },
	[COL_PHONE] = { "phone", phone_aliases, 0 },
};
#define NPEOPLE (sizeof people / sizeof people[0])

Test(csv, encoding_names)
{
	enum wg_encoding e = WG_ENC_UTF8;
	cr_assert_eq(wg_encoding_parse("auto", &e), 0);
	cr_assert_eq(e, WG_ENC_AUTO);
	cr_assert_eq(wg_encoding_parse("UTF-8", &e), 0);
	cr_assert_eq(e, WG_ENC_UTF8);
	cr_assert_eq(wg_encoding_parse("utf8", &e), 0);
	cr_assert_eq(e, WG_ENC_UTF8);
	cr_assert_eq(wg_encoding_parse("GBK", &e), 0);
	cr_assert_eq(e, WG_ENC_GB18030);
	cr_assert_eq(wg_encoding_parse("gb2312", &e), 0);
	cr_assert_eq(e, WG_ENC_GB18030);
	cr_assert_eq(wg_encoding_parse("Gb18030", &e), 0);
	cr_assert_eq(e, WG_ENC_GB18030);
	cr_assert_eq(wg_encoding_parse("latin1", &e), -1);
	cr_assert_eq(wg_encoding_parse("", &e), -1);
}

Test(csv, utf8_without_bom)
{
	struct wg_csv *c = open_text("name,id_number\n张三,110101199003071234\n", WG_ENC_AUTO);
	cr_assert_eq(wg_csv_encoding(c), WG_ENC_UTF8);
	size_t n;
	const char *const *h = wg_csv_header(c, &n);
	cr_assert_eq(n, 2);
	cr_assert_str_eq(h[0], "name");
	cr_assert_eq(wg_csv_header_line(c), 1);
	expect_cells(next_at(c, 2), 2, (const char *[]){ "张三", "110101199003071234" });
	expect_end(c);
	wg_csv_close(c);
	cr_assert_eq(wg_problems_count(&probs), 0);
}

Test(csv, utf8_with_bom)
{
	struct wg_csv *c = open_text("\xEF\xBB\xBF姓名,身份证号\n李四,1\n", WG_ENC_UTF8);
	size_t n;
	cr_assert_str_eq(wg_csv_header(c, &n)[0], "姓名");
	cr_assert_eq(wg_csv_map_header(c, people, NPEOPLE), 0);
	const struct wg_csv_record *r = next_at(c, 2);
	cr_assert_str_eq(wg_csv_field(r, COL_NAME), "李四");
	wg_csv_close(c);
}

Test(csv, gb18030_auto_and_explicit)
{
	const char *utf8 = "姓名,身份证号\n张三,110101199003071234\n王五,𠀀\n";
	size_t len;
	char *gb = to_gb18030(utf8, &len);
	cr_assert_neq(memcmp(gb, utf8, 6), 0, "the test data must really differ from UTF-8");
	enum wg_encoding encs[] = { WG_ENC_AUTO, WG_ENC_GB18030 };
	for (size_t i = 0; i < 2; i++) {
		struct wg_csv *c;
		cr_assert_eq(wg_csv_open_mem(&c, "gb.csv", gb, len, encs[i], &probs), WG_CSV_OK);
		cr_assert_eq(wg_csv_encoding(c), WG_ENC_GB18030);
		cr_assert_eq(wg_csv_map_header(c, people, NPEOPLE), 0);
		const struct wg_csv_record *r = next_at(c, 2);
		cr_assert_str_eq(wg_csv_field(r, COL_NAME), "张三");
		cr_assert_str_eq(wg_csv_field(r, COL_ID), "110101199003071234");
		r = next_at(c, 3);
		cr_assert_str_eq(wg_csv_field(r, COL_ID), "𠀀");
		expect_end(c);
		wg_csv_close(c);
	}
	free(gb);
	cr_assert_eq(wg_problems_count(&probs), 0);
}

Test(csv, gb18030_read_as_utf8_names_the_line)
{
	size_t len;
	char *gb = to_gb18030("name,id_number\nok,1\n张三,2\n", &len);
	struct wg_csv *c = (struct wg_csv *)1;
	cr_assert_eq(wg_csv_open_mem(&c, "gb.csv", gb, len, WG_ENC_UTF8, &probs), WG_CSV_ERR_DATA);
	cr_assert_null(c);
	cr_assert_eq(wg_problems_count(&probs), 1);
	const char *msg = wg_problems_get(&probs, 0);
	cr_assert(strncmp(msg, "gb.csv:3: ", 10) == 0, "got: %s", msg);
	cr_assert_not_null(strstr(msg, "--encoding gb18030"), "got: %s", msg);
	free(gb);
}

Test(csv, undecodable_bytes_name_the_line)
{
	const char data[] = "a,b\r\nc,d\r\n\"x\ny\",\xFF\xFF\n";
	struct wg_csv *c;
	cr_assert_eq(wg_csv_open_mem(&c, "bad.csv", data, sizeof data - 1, WG_ENC_AUTO, &probs),
	             WG_CSV_ERR_DATA);
	const char *msg = wg_problems_get(&probs, 0);
	cr_assert(strncmp(msg, "bad.csv:4: ", 11) == 0, "got: %s", msg);
	cr_assert_not_null(strstr(msg, "0xFF"), "got: %s", msg);
	cr_assert_not_null(strstr(msg, "--encoding"), "got: %s", msg);
}

Test(csv, utf16_and_nul_are_refused)
{
	struct wg_csv *c;
	const char utf16[] = "\xFF\xFEn\0a\0m\0e\0\n\0";
	cr_assert_eq(wg_csv_open_mem(&c, "u.csv", utf16, sizeof utf16 - 1, WG_ENC_AUTO, &probs),
	             WG_CSV_ERR_DATA);
	cr_assert_not_null(strstr(wg_problems_get(&probs, 0), "UTF-16"));
	const char nul[] = "name\nab\0c\n";
	cr_assert_eq(wg_csv_open_mem(&c, "n.csv", nul, sizeof nul - 1, WG_ENC_AUTO, &probs),
	             WG_CSV_ERR_DATA);
	cr_assert(strncmp(wg_problems_get(&probs, 1), "n.csv:2: ", 9) == 0);
}

Test(csv, crlf_line_ends)
{
	struct wg_csv *c = open_text("a,b\r\n1,2\r\n\r\n3,4\r\n", WG_ENC_AUTO);
	expect_cells(next_at(c, 2), 2, (const char *[]){ "1", "2" });
	expect_cells(next_at(c, 4), 2, (const char *[]){ "3", "4" });
	expect_end(c);
	wg_csv_close(c);
}

Test(csv, lone_cr_line_ends)
{
	struct wg_csv *c = open_text("a,b\r1,\"x\ry\"\r3,4", WG_ENC_AUTO);
	expect_cells(next_at(c, 2), 2, (const char *[]){ "1", "x\ry" });
	expect_cells(next_at(c, 4), 2, (const char *[]){ "3", "4" });
	expect_end(c);
	wg_csv_close(c);
}

Test(csv, quoted_fields)
{
	struct wg_csv *c = open_text("a,b,c\n"
	                             "1,\"x, y\",\"say \"\"hi\"\"\"\n"
	                             "2,\"multi\nline\r\nvalue\",\"\"\n"
	                             "3, \"spaced\" ,\"  kept  \"\n"
	                             "4,\"\"\"\",\"a\"\"b\"\n",
	                             WG_ENC_AUTO);
	expect_cells(next_at(c, 2), 3, (const char *[]){ "1", "x, y", "say \"hi\"" });
	expect_cells(next_at(c, 3), 3, (const char *[]){ "2", "multi\nline\r\nvalue", "" });
	expect_cells(next_at(c, 6), 3, (const char *[]){ "3", "spaced", "  kept  " });
	expect_cells(next_at(c, 7), 3, (const char *[]){ "4", "\"", "a\"b" });
	expect_end(c);
	wg_csv_close(c);
	cr_assert_eq(wg_problems_count(&probs), 0);
}

Test(csv, unterminated_quote_names_its_line)
{
	struct wg_csv *c = open_text("name,note\n1,ok\n2,\"open\n3,x\n4,y\n", WG_ENC_AUTO);
	next_at(c, 2);
	const struct wg_csv_record *r;
	cr_assert_eq(wg_csv_next(c, &r), -1);
	cr_assert_eq(wg_csv_next(c, &r), -1, "the reader stays failed");
	cr_assert_eq(wg_problems_count(&probs), 1);
	const char *msg = wg_problems_get(&probs, 0);
	cr_assert(strncmp(msg, "t.csv:3: note: ", 15) == 0, "got: %s", msg);
	wg_csv_close(c);
}

Test(csv, text_after_closing_quote_is_a_problem)
{
	struct wg_csv *c = open_text("a,b\n\"x\"y,2\n", WG_ENC_AUTO);
	expect_cells(next_at(c, 2), 2, (const char *[]){ "xy", "2" });
	cr_assert_eq(wg_problems_count(&probs), 1);
	cr_assert(strncmp(wg_problems_get(&probs, 0), "t.csv:2: a: ", 12) == 0);
	wg_csv_close(c);
}

Test(csv, header_in_chinese_any_order)
{
	struct wg_csv *c = open_text("电话,身份证号, 姓名 ,备注\n13800000000,110,张三,x\n", WG_ENC_AUTO);
	cr_assert_eq(wg_csv_map_header(c, people, NPEOPLE), 0);
	const struct wg_csv_record *r = next_at(c, 2);
	cr_assert_str_eq(wg_csv_field(r, COL_NAME), "张三");
	cr_assert_str_eq(wg_csv_field(r, COL_ID), "110");
	cr_assert_str_eq(wg_csv_field(r, COL_PHONE), "13800000000");
	cr_assert_str_eq(wg_csv_column_label(c, COL_NAME), "姓名");
	size_t n;
	const char *const *unknown = wg_csv_unknown_columns(c, &n);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(unknown[0], "备注");
	wg_csv_close(c);
	cr_assert_eq(wg_problems_count(&probs), 0);
}

Test(csv, header_in_english_any_case)
{
	struct wg_csv *c = open_text("ID_Number,NAME\n110,Zhang San\n", WG_ENC_AUTO);
	cr_assert_eq(wg_csv_map_header(c, people, NPEOPLE), 0);
	cr_assert(!wg_csv_has_column(c, COL_PHONE));
	cr_assert(wg_csv_has_column(c, COL_NAME));
	cr_assert_str_eq(wg_csv_column_label(c, COL_PHONE), "phone");
	const struct wg_csv_record *r = next_at(c, 2);
	cr_assert_str_eq(wg_csv_field(r, COL_NAME), "Zhang San");
	cr_assert_str_eq(wg_csv_field(r, COL_PHONE), "");
	size_t n;
	wg_csv_unknown_columns(c, &n);
	cr_assert_eq(n, 0);
	wg_csv_close(c);
}

Test(csv, find_column_tells_layouts_apart)
{
	struct wg_csv *c = open_text("备注,身份证号\n", WG_ENC_AUTO);
	cr_assert_eq(wg_csv_find_column(c, &people[COL_ID]), 1);
	cr_assert_eq(wg_csv_find_column(c, &people[COL_NAME]), -1);
	expect_end(c);
	wg_csv_close(c);
}

Test(csv, missing_required_column)
{
	struct wg_csv *c = open_text("\n身份证号,电话\n1,2\n", WG_ENC_AUTO);
	cr_assert_eq(wg_csv_header_line(c), 2);
	cr_assert_eq(wg_csv_map_header(c, people, NPEOPLE), -1);
	cr_assert_eq(wg_problems_count(&probs), 1);
	const char *msg = wg_problems_get(&probs, 0);
	const char *want = "t.csv:2: header: missing column 'name' (姓名, 志愿者姓名)";
	cr_assert(strncmp(msg, want, strlen(want)) == 0, "got: %s", msg);
	wg_csv_close(c);
}

Test(csv, duplicate_column)
{
	struct wg_csv *c = open_text("name,id_number,姓名\n", WG_ENC_AUTO);
	cr_assert_eq(wg_csv_map_header(c, people, NPEOPLE), -1);
	cr_assert_eq(wg_problems_count(&probs), 1);
	const char *msg = wg_problems_get(&probs, 0);
	cr_assert(strncmp(msg, "t.csv:1: header: ", 17) == 0, "got: %s", msg);
	cr_assert_not_null(strstr(msg, "'name' and '姓名'"), "got: %s", msg);
	wg_csv_close(c);
}

Test(csv, extra_cells_name_the_line)
{
	struct wg_csv *c = open_text("name,id_number\na,1\nb,2,surplus\nc,3,,\n", WG_ENC_AUTO);
	cr_assert_eq(wg_csv_map_header(c, people, NPEOPLE), 0);
	next_at(c, 2);
	const struct wg_csv_record *r = next_at(c, 3);
	cr_assert_str_eq(wg_csv_field(r, COL_ID), "2");
	next_at(c, 4);
	expect_end(c);
	cr_assert_eq(wg_problems_count(&probs), 1, "trailing empty cells are no problem");
	const char *msg = wg_problems_get(&probs, 0);
	cr_assert(strncmp(msg, "t.csv:3: ", 9) == 0, "got: %s", msg);
	cr_assert_not_null(strstr(msg, "3 cells"), "got: %s", msg);
	wg_csv_close(c);
}

Test(csv, value_under_empty_header_cell)
{
	struct wg_csv *c = open_text("name,,id_number\na,lost,1\nb,,2\n", WG_ENC_AUTO);
	next_at(c, 2);
	next_at(c, 3);
	cr_assert_eq(wg_problems_count(&probs), 1);
	cr_assert(strncmp(wg_problems_get(&probs, 0), "t.csv:2: ", 9) == 0);
	wg_csv_close(c);
}

Test(csv, short_rows_read_as_empty)
{
	struct wg_csv *c = open_text("phone,name,id_number\n138\n", WG_ENC_AUTO);
	cr_assert_eq(wg_csv_map_header(c, people, NPEOPLE), 0);
	const struct wg_csv_record *r = next_at(c, 2);
	cr_assert_str_eq(wg_csv_field(r, COL_PHONE), "138");
	cr_assert_str_eq(wg_csv_field(r, COL_NAME), "");
	cr_assert_str_eq(wg_csv_field(r, COL_ID), "");
	cr_assert_str_eq(wg_csv_field(r, 99), "");
	cr_assert_str_eq(wg_csv_cell(r, 5), "");
	wg_csv_close(c);
}

Test(csv, blank_lines_skipped)
{
	struct wg_csv *c = open_text("a,b\n\n1,2\n   \n,,\n3,4\n\n\r\n \n,\n", WG_ENC_AUTO);
	expect_cells(next_at(c, 3), 2, (const char *[]){ "1", "2" });
	expect_cells(next_at(c, 6), 2, (const char *[]){ "3", "4" });
	expect_end(c);
	expect_end(c);
	wg_csv_close(c);
	cr_assert_eq(wg_problems_count(&probs), 0);
}

Test(csv, spaces_trimmed_from_unquoted_cells)
{
	struct wg_csv *c = open_text("a,b,c\n\xE3\x80\x80张三\xE3\x80\x80 ,\t x y \t,\"\xE3\x80\x80q \"\n",
	                             WG_ENC_AUTO);
	expect_cells(next_at(c, 2), 3, (const char *[]){ "张三", "x y", "\xE3\x80\x80q " });
	wg_csv_close(c);
}

Test(csv, empty_file_is_refused)
{
	struct wg_csv *c;
	cr_assert_eq(wg_csv_open_mem(&c, "e.csv", "\xEF\xBB\xBF\n\n", 5, WG_ENC_AUTO, &probs),
	             WG_CSV_ERR_DATA);
	cr_assert_null(c);
	cr_assert(strncmp(wg_problems_get(&probs, 0), "e.csv: ", 7) == 0);
}

Test(csv, missing_file_is_a_read_error)
{
	struct wg_csv *c;
	cr_assert_eq(wg_csv_open_file(&c, "/nonexistent/dir/x.csv", WG_ENC_AUTO, &probs),
	             WG_CSV_ERR_READ);
	cr_assert_null(c);
	cr_assert(strncmp(wg_problems_get(&probs, 0), "/nonexistent/dir/x.csv: ", 24) == 0);
}

Test(csv, reads_a_file_on_disk)
{
	char path[] = "/tmp/wangge-test-csv-XXXXXX";
	int fd = mkstemp(path);
	cr_assert_geq(fd, 0);
	FILE *f = fdopen(fd, "w");
	fputs("name,id_number\n张三,1\n", f);
	fclose(f);
	struct wg_csv *c;
	enum wg_csv_status st = wg_csv_open_file(&c, path, WG_ENC_AUTO, &probs);
	remove(path);
	cr_assert_eq(st, WG_CSV_OK);
	cr_assert_str_eq(wg_csv_name(c), path);
	expect_cells(next_at(c, 2), 2, (const char *[]){ "张三", "1" });
	wg_csv_close(c);
}

Test(csv, writer_round_trip)
{
	const char *rows[][4] = {
		{ "plain", "with, comma", "say \"hi\"", "two\nlines" },
		{ " lead", "trail ", "\xE3\x80\x80全角", "cr\r\nlf" },
		{ "", "张三", "\"", "x" },
	};
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	cr_assert_eq(wg_csv_write_bom(out), 0);
	cr_assert_eq(wg_csv_write_row(out, (const char *[]){ "a", "b", NULL, "d" }, 4), 0);
	for (size_t i = 0; i < 3; i++)
		cr_assert_eq(wg_csv_write_row(out, rows[i], 4), 0);
	fclose(out);
	const char *start = "\xEF\xBB\xBF" "a,b,,d\nplain,\"with, comma\",\"say \"\"hi\"\"\",\"two\n";
	cr_assert(strncmp(buf, start, strlen(start)) == 0, "got: %s", buf);
	cr_assert_not_null(strstr(buf, "\n\" lead\",\"trail \",\"\xE3\x80\x80"), "got: %s", buf);
	struct wg_csv *c = open_text(buf, WG_ENC_AUTO);
	size_t n;
	cr_assert_str_eq(wg_csv_header(c, &n)[0], "a");
	cr_assert_eq(n, 4);
	expect_cells(next_at(c, 2), 4, rows[0]);
	/* A carriage return is a control character: written as \x0d, as on the terminal. */
	expect_cells(next_at(c, 4), 4, (const char *[]){ " lead", "trail ", "\xE3\x80\x80全角", "cr\\x0d\nlf" });
	expect_cells(next_at(c, 6), 4, rows[2]);
	expect_end(c);
	wg_csv_close(c);
	free(buf);
}

Test(csv, the_writer_escapes_control_characters)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	cr_assert_eq(wg_csv_write_row(out, (const char *[]){ "演\033]0;pwned\007示", "a\tb", "x\033[2J" }, 3),
		     0);
	fclose(out);
	cr_assert_str_eq(buf, "演\\x1b]0;pwned\\x07示,a\tb,x\\x1b[2J\n");
	free(buf);
}

Test(csv, title_rows_above_the_header_are_skipped)
{
	struct wg_csv *c = open_text("朝阳区居民信息登记表,,\n制表：演示社区,,\n"
				     "姓名,身份证号,联系电话\n张三,110105199003071239,13800138000\n",
				     WG_ENC_AUTO);
	cr_expect_eq(wg_csv_header_line(c), 3);
	cr_assert_eq(wg_csv_map_header(c, people, NPEOPLE), 0);
	const struct wg_csv_record *r = next_at(c, 4);
	cr_expect_str_eq(wg_csv_field(r, COL_NAME), "张三");
	expect_end(c);
	wg_csv_close(c);
}

/* A register of one column has no title to skip: its first row is the header, however many
 * names follow (before, such a file was "empty", or its sixth name became the header). */
Test(csv, a_one_column_file_keeps_its_header_and_rows)
{
	struct wg_csv *c = open_text("姓名\n张一\n张二\n张三\n张四\n张五\n张六\n张七\n", WG_ENC_AUTO);
	cr_expect_eq(wg_csv_header_line(c), 1);
	cr_assert_eq(wg_csv_map_header(c, people, 1), 0);
	cr_expect_str_eq(wg_csv_field(next_at(c, 2), COL_NAME), "张一");
	for (int line = 3; line <= 8; line++)
		next_at(c, line);
	expect_end(c);
	wg_csv_close(c);
	c = open_text("\xef\xbb\xbfname\r\n社工乙\r\n", WG_ENC_AUTO);
	cr_assert_eq(wg_csv_map_header(c, people, 1), 0);
	cr_expect_str_eq(wg_csv_field(next_at(c, 2), COL_NAME), "社工乙");
	expect_end(c);
	wg_csv_close(c);
}

Test(csv, excel_text_guards_are_unwrapped)
{
	struct wg_csv *c = open_text("姓名,身份证号,联系电话\n"
				     "张三,\"=\"\"110105199003071239\"\"\",=\"13800138000\"\n"
				     "李四,\"=\"\"a\"\"b\"\"\",=\n", WG_ENC_AUTO);
	cr_assert_eq(wg_csv_map_header(c, people, NPEOPLE), 0);
	const struct wg_csv_record *r = next_at(c, 2);
	cr_expect_str_eq(wg_csv_field(r, COL_ID), "110105199003071239");
	cr_expect_str_eq(wg_csv_field(r, COL_PHONE), "13800138000");
	r = next_at(c, 3);
	/* only a whole ="..." is a guard: inner quotes or a bare = stay as written */
	cr_expect_str_eq(wg_csv_field(r, COL_ID), "=\"a\"b\"");
	cr_expect_str_eq(wg_csv_field(r, COL_PHONE), "=");
	wg_csv_close(c);
}

/* ---- streaming: a long file read a window at a time ---- */

struct big {
	char *p;
	size_t n, cap;
	long lines;
};

static void big_put(struct big *b, const char *s, size_t n)
{
	if (b->n + n + 1 > b->cap)
		cr_assert((b->p = realloc(b->p, b->cap = 2 * (b->n + n + 1))));
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

/* Rows until target: a row whose CRLF is cut by it (cut 0) or whose 网 is (cut 1). */
static void rows_until(struct big *b, size_t target, int cut)
{
	char row[512];
	while (b->n + 300 < target) {
		int n = snprintf(row, sizeof row, "%ld,\"两行\r\n的值 %ld\",名字%ld\r\n", b->lines,
				 b->lines, b->lines % 977);
		big_put(b, row, (size_t)n);
		b->lines += 2;
	}
	/* "p,xxx...,z\r\n": the CR at target - 1; or "p,xxx...网,z\r\n": 网 from target - 1 */
	size_t k = target - b->n - (cut ? 3 : 5);
	big_put(b, "p,", 2);
	while (k--)
		big_put(b, "x", 1);
	big_put(b, cut ? "网,z\r\n" : ",z\r\n", cut ? 7 : 4);
	cr_assert(cut ? memcmp(b->p + target - 1, "网", 3) == 0 : b->p[target] == '\n');
	b->lines++;
}

static char *write_temp(const char *data, size_t n)
{
	static char path[64];
	snprintf(path, sizeof path, "/tmp/wangge-csv-XXXXXX");
	int fd = mkstemp(path);
	cr_assert(fd >= 0);
	FILE *f = fdopen(fd, "wb");
	cr_assert(f && fwrite(data, 1, n, f) == n && fclose(f) == 0);
	return path;
}

/* Both readers over the file give the same records at the same lines; the stream's text
 * stays a window.  Returns the records read. */
static long same_records(const char *path, enum wg_encoding enc)
{
	struct wg_csv *whole, *stream;
	const struct wg_csv_record *a, *b;
	long n = 0;
	int ra, rb;
	cr_assert_eq(wg_csv_open_file(&whole, path, enc, &probs), WG_CSV_OK, "%s",
		     wg_problems_get(&probs, 0));
	cr_assert_eq(wg_csv_open_path(&stream, path, enc, 1, &probs), WG_CSV_OK, "%s",
		     wg_problems_get(&probs, 0));
	cr_assert_eq(wg_csv_header_line(whole), wg_csv_header_line(stream));
	while ((ra = wg_csv_next(whole, &a)) == 1 && (rb = wg_csv_next(stream, &b)) == 1) {
		cr_assert_eq(a->line, b->line, "record %ld", n);
		cr_assert_eq(a->ncells, b->ncells, "line %ld", a->line);
		for (size_t i = 0; i < a->ncells; i++)
			cr_assert_str_eq(a->cells[i], b->cells[i], "line %ld cell %zu", a->line, i);
		n++;
	}
	cr_assert_eq(ra, 0);
	cr_assert_eq(wg_csv_next(stream, &b), 0, "the stream ends with the file");
	cr_assert_lt(stream->textcap, (size_t)3 << 20, "a window, not the file (%zu bytes)",
		     stream->textcap);
	cr_assert_eq(wg_csv_encoding(whole), wg_csv_encoding(stream));
	wg_csv_close(whole);
	wg_csv_close(stream);
	cr_assert_eq(wg_problems_count(&probs), 0, "%s", wg_problems_get(&probs, 0));
	return n;
}

Test(csv, a_stream_reads_what_the_whole_file_reads_across_chunks)
{
	struct big b = { 0 };
	big_put(&b, "\xEF\xBB\xBF朝阳区登记表\r\nid,text,name\r\n", 37);
	b.lines = 3;
	rows_until(&b, WG_CSV_FIRST_CHUNK, 0);                   /* CRLF cut */
	rows_until(&b, WG_CSV_FIRST_CHUNK + WG_CSV_CHUNK, 1);    /* 网 cut */
	rows_until(&b, WG_CSV_FIRST_CHUNK + 9 * WG_CSV_CHUNK, 1);
	char *path = write_temp(b.p, b.n);
	long n = same_records(path, WG_ENC_AUTO);
	cr_expect_gt(n, 20000, "%ld records", n);
	/* and as GB18030, cut where the bytes fall */
	size_t len;
	char *gb = to_gb18030(b.p + 3, &len);
	path = write_temp(gb, len);
	cr_expect_eq(same_records(path, WG_ENC_AUTO), n);
	cr_expect_eq(same_records(path, WG_ENC_GB18030), n);
	unlink(path);
	free(gb);
	free(b.p);
}

/* A streaming reader over the text written to a temporary file (its path in *path). */
static struct wg_csv *stream_of(const struct big *b, char **path)
{
	struct wg_csv *c = NULL;
	*path = write_temp(b->p, b->n);
	cr_assert_eq(wg_csv_open_path(&c, *path, WG_ENC_AUTO, 1, &probs), WG_CSV_OK, "%s",
		     wg_problems_get(&probs, 0));
	return c;
}

/* ASCII for more than the first chunk, then GB18030: auto turns to GB18030 where it must. */
Test(csv, auto_turns_to_gb18030_after_an_ascii_start)
{
	struct big b = { 0 };
	big_put(&b, "id,text,name\n", 13);
	char row[64];
	for (int i = 0; b.n < WG_CSV_FIRST_CHUNK + 100000; i++)
		big_put(&b, row, (size_t)snprintf(row, sizeof row, "%d,plain,x%d\n", i, i));
	size_t len;
	char *gb = to_gb18030("9,张三,李四\n", &len);
	big_put(&b, gb, len);
	char *path, last[64] = "";
	struct wg_csv *c = stream_of(&b, &path);
	const struct wg_csv_record *r;
	while (wg_csv_next(c, &r) == 1) /* a record lasts until the next is read: copied */
		snprintf(last, sizeof last, "%s", r->cells[1]);
	cr_expect_str_eq(last, "张三");
	cr_expect_eq(wg_csv_encoding(c), WG_ENC_GB18030);
	wg_csv_close(c);
	unlink(path);
	free(gb);
	free(b.p);
}

/* A broken byte far down a UTF-8 file: the records before it are read, then the reader stops
 * with the line named. */
Test(csv, a_bad_byte_past_the_first_chunk_names_its_line)
{
	struct big b = { 0 };
	big_put(&b, "名字,值\n", 11);
	char row[64];
	long line = 1;
	while (b.n < WG_CSV_FIRST_CHUNK + 5000)
		big_put(&b, row, (size_t)snprintf(row, sizeof row, "名%ld,\"a\nb\"\n", line)), line += 2;
	big_put(&b, "坏,\xFF\n", 6);
	char *path;
	struct wg_csv *c = stream_of(&b, &path);
	const struct wg_csv_record *r;
	int rc;
	long n = 0;
	while ((rc = wg_csv_next(c, &r)) == 1)
		n++;
	cr_expect_eq(rc, -1);
	cr_expect_gt(n, 1000);
	char want[64];
	snprintf(want, sizeof want, "%s:%ld: this line is not valid UTF-8", path, line + 1);
	cr_expect(strncmp(wg_problems_get(&probs, 0), want, strlen(want)) == 0, "%s",
		  wg_problems_get(&probs, 0));
	wg_csv_close(c);
	unlink(path);
	free(b.p);
}
