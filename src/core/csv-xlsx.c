/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Registers as .xlsx workbooks: one sheet's rows become the CSV reader's records (row N is
 * record N), with the spreadsheet's own types - shared and inline strings, numbers kept as
 * written, dates from their serial day numbers.  minizip reads the container and expat the
 * XML, the sheet in chunks as it is inflated. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <expat.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unzip.h>

#include <wangge/i18n.h>
#include "csv-xlsx.h"

#define CHUNK 65536

/* A growing text: the CSV made, the text of the element being read. */
struct text {
	char *p;
	size_t n, cap;
	int failed;
};

static void put(struct text *t, const char *s, size_t n)
{
	if (t->failed)
		return;
	if (t->n + n + 1 > t->cap) {
		size_t cap = t->cap ? t->cap : 256;
		while (t->n + n + 1 > cap)
			cap *= 2;
		char *p = realloc(t->p, cap);
		if (!p) {
			t->failed = 1;
			return;
		}
		t->p = p;
		t->cap = cap;
	}
	memcpy(t->p + t->n, s, n);
	t->n += n;
	t->p[t->n] = '\0';
}

static const char *attr(const XML_Char **atts, const char *name)
{
	for (int i = 0; atts[i]; i += 2) {
		const char *colon = strchr(atts[i], ':'); /* r:id and the like: the local name */
		if (strcmp(atts[i], name) == 0 || (colon && strcmp(colon + 1, name) == 0))
			return atts[i + 1];
	}
	return NULL;
}

/* An element's local name (x:row is row). */
static const char *local(const char *name)
{
	const char *colon = strchr(name, ':');
	return colon ? colon + 1 : name;
}

/* Opens a member of the workbook: 1, 0 if it is absent and optional, -1 with why set. */
static int open_member(unzFile z, const char *member, int optional, char *why, size_t whysz)
{
	if (unzLocateFile(z, member, 2) != UNZ_OK) { /* 2: names compared as the system does */
		if (!optional)
			snprintf(why, whysz, _("it has no %s; it is not an .xlsx workbook (save it again "
					      "as .xlsx or CSV)"), member);
		return optional ? 0 : -1;
	}
	if (unzOpenCurrentFile(z) != UNZ_OK) {
		snprintf(why, whysz, _("its part %s cannot be opened (a damaged file?)"), member);
		return -1;
	}
	return 1;
}

/* Inflates the next chunk of the open member into buf and parses it (*done at its end): 0, or
 * -1 with why set. */
static int feed(unzFile z, const char *member, XML_Parser p, char *buf, int bufsz, int *done,
		char *why, size_t whysz)
{
	int n = unzReadCurrentFile(z, buf, (unsigned)bufsz);
	if (n < 0) {
		snprintf(why, whysz, _("its part %s cannot be read (a damaged file?)"), member);
		return -1;
	}
	*done = n == 0;
	if (XML_Parse(p, buf, n, *done) == XML_STATUS_ERROR) {
		snprintf(why, whysz, _("its part %s is not well-formed XML at line %lu: %s"), member,
			 (unsigned long)XML_GetCurrentLineNumber(p), XML_ErrorString(XML_GetErrorCode(p)));
		return -1;
	}
	return 0;
}

/* Runs a member of the workbook through an expat parser; 0, or -1 with why set. */
static int parse_member(unzFile z, const char *member, XML_Parser p, int optional, char *why,
			size_t whysz)
{
	static char buf[CHUNK];
	int done = 0, rc = open_member(z, member, optional, why, whysz);
	if (rc <= 0)
		return rc;
	while ((rc = feed(z, member, p, buf, sizeof buf, &done, why, whysz)) == 0 && !done)
		continue;
	unzCloseCurrentFile(z);
	return rc;
}

/* ---- The workbook: its sheets in order, their parts, the date system ---- */

#define MAX_SHEETS 64

struct book {
	int nsheets;
	char names[MAX_SHEETS][128], rids[MAX_SHEETS][32], parts[MAX_SHEETS][256];
	int date1904;
};

