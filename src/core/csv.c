/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* CSV for importers and exporters: decodes a file to UTF-8 a chunk at a time, parses RFC 4180 in
 * place, maps headers. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <errno.h>
#include <stdint.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <sys/stat.h>

#include <wangge/csv.h>
#include "csv-priv.h"
#include <wangge/i18n.h>

/* ---- parsing ----------------------------------------------------------- */

size_t wg_csv_space_at(const char *p)
{
	if (p[0] == ' ' || p[0] == '\t')
		return 1;
	if (p[0] == '\xE3' && p[1] == '\x80' && p[2] == '\x80')
		return 3;
	return 0;
}

size_t wg_csv_space_before(const char *start, const char *end)
{
	if (end > start && (end[-1] == ' ' || end[-1] == '\t'))
		return 1;
	if (end - start >= 3 && end[-3] == '\xE3' && end[-2] == '\x80' && end[-1] == '\x80')
		return 3;
	return 0;
}

static void trim(struct span *s)
{
	size_t n;
	while (s->start < s->end && (n = wg_csv_space_at(s->start)))
		s->start += n;
	while ((n = wg_csv_space_before(s->start, s->end)))
		s->end -= n;
}

/* The header name of cell I, for messages, or NULL. */
static const char *cell_label(const struct wg_csv *c, size_t i)
{
	return i < c->nheader && c->header[i][0] ? c->header[i] : NULL;
}

static struct span read_plain(struct wg_csv *c)
{
	struct span s = { c->pos, c->pos + strcspn(c->pos, ",\r\n") };
	c->pos = s.end;
	trim(&s);
	return s;
}

static int is_delimiter(char ch)
{
	return ch == '\0' || ch == ',' || ch == '\r' || ch == '\n';
}

/* After a closing quote only spaces may come; other text is kept, but reported. */
static char *read_after_quote(struct wg_csv *c, char *r, char **w, size_t cell)
{
	char *after = r + strspn(r, " \t");
	if (is_delimiter(*after))
		return after;
	wg_csv_problem(c, c->line, cell_label(c, cell), "%s",
	        _("there is text after the closing quote; put the whole value in quotes and write each quote inside it twice"));
	size_t n = strcspn(r, ",\r\n");
	memmove(*w, r, n);
	*w += n;
	return r + n;
}

/* Reads the quoted cell at pos, undoubling "" in place.  -1 if it never closes. */
static int read_quoted(struct wg_csv *c, struct span *s, size_t cell)
{
	long start_line = c->line;
	char *r = c->pos + 1, *w = r;
	s->start = r;
	while (!(r[0] == '"' && r[1] != '"')) {
		if (*r == '\0') {
			wg_csv_problem(c, start_line, cell_label(c, cell), "%s",
			        _("a quoted value starts on this line but never ends; add the closing quote (a quote inside a value is written twice: \"\")"));
			return -1;
		}
		if (*r == '"')
			r++;
		else if ((*r == '\n' || (*r == '\r' && r[1] != '\n')) && !c->src.rows)
			c->line++; /* a sheet's row N stays record N, whatever its cells hold */
		*w++ = *r++;
	}
	c->pos = read_after_quote(c, r + 1, &w, cell);
	s->end = w;
	return 0;
}

/* Spaces before an opening quote are tolerated, as people type "a, "b"". */
static int at_quoted_cell(struct wg_csv *c)
{
	char *q = c->pos + strspn(c->pos, " \t");
	if (*q != '"')
		return 0;
	c->pos = q;
	return 1;
}

/* Steps over the comma or line end after a cell; returns whether the record goes on. */
static int step_past_delimiter(struct wg_csv *c)
{
	char d = *c->pos;
	if (d == ',') {
		c->pos++;
		return 1;
	}
	if (d == '\0')
		return 0;
	if (d == '\r' && c->pos[1] == '\n')
		c->pos++;
	c->pos++;
	c->line++;
	return 0;
}

static int push_cell(struct wg_csv *c, char *cell)
{
	if (c->ncells == c->cellcap) {
		size_t cap = c->cellcap ? 2 * c->cellcap : 16;
		char **cells = realloc(c->cells, cap * sizeof *cells);
		if (!cells)
			return -1;
		c->cells = cells;
		c->cellcap = cap;
	}
	/* Exports made for spreadsheets guard long numbers as ="110105..." so that
	 * Excel keeps them as text; the value is what stands between the quotes. */
	size_t n = strlen(cell);
	if (n >= 3 && cell[0] == '=' && cell[1] == '"' && cell[n - 1] == '"' && !memchr(cell + 2, '"', n - 3)) {
		cell[n - 1] = '\0';
		cell += 2;
	}
	c->cells[c->ncells++] = cell;
	return 0;
}

