/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* CSV for importers and exporters: decodes a whole file to UTF-8, parses RFC 4180 in place, maps headers. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <errno.h>
#include <stdint.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
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
		else if ((*r == '\n' || (*r == '\r' && r[1] != '\n')) && !c->rows)
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

/* Parses the record at pos into c->cells: 1 done, 0 end of text, -1 bad quote, -2 no memory. */
static int parse_record(struct wg_csv *c)
{
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
 * is the header (a register of one column: "name", then one name a line). */
static int skip_titles(struct wg_csv *c)
{
	char *start = c->pos, *backup;
	long line = c->line;
	size_t keep = c->textlen - (size_t)(start - c->text);
	keep = keep < TITLE_BACKUP_MAX ? keep : TITLE_BACKUP_MAX;
	if (!(backup = malloc(keep + 1))) {
		wg_csv_out_of_memory(c->probs, c->name);
		return -2;
	}
	memcpy(backup, start, keep);
	int rc = parse_nonblank(c);
	for (int skipped = 0; rc > 0 && filled_cells(c) <= 1 && skipped < TITLE_ROWS_MAX; skipped++)
		rc = parse_nonblank(c);
	if (rc >= 0 && (rc == 0 || filled_cells(c) <= 1) && c->pos - start <= (ptrdiff_t)keep) {
		memcpy(start, backup, keep); /* no wider row came: read from the first row again */
		c->pos = start;
		c->line = line;
		rc = parse_nonblank(c);
	}
	free(backup);
	return rc;
}

static enum wg_csv_status read_header(struct wg_csv *c)
{
	int rc = skip_titles(c);
	if (rc < 0)
		return rc == -2 ? WG_CSV_ERR_MEMORY : WG_CSV_ERR_DATA;
	if (rc == 0) {
		wg_csv_problem(c, 0, NULL, "%s",
		        _("the file is empty; its first line must name the columns"));
		return WG_CSV_ERR_DATA;
	}
	c->header = malloc(c->ncells * sizeof *c->header);
	if (!c->header) {
		wg_csv_out_of_memory(c->probs, c->name);
		return WG_CSV_ERR_MEMORY;
	}
	for (size_t i = 0; i < c->ncells; i++) {
		struct span s = { c->cells[i], c->cells[i] + strlen(c->cells[i]) };
		trim(&s);
		*s.end = '\0';
		c->header[i] = s.start;
	}
	c->nheader = c->ncells;
	c->header_line = c->rec.line;
	return WG_CSV_OK;
}

/* Builds a reader over RAW (LEN bytes and a NUL), which it takes over; rows: RAW is a sheet's
 * rows made text (csv-xlsx.c). */
static enum wg_csv_status open_raw(struct wg_csv **out, const char *name,
                                   char *raw, size_t len, enum wg_encoding enc,
                                   struct wg_problems *probs, int rows)
{
	struct wg_csv *c = calloc(1, sizeof *c);
	char *copy = strdup(name ? name : "-");
	if (!c || !copy) {
		free(c);
		free(copy);
		free(raw);
		wg_csv_out_of_memory(probs, name);
		return WG_CSV_ERR_MEMORY;
	}
	c->name = copy;
	c->probs = probs;
	c->rows = rows;
	enum wg_csv_status st = wg_csv_decode(c, raw, len, enc);
	if (st == WG_CSV_OK) {
		c->pos = c->text;
		c->line = 1;
		st = read_header(c);
	}
	if (st != WG_CSV_OK) {
		wg_csv_close(c);
		c = NULL;
	}
	*out = c;
	return st;
}

/* Reads all of F into a new buffer with a NUL after the last byte: 0, -1 read error, -2 no memory. */
static int read_all(FILE *f, char **out, size_t *len)
{
	struct stat sb;
	size_t cap = 1 << 16, n = 0;
	/* a file's own size, and one byte to see its end: no doubling (a 9 MB register asked
	 * for 16 MB) */
	if (fstat(fileno(f), &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 0 &&
	    (unsigned long long)sb.st_size < (unsigned long long)SIZE_MAX / 2 - 2)
		cap = (size_t)sb.st_size + 2;
	char *buf = malloc(cap);
	while (buf) {
		n += fread(buf + n, 1, cap - n - 1, f);
		if (n < cap - 1)
			break;
		char *grown = realloc(buf, 2 * cap);
		if (!grown)
			free(buf);
		buf = grown;
		cap *= 2;
	}
	if (!buf)
		return -2;
	if (ferror(f)) {
		free(buf);
		return -1;
	}
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return 0;
}

enum wg_csv_status wg_csv_open_file(struct wg_csv **out, const char *path,
                                    enum wg_encoding enc,
                                    struct wg_problems *probs)
{
	*out = NULL;
	FILE *f = fopen(path, "rb");
	if (!f) {
		wg_problems_add(probs, path, 0, NULL,
		                _("cannot open the file: %s; check its name and that you may read it"),
		                strerror(errno));
		return WG_CSV_ERR_READ;
	}
	char *raw = NULL;
	size_t len = 0;
	int rc = read_all(f, &raw, &len);
	int err = errno;
	fclose(f);
	if (rc == -1)
		wg_problems_add(probs, path, 0, NULL,
		                _("cannot read the file: %s; check that it is a file you may read"),
		                strerror(err));
	if (rc == -2)
		wg_csv_out_of_memory(probs, path);
	if (rc != 0)
		return rc == -1 ? WG_CSV_ERR_READ : WG_CSV_ERR_MEMORY;
	return open_raw(out, path, raw, len, enc, probs, 0);
}

enum wg_csv_status wg_csv_open_mem(struct wg_csv **out, const char *name,
                                   const void *data, size_t len,
                                   enum wg_encoding enc,
                                   struct wg_problems *probs)
{
	*out = NULL;
	char *raw = len < SIZE_MAX ? malloc(len + 1) : NULL;
	if (!raw) {
		wg_csv_out_of_memory(probs, name);
		return WG_CSV_ERR_MEMORY;
	}
	if (len)
		memcpy(raw, data, len);
	raw[len] = '\0';
	return open_raw(out, name, raw, len, enc, probs, 0);
}

enum wg_csv_status wg_csv_open_rows(struct wg_csv **out, const char *name, char *text,
                                    size_t len, struct wg_problems *probs)
{
	*out = NULL;
	return open_raw(out, name, text, len, WG_ENC_UTF8, probs, 1);
}

void wg_csv_close(struct wg_csv *c)
{
	if (!c)
		return;
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
	return c->encoding;
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