static void XMLCALL book_start(void *arg, const XML_Char *name, const XML_Char **atts)
{
	struct book *b = arg;
	const char *n = attr(atts, "name"), *id = attr(atts, "id");
	if (strcmp(local(name), "sheet") == 0 && n && id && b->nsheets < MAX_SHEETS) {
		snprintf(b->names[b->nsheets], sizeof b->names[0], "%s", n);
		snprintf(b->rids[b->nsheets++], sizeof b->rids[0], "%s", id);
	} else if (strcmp(local(name), "workbookPr") == 0 && (n = attr(atts, "date1904"))) {
		b->date1904 = strcmp(n, "1") == 0 || strcmp(n, "true") == 0;
	}
}

static void XMLCALL rels_start(void *arg, const XML_Char *name, const XML_Char **atts)
{
	struct book *b = arg;
	const char *id = attr(atts, "Id"), *target = attr(atts, "Target");
	if (strcmp(local(name), "Relationship") != 0 || !id || !target)
		return;
	for (int i = 0; i < b->nsheets; i++)
		if (strcmp(b->rids[i], id) == 0) /* relative to xl/, or from the root with / */
			snprintf(b->parts[i], sizeof b->parts[0], "%s%s", target[0] == '/' ? "" : "xl/",
				 target[0] == '/' ? target + 1 : target);
}

/* ---- Shared strings and the styles that are dates ---- */

/* The shared strings, one after another in one pool (a register's 300,000 strings are not
 * 300,000 allocations). */
struct strings {
	struct text pool;
	size_t *off;
	int n, cap;
	struct text cur;
	int in_t, in_phonetic, failed;
};

static void XMLCALL sst_start(void *arg, const XML_Char *name, const XML_Char **atts)
{
	struct strings *s = arg;
	const char *l = local(name);
	(void)atts;
	if (strcmp(l, "si") == 0)
		s->cur.n = 0, put(&s->cur, "", 0);
	else if (strcmp(l, "rPh") == 0) /* the reading of a name, not its text */
		s->in_phonetic = 1;
	else if (strcmp(l, "t") == 0)
		s->in_t = !s->in_phonetic;
}

static void XMLCALL sst_end(void *arg, const XML_Char *name)
{
	struct strings *s = arg;
	const char *l = local(name);
	if (strcmp(l, "t") == 0) {
		s->in_t = 0;
	} else if (strcmp(l, "rPh") == 0) {
		s->in_phonetic = 0;
	} else if (strcmp(l, "si") == 0) {
		if (s->n == s->cap) {
			size_t *v = realloc(s->off, (size_t)(s->cap = s->cap ? s->cap * 2 : 256) * sizeof *v);
			if (!v) {
				s->failed = 1;
				return;
			}
			s->off = v;
		}
		s->off[s->n++] = s->pool.n;
		put(&s->pool, s->cur.p ? s->cur.p : "", s->cur.n + 1); /* with its NUL */
		s->failed |= s->pool.failed;
	}
}

static void XMLCALL sst_text(void *arg, const XML_Char *text, int len)
{
	struct strings *s = arg;
	if (s->in_t)
		put(&s->cur, text, (size_t)len);
}

#define MAX_FORMATS 512

struct styles {
	int custom_ids[MAX_FORMATS], ncustom;
	unsigned char custom_date[MAX_FORMATS];
	unsigned char *xf_date;  /* per cell style: a date format */
	int nxf, cap, in_xfs;
};

/* A number format that shows a date: the built-in ones (14-22, 45-47, and 27-36, 50-58, 57-58
 * of Chinese locales), or a custom code with a year or day in it outside quotes. */
static int date_code(const char *code)
{
	int quoted = 0, bracket = 0;
	for (const char *p = code; *p; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (!quoted && *p == '[')
			bracket = 1;
		else if (!quoted && *p == ']')
			bracket = 0;
		else if (!quoted && !bracket && (*p == 'y' || *p == 'Y' || *p == 'd' || *p == 'D'))
			return 1;
	}
	return 0;
}

static int builtin_date(int id)
{
	return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
	       (id >= 50 && id <= 58);
}