/* Where the record at p ends, the way parse_record reads it, or NULL when the text ends first
 * (or a CR at its end may be half of a CRLF): more must be read. */
static const char *record_end(const char *p)
{
	for (;;) {
		const char *q = p + strspn(p, " \t");
		if (*q == '"') {
			for (q++;; q++) {
				if (*q == '\0' || (q[0] == '"' && q[1] == '\0'))
					return NULL;
				if (q[0] == '"' && q[1] == '"')
					q++;
				else if (q[0] == '"')
					break;
			}
			p = q + 1;
		}
		p += strcspn(p, ",\r\n");
		if (*p == ',') {
			p++;
			continue;
		}
		return *p == '\0' || (p[0] == '\r' && p[1] == '\0') ? NULL : p;
	}
}

/* A streaming reader drops what it has read (unless titles are being tried). */
static void drop_read(struct wg_csv *c)
{
	size_t from = c->pin >= 0 ? (size_t)c->pin : (size_t)(c->pos - c->text);
	if (!c->src.stream || from == 0)
		return;
	memmove(c->text, c->text + from, c->textlen - from + 1);
	c->textlen -= from;
	c->pos -= from;
	c->pin -= c->pin >= 0 ? (long)from : 0;
}

/* Reads on until the record at pos is whole in the text (or the file ends): 0, -1. */
static int ensure_record(struct wg_csv *c)
{
	if (c->eof || record_end(c->pos))
		return 0;
	drop_read(c);
	do {
		if ((c->status = wg_csv_fill(c, WG_CSV_CHUNK)) != WG_CSV_OK)
			return -1;
	} while (!c->eof && !record_end(c->pos));
	return 0;
}

/* Parses the record at pos into c->cells: 1 done, 0 end of text, -1 bad quote, -2 no memory,
 * -3 the rest cannot be read (listed; c->status says why). */
static int parse_record(struct wg_csv *c)
{
	if (ensure_record(c) != 0)
		return -3;
	if (*c->pos == '\0')
		return 0;
	c->rec.line = c->line;
	c->ncells = 0;
	int more = 1;
	while (more) {
		struct span s;
		if (!at_quoted_cell(c))
			s = read_plain(c);
		else if (read_quoted(c, &s, c->ncells) < 0)
			return -1;
		/* The delimiter is read before the NUL may overwrite it. */
		more = step_past_delimiter(c);
		*s.end = '\0';
		if (push_cell(c, s.start) < 0)
			return -2;
	}
	return 1;
}

static int record_is_blank(const struct wg_csv *c)
{
	for (size_t i = 0; i < c->ncells; i++)
		if (c->cells[i][0])
			return 0;
	return 1;
}

/* Like parse_record, skipping blank lines and rows of empty cells (",,,"). */
static int parse_nonblank(struct wg_csv *c)
{
	int rc;
	while ((rc = parse_record(c)) == 1 && record_is_blank(c))
		continue;
	if (rc == -2)
		wg_csv_out_of_memory(c->probs, c->name);
	c->rec.ncells = c->ncells;
	c->rec.cells = (const char *const *)c->cells;
	c->rec.csv = c;
	return rc;
}

/* ---- opening ----------------------------------------------------------- */

/* Cells with text in the current record. */
static size_t filled_cells(const struct wg_csv *c)
{
	size_t n = 0;
	for (size_t i = 0; i < c->ncells; i++)
		n += c->cells[i][strspn(c->cells[i], " \t")] != '\0';
	return n;
}

/* Spreadsheets exported by district offices often open with a title row
 * ("朝阳区居民信息登记表") above the header: a record with one filled cell is
 * skipped, at most a few of them, since every layout has several columns. */
#define TITLE_ROWS_MAX 5

/* How much of the text is kept to read again when the rows taken for titles were a one-column
 * file's header and records after all (parsing writes NULs into the text). */
#define TITLE_BACKUP_MAX 65536

/* Title rows are skipped only when a row with more columns follows; otherwise the first row
 * is the header (a register of one column: "name", then one name a line).  The text from the
 * first row is kept in place meanwhile (pin), since the cursor may go back to it. */