static void XMLCALL styles_start(void *arg, const XML_Char *name, const XML_Char **atts)
{
	struct styles *st = arg;
	const char *l = local(name), *id = attr(atts, "numFmtId");
	if (strcmp(l, "numFmt") == 0 && id && st->ncustom < MAX_FORMATS) {
		const char *code = attr(atts, "formatCode");
		st->custom_ids[st->ncustom] = atoi(id);
		st->custom_date[st->ncustom++] = code && date_code(code);
	} else if (strcmp(l, "cellXfs") == 0) {
		st->in_xfs = 1;
	} else if (strcmp(l, "xf") == 0 && st->in_xfs) {
		int fmt = id ? atoi(id) : 0, date = builtin_date(fmt);
		for (int i = 0; i < st->ncustom; i++)
			if (st->custom_ids[i] == fmt)
				date = st->custom_date[i];
		if (st->nxf == st->cap) {
			unsigned char *v = realloc(st->xf_date, (size_t)(st->cap = st->cap ? st->cap * 2 : 64));
			if (!v)
				return;
			st->xf_date = v;
		}
		st->xf_date[st->nxf++] = (unsigned char)date;
	}
}

static void XMLCALL styles_end(void *arg, const XML_Char *name)
{
	struct styles *st = arg;
	if (strcmp(local(name), "cellXfs") == 0)
		st->in_xfs = 0;
}

/* ---- The sheet: rows into CSV lines ---- */

struct sheet {
	struct text out, value;
	const struct strings *sst;
	const struct styles *styles;
	int date1904;
	long row;            /* the row being read, 1-based; lines written so far */
	int col;             /* the next column to write in the row */
	char type[12];
	int style, in_value;
};

/* "B12" -> 1 (columns from 0); -1 when the reference has no letters. */
static int column_of(const char *ref)
{
	int c = 0, letters = 0;
	for (; *ref >= 'A' && *ref <= 'Z'; ref++, letters++)
		c = c * 26 + (*ref - 'A' + 1);
	return letters ? c - 1 : -1;
}

static void csv_field(struct text *out, const char *v)
{
	if (!strpbrk(v, ",\"\r\n")) {
		put(out, v, strlen(v));
		return;
	}
	put(out, "\"", 1);
	for (const char *p = v; *p; p++) {
		put(out, p, 1);
		if (*p == '"') /* a quote inside is written twice */
			put(out, "\"", 1);
	}
	put(out, "\"", 1);
}

/* A serial day number (1900 system: day 1 is 1900-01-01, with Excel's 1900-02-29; or 1904)
 * as YYYY-MM-DD, and HH:MM when it has a time of day. */
static void date_text(double serial, int date1904, char *out, size_t outsz)
{
	long days = (long)floor(serial);
	int minutes = (int)lround((serial - (double)days) * 1440.0);
	if (minutes == 1440)
		days++, minutes = 0;
	/* days from 1970-01-01 */
	long unix_days = date1904 ? days + 24107 : days - 25569 + (days < 61 ? 1 : 0);
	long z = unix_days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097, yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
	long d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2;
	if (minutes)
		snprintf(out, outsz, "%04ld-%02ld-%02ld %02d:%02d", y, m, d, minutes / 60, minutes % 60);
	else
		snprintf(out, outsz, "%04ld-%02ld-%02ld", y, m, d);
}

static void XMLCALL sheet_start(void *arg, const XML_Char *name, const XML_Char **atts)
{
	struct sheet *sh = arg;
	const char *l = local(name), *v;
	if (strcmp(l, "row") == 0) {
		long r = (v = attr(atts, "r")) ? atol(v) : sh->row + 1;
		while (sh->row + 1 < r) /* rows left out are blank lines: row N stays line N */
			put(&sh->out, "\n", 1), sh->row++;
		sh->row = r > sh->row ? r : sh->row + 1;
		sh->col = 0;
	} else if (strcmp(l, "c") == 0) {
		int c = (v = attr(atts, "r")) ? column_of(v) : sh->col;
		for (; sh->col < c; sh->col++)
			if (sh->col)
				put(&sh->out, ",", 1);
		snprintf(sh->type, sizeof sh->type, "%s", (v = attr(atts, "t")) ? v : "n");
		sh->style = (v = attr(atts, "s")) ? atoi(v) : 0;
		sh->value.n = 0;
		put(&sh->value, "", 0);
	} else if (strcmp(l, "v") == 0 || strcmp(l, "t") == 0) {
		sh->in_value = 1;
	}
}