static int skip_titles(struct wg_csv *c)
{
	size_t start = (size_t)(c->pos - c->text), keep;
	long line = c->line;
	char *backup;
	if (ensure_record(c) != 0)
		return -3;
	keep = c->textlen - start < TITLE_BACKUP_MAX ? c->textlen - start : TITLE_BACKUP_MAX;
	if (!(backup = malloc(keep + 1))) {
		wg_csv_out_of_memory(c->probs, c->name);
		return -2;
	}
	memcpy(backup, c->text + start, keep);
	c->pin = (long)start;
	int rc = parse_nonblank(c);
	for (int skipped = 0; rc > 0 && filled_cells(c) <= 1 && skipped < TITLE_ROWS_MAX; skipped++)
		rc = parse_nonblank(c);
	if (rc >= 0 && (rc == 0 || filled_cells(c) <= 1) &&
	    c->pos - (c->text + c->pin) <= (ptrdiff_t)keep) {
		memcpy(c->text + c->pin, backup, keep); /* no wider row came: read the first row again */
		c->pos = c->text + c->pin;
		c->line = line;
		rc = parse_nonblank(c);
	}
	c->pin = -1;
	free(backup);
	return rc;
}

static enum wg_csv_status read_header(struct wg_csv *c)
{
	int rc = skip_titles(c);
	if (rc < 0)
		return rc == -2 ? WG_CSV_ERR_MEMORY : rc == -3 ? c->status : WG_CSV_ERR_DATA;
	if (rc == 0) {
		wg_csv_problem(c, 0, NULL, "%s",
		        _("the file is empty; its first line must name the columns"));
		return WG_CSV_ERR_DATA;
	}
	/* one block: the pointers, then the trimmed names (the text they came from moves on) */
	size_t bytes = c->ncells * sizeof *c->header;
	for (size_t i = 0; i < c->ncells; i++)
		bytes += strlen(c->cells[i]) + 1;
	c->header = malloc(bytes ? bytes : 1);
	if (!c->header) {
		wg_csv_out_of_memory(c->probs, c->name);
		return WG_CSV_ERR_MEMORY;
	}
	char *to = (char *)(c->header + c->ncells);
	for (size_t i = 0; i < c->ncells; i++) {
		struct span sp = { c->cells[i], c->cells[i] + strlen(c->cells[i]) };
		trim(&sp);
		memcpy(to, sp.start, (size_t)(sp.end - sp.start));
		to[sp.end - sp.start] = '\0';
		c->header[i] = to;
		to += sp.end - sp.start + 1;
	}
	c->nheader = c->ncells;
	c->header_line = c->rec.line;
	return WG_CSV_OK;
}

enum wg_csv_status wg_csv_open_src(struct wg_csv **out, const char *name,
				   const struct wg_csv_src *src, enum wg_encoding enc,
				   struct wg_problems *probs)
{
	struct wg_csv *c = calloc(1, sizeof *c);
	char *copy = strdup(name ? name : "-");
	*out = NULL;
	if (!c || !copy) {
		free(c);
		free(copy);
		if (src->close)
			src->close(src->arg);
		wg_csv_out_of_memory(probs, name);
		return WG_CSV_ERR_MEMORY;
	}
	*c = (struct wg_csv){ .name = copy, .probs = probs, .src = *src, .asked = enc,
			      .encoding = enc, .pin = -1, .line = 1 };
	/* a whole reader decodes all of it now (its cells never move), into one buffer of the
	 * source's size when it is known: a 9 MB register is not given 16 MB */
	enum wg_csv_status st = WG_CSV_OK;
	if (!src->stream && src->size && src->size < SIZE_MAX / 2 &&
	    !(c->text = malloc(c->textcap = src->size + 1)))
		st = WG_CSV_ERR_MEMORY, wg_csv_out_of_memory(probs, name);
	if (st == WG_CSV_OK)
		st = wg_csv_fill(c, WG_CSV_FIRST_CHUNK);
	while (st == WG_CSV_OK && !c->eof && !src->stream)
		st = wg_csv_fill(c, WG_CSV_CHUNK);
	if (st == WG_CSV_OK) {
		c->pos = c->text;
		st = read_header(c);
	}
	if (st != WG_CSV_OK) {
		wg_csv_close(c);
		c = NULL;
	}
	*out = c;
	return st;
}

/* ---- sources ----------------------------------------------------------- */

static long file_read(void *arg, char *buf, size_t cap, char *why, size_t whysz)
{
	FILE *f = arg;
	size_t n = fread(buf, 1, cap, f);
	if (n == 0 && ferror(f)) {
		snprintf(why, whysz, "%s", strerror(errno));
		return -1;
	}
	return (long)n;
}

static void file_close(void *arg)
{
	fclose(arg);
}

struct mem_src {
	const char *p;
	size_t left;
};