static void cell_value(struct sheet *sh)
{
	const char *v = sh->value.p ? sh->value.p : "";
	char date[80], *end;
	if (strcmp(sh->type, "s") == 0) {
		long i = strtol(v, &end, 10);
		v = *v && !*end && i >= 0 && i < sh->sst->n ? sh->sst->pool.p + sh->sst->off[i] : "";
	} else if (strcmp(sh->type, "b") == 0) {
		v = strcmp(v, "1") == 0 ? "TRUE" : "FALSE";
	} else if (strcmp(sh->type, "n") == 0 && *v && sh->style >= 0 &&
		   sh->style < sh->styles->nxf && sh->styles->xf_date[sh->style]) {
		double serial = strtod(v, &end);
		if (!*end && serial >= 0 && serial < 2958466) /* up to 9999-12-31 */
			date_text(serial, sh->date1904, date, sizeof date), v = date;
	}
	if (sh->col)
		put(&sh->out, ",", 1);
	csv_field(&sh->out, v);
	sh->col++;
}

static void XMLCALL sheet_end(void *arg, const XML_Char *name)
{
	struct sheet *sh = arg;
	const char *l = local(name);
	if (strcmp(l, "v") == 0 || strcmp(l, "t") == 0)
		sh->in_value = 0;
	else if (strcmp(l, "c") == 0)
		cell_value(sh);
	else if (strcmp(l, "row") == 0)
		put(&sh->out, "\n", 1);
}

static void XMLCALL sheet_text(void *arg, const XML_Char *text, int len)
{
	struct sheet *sh = arg;
	if (sh->in_value)
		put(&sh->value, text, (size_t)len);
}

/* ---- Putting it together ---- */

static XML_Parser parser(void *data, XML_StartElementHandler start, XML_EndElementHandler end,
			 XML_CharacterDataHandler text)
{
	XML_Parser p = XML_ParserCreate("UTF-8");
	if (p) {
		XML_SetUserData(p, data);
		XML_SetElementHandler(p, start, end);
		XML_SetCharacterDataHandler(p, text);
	}
	return p;
}

/* Which sheet: the first without a choice, the Nth for a number, else the one of that name. */
static int pick_sheet(const struct book *b, const char *want, char *why, size_t whysz)
{
	char *end;
	long n = want && *want ? strtol(want, &end, 10) : 1;
	if (want && *want && *end)
		for (int i = 0; i < b->nsheets; i++)
			if (strcmp(b->names[i], want) == 0)
				return i;
	if ((!want || !*want || !*end) && n >= 1 && n <= b->nsheets)
		return (int)n - 1;
	size_t len = 0;
	char list[512] = "";
	for (int i = 0; i < b->nsheets && len < sizeof list; i++) {
		int k = snprintf(list + len, sizeof list - len, "%s%s", i ? ", " : "", b->names[i]);
		len += k > 0 ? (size_t)k : 0;
	}
	snprintf(why, whysz, b->nsheets ? _("it has no sheet %s; its sheets are %s (give --sheet NAME "
					    "or a number)") : _("it has no sheets"),
		 want ? want : "1", list);
	return -1;
}

static int read_parts(unzFile z, struct book *b, struct strings *sst, struct styles *st, char *why,
		      size_t whysz)
{
	XML_Parser p = parser(b, book_start, NULL, NULL);
	int rc = p ? parse_member(z, "xl/workbook.xml", p, 0, why, whysz) : -1;
	if (p)
		XML_ParserFree(p);
	if (rc == 0 && (p = parser(b, rels_start, NULL, NULL))) {
		rc = parse_member(z, "xl/_rels/workbook.xml.rels", p, 0, why, whysz);
		XML_ParserFree(p);
	}
	if (rc == 0 && (p = parser(sst, sst_start, sst_end, sst_text))) {
		rc = parse_member(z, "xl/sharedStrings.xml", p, 1, why, whysz);
		XML_ParserFree(p);
	}
	if (rc == 0 && (p = parser(st, styles_start, styles_end, NULL))) {
		rc = parse_member(z, "xl/styles.xml", p, 1, why, whysz);
		XML_ParserFree(p);
	}
	return rc == 0 && !p ? -1 : rc;
}