static long mem_read(void *arg, char *buf, size_t cap, char *why, size_t whysz)
{
	struct mem_src *m = arg;
	size_t n = m->left < cap ? m->left : cap;
	(void)why, (void)whysz;
	memcpy(buf, m->p, n);
	m->p += n;
	m->left -= n;
	return (long)n;
}

enum wg_csv_status wg_csv_open_file(struct wg_csv **out, const char *path,
                                    enum wg_encoding enc,
                                    struct wg_problems *probs)
{
	return wg_csv_open_path(out, path, enc, 0, probs);
}

enum wg_csv_status wg_csv_open_path(struct wg_csv **out, const char *path, enum wg_encoding enc,
				    int stream, struct wg_problems *probs)
{
	*out = NULL;
	FILE *f = fopen(path, "rb");
	if (!f) {
		wg_problems_add(probs, path, 0, NULL,
		                _("cannot open the file: %s; check its name and that you may read it"),
		                strerror(errno));
		return WG_CSV_ERR_READ;
	}
	struct stat sb;
	struct wg_csv_src src = { file_read, file_close, f, 0, stream, 0 };
	if (fstat(fileno(f), &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 0)
		src.size = (size_t)sb.st_size;
	return wg_csv_open_src(out, path, &src, enc, probs);
}

enum wg_csv_status wg_csv_open_fp(struct wg_csv **out, const char *name, FILE *f,
				  enum wg_encoding enc, struct wg_problems *probs)
{
	struct wg_csv_src src = { file_read, NULL, f, 0, 1, 0 };
	return wg_csv_open_src(out, name, &src, enc, probs);
}

enum wg_csv_status wg_csv_open_mem(struct wg_csv **out, const char *name,
                                   const void *data, size_t len,
                                   enum wg_encoding enc,
                                   struct wg_problems *probs)
{
	struct mem_src *m = malloc(sizeof *m);
	*out = NULL;
	if (!m) {
		wg_csv_out_of_memory(probs, name);
		return WG_CSV_ERR_MEMORY;
	}
	*m = (struct mem_src){ data, len };
	struct wg_csv_src src = { mem_read, free, m, 0, 0, len };
	return wg_csv_open_src(out, name, &src, enc, probs);
}

void wg_csv_close(struct wg_csv *c)
{
	if (!c)
		return;
	if (c->src.close)
		c->src.close(c->src.arg);
	wg_csv_decode_end(c);
	free(c->name);
	free(c->text);
	free(c->cells);
	free(c->header);
	free(c->colmap);
	free(c->unknown);
	free(c);
}

const char *wg_csv_name(const struct wg_csv *c)
{
	return c->name;
}

enum wg_encoding wg_csv_encoding(const struct wg_csv *c)
{
	return c->encoding == WG_ENC_AUTO ? WG_ENC_UTF8 : c->encoding; /* ASCII reads as either */
}

const char *const *wg_csv_header(const struct wg_csv *c, size_t *n)
{
	*n = c->nheader;
	return (const char *const *)c->header;
}

long wg_csv_header_line(const struct wg_csv *c)
{
	return c->header_line;
}

/* ---- header mapping ---------------------------------------------------- */

static int column_matches(const struct wg_csv_column *col, const char *cell)
{
	if (wg_csv_casecmp(col->key, cell) == 0)
		return 1;
	for (const char *const *a = col->aliases; a && *a; a++)
		if (wg_csv_casecmp(*a, cell) == 0)
			return 1;
	return 0;
}

long wg_csv_find_column(const struct wg_csv *c, const struct wg_csv_column *col)
{
	for (size_t h = 0; h < c->nheader; h++)
		if (c->header[h][0] && column_matches(col, c->header[h]))
			return (long)h;
	return -1;
}

static long match_column(const struct wg_csv *c, const char *cell)
{
	for (size_t k = 0; k < c->ncols; k++)
		if (column_matches(&c->cols[k], cell))
			return (long)k;
	return -1;
}

static void report_missing(struct wg_csv *c, const struct wg_csv_column *col)
{
	char names[256] = "";
	size_t used = 0;
	for (const char *const *a = col->aliases; a && *a; a++) {
		if (wg_csv_casecmp(*a, col->key) == 0)
			continue;
		int n = snprintf(names + used, sizeof names - used, "%s%s",
		                 used ? ", " : "", *a);
		if (n < 0 || (size_t)n >= sizeof names - used) {
			names[used] = '\0';
			break;
		}
		used += (size_t)n;
	}
	if (used)
		wg_csv_problem(c, c->header_line, _("header"),
		        _("missing column '%s' (%s); add it to the header row"),
		        col->key, names);
	else
		wg_csv_problem(c, c->header_line, _("header"),
		        _("missing column '%s'; add it to the header row"), col->key);
}

static void report_duplicate(struct wg_csv *c, size_t first, size_t again,
                             const char *key)
{
	const char *a = c->header[first], *b = c->header[again];
	if (wg_csv_casecmp(a, b) == 0)
		wg_csv_problem(c, c->header_line, _("header"),
		        _("column '%s' appears twice; remove one of them"), a);
	else
		wg_csv_problem(c, c->header_line, _("header"),
		        _("columns '%s' and '%s' both give '%s'; remove one of them"),
		        a, b, key);
}

/* Replaces the column map and unknown list with fresh, empty ones. */
static int reset_map(struct wg_csv *c, const struct wg_csv_column *cols,
                     size_t ncols)
{
	long *map = malloc((ncols + 1) * sizeof *map);
	const char **unknown = malloc((c->nheader + 1) * sizeof *unknown);
	if (!map || !unknown) {
		free(map);
		free(unknown);
		wg_csv_out_of_memory(c->probs, c->name);
		return -1;
	}
	free(c->colmap);
	free(c->unknown);
	c->colmap = map;
	c->unknown = unknown;
	c->nunknown = 0;
	c->cols = cols;
	c->ncols = ncols;
	for (size_t k = 0; k < ncols; k++)
		map[k] = -1;
	return 0;
}

int wg_csv_map_header(struct wg_csv *c, const struct wg_csv_column *cols,
                      size_t ncols)
{
	if (reset_map(c, cols, ncols) < 0)
		return -1;
	int ok = 1;
	for (size_t h = 0; h < c->nheader; h++) {
		if (!c->header[h][0])
			continue;
		long k = match_column(c, c->header[h]);
		if (k < 0) {
			c->unknown[c->nunknown++] = c->header[h];
		} else if (c->colmap[k] >= 0) {
			report_duplicate(c, (size_t)c->colmap[k], h, cols[k].key);
			ok = 0;
		} else {
			c->colmap[k] = (long)h;
		}
	}
	for (size_t k = 0; k < ncols; k++) {
		if (cols[k].required && c->colmap[k] < 0) {
			report_missing(c, &cols[k]);
			ok = 0;
		}
	}
	return ok ? 0 : -1;
}

const char *const *wg_csv_unknown_columns(const struct wg_csv *c, size_t *n)
{
	*n = c->nunknown;
	return c->unknown;
}

int wg_csv_has_column(const struct wg_csv *c, size_t key_index)
{
	return key_index < c->ncols && c->colmap[key_index] >= 0;
}

const char *wg_csv_column_label(const struct wg_csv *c, size_t key_index)
{
	if (key_index >= c->ncols)
		return NULL;
	long h = c->colmap[key_index];
	return h >= 0 ? c->header[h] : c->cols[key_index].key;
}

/* ---- records ----------------------------------------------------------- */

/* A value the header gives no name would be dropped without a word: report it. */
static void check_unnamed_cells(struct wg_csv *c)
{
	for (size_t i = 0; i < c->ncells; i++) {
		if (!c->cells[i][0])
			continue;
		if (i >= c->nheader) {
			wg_csv_problem(c, c->rec.line, NULL,
			        _("this row has %zu cells but the header has %zu; put quotes around any value that holds a comma"),
			        c->ncells, c->nheader);
			return;
		}
		if (!c->header[i][0]) {
			wg_csv_problem(c, c->rec.line, NULL,
			        _("cell %zu has a value but its column has no name in the header; name the column or remove the value"),
			        i + 1);
			return;
		}
	}
}

int wg_csv_next(struct wg_csv *c, const struct wg_csv_record **rec)
{
	*rec = NULL;
	int rc = c->broken ? -1 : parse_nonblank(c);
	c->broken = rc < 0;
	if (rc <= 0)
		return rc < 0 ? -1 : 0;
	check_unnamed_cells(c);
	*rec = &c->rec;
	return 1;
}

const char *wg_csv_cell(const struct wg_csv_record *rec, size_t i)
{
	return i < rec->ncells ? rec->cells[i] : "";
}

const char *wg_csv_field(const struct wg_csv_record *rec, size_t key_index)
{
	const struct wg_csv *c = rec->csv;
	if (key_index >= c->ncols || c->colmap[key_index] < 0)
		return "";
	return wg_csv_cell(rec, (size_t)c->colmap[key_index]);
}