int wg_xlsx_is(const void *head, size_t len)
{
	return len >= 4 && memcmp(head, "PK\x03\x04", 4) == 0;
}

/* A sheet being read: the workbook open at the sheet's part, its XML parsed a chunk at a time
 * into CSV text that the reader takes. */
struct wg_xlsx_rows {
	unzFile z;
	struct book book;
	struct strings sst;
	struct styles styles;
	struct sheet sh;
	XML_Parser p;
	const char *part;
	size_t taken;        /* of sh.out */
	int done;
	char buf[CHUNK];
};

void wg_xlsx_close(void *arg)
{
	struct wg_xlsx_rows *x = arg;
	if (!x)
		return;
	if (x->p)
		XML_ParserFree(x->p);
	if (x->z)
		unzClose(x->z); /* closes the member too */
	free(x->sst.off);
	free(x->sst.pool.p);
	free(x->sst.cur.p);
	free(x->styles.xf_date);
	free(x->sh.out.p);
	free(x->sh.value.p);
	free(x);
}

struct wg_xlsx_rows *wg_xlsx_open(const char *path, const char *want, char *sheet, size_t sheetsz,
				  char *why, size_t whysz)
{
	struct wg_xlsx_rows *x = calloc(1, sizeof *x);
	if (!x) {
		snprintf(why, whysz, "%s", _("out of memory"));
		return NULL;
	}
	if (!(x->z = unzOpen64(path))) {
		snprintf(why, whysz, "%s", _("it is not a readable .xlsx workbook (a ZIP container); "
					     "save it again as .xlsx or CSV"));
		wg_xlsx_close(x);
		return NULL;
	}
	int at = read_parts(x->z, &x->book, &x->sst, &x->styles, why, whysz) == 0
		 ? pick_sheet(&x->book, want, why, whysz) : -1;
	if (at >= 0 && (x->sst.failed || x->sst.pool.failed)) {
		snprintf(why, whysz, "%s", _("out of memory"));
		at = -1;
	}
	if (at >= 0 && !(x->p = parser(&x->sh, sheet_start, sheet_end, sheet_text))) {
		snprintf(why, whysz, "%s", _("out of memory"));
		at = -1;
	}
	if (at >= 0) {
		x->part = x->book.parts[at];
		x->sh.sst = &x->sst;
		x->sh.styles = &x->styles;
		x->sh.date1904 = x->book.date1904;
		snprintf(sheet, sheetsz, "%s", x->book.names[at]);
		if (open_member(x->z, x->part, 0, why, whysz) != 1)
			at = -1;
	}
	if (at < 0) {
		wg_xlsx_close(x);
		return NULL;
	}
	return x;
}

/* Inflates and parses the sheet until cap bytes of text are made or it ends: 0, or -1. */
static int make_text(struct wg_xlsx_rows *x, size_t cap, char *why, size_t whysz)
{
	while (!x->done && x->sh.out.n - x->taken < cap) {
		if (feed(x->z, x->part, x->p, x->buf, sizeof x->buf, &x->done, why, whysz) != 0)
			return -1;
		if (x->sh.out.failed || x->sh.value.failed) {
			snprintf(why, whysz, "%s", _("out of memory"));
			return -1;
		}
	}
	return 0;
}

long wg_xlsx_read(void *arg, char *buf, size_t cap, char *why, size_t whysz)
{
	struct wg_xlsx_rows *x = arg;
	if (make_text(x, cap, why, whysz) != 0)
		return -1;
	size_t n = x->sh.out.n - x->taken;
	n = n < cap ? n : cap;
	memcpy(buf, x->sh.out.p + x->taken, n);
	x->taken += n;
	/* what is left goes to the front: the text holds at most a chunk and a row */
	memmove(x->sh.out.p, x->sh.out.p + x->taken, x->sh.out.n - x->taken);
	x->sh.out.n -= x->taken;
	x->taken = 0;
	return (long)n;
}
