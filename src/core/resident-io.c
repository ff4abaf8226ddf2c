/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Importing residents from CSV or a workbook (each row checked and written in one transaction,
 * rolled back if any row has a problem) and exporting them masked or not. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <wangge/audit.h>
#include <wangge/i18n.h>
#include <wangge/store.h>
#include "audit-priv.h"
#include "csv-codemap.h"
#include "csv-import-priv.h"
#include "resident-priv.h"

/* A register's columns: the fields at their export places (wg_rfields[].csv_pos), then two
 * that only an import reads. */
enum { R_CELL_NAME = WG_RF_COUNT, R_ADDRESS, R_IN_COLS };
#define COL(f) (wg_rfields[f].csv_pos)

static const char *const a_cell_name[] = { "所属网格", "网格名称", NULL };
static const char *const a_address[] = { "住址", "现住址", "居住地址", "家庭住址", "地址",
					 "详细地址", NULL };

/* cell_code or cell_name must be there; read_all checks that, since either will do. */
static void import_columns(struct wg_csv_column cols[R_IN_COLS])
{
	for (int f = 0; f < WG_RF_COUNT; f++)
		cols[COL(f)] = (struct wg_csv_column){ wg_rfields[f].csv, wg_rfields[f].aliases,
						       f == WG_RF_NAME };
	cols[R_CELL_NAME] = (struct wg_csv_column){ "cell_name", a_cell_name, 0 };
	cols[R_ADDRESS] = (struct wg_csv_column){ "address", a_address, 0 };
}

/* Strings that never move once stored (code maps keep pointers into them). */
struct arena {
	char **blocks;
	int n;
	size_t used;
};

#define BLOCK (1u << 20)

static const char *arena_put(struct arena *a, const char *s)
{
	size_t len = strlen(s) + 1;
	if (len > BLOCK)
		return NULL;
	if (a->n == 0 || a->used + len > BLOCK) {
		char **nb = realloc(a->blocks, (size_t)(a->n + 1) * sizeof *nb);
		if (!nb || !(nb[a->n] = malloc(BLOCK)))
			return a->blocks = nb ? nb : a->blocks, NULL;
		a->blocks = nb;
		a->n++;
		a->used = 0;
	}
	char *p = a->blocks[a->n - 1] + a->used;
	memcpy(p, s, len);
	a->used += len;
	return p;
}

/* The row being read: where it goes (its text is in the scratch record). */
struct rrow {
	long line;
	int cell, building;  /* indices into cells and buildings, building -1 for none */
	int ntags;           /* tagrefs[0..ntags) */
};

struct named {           /* a cell, building or tag: its key (0 when still to be created) */
	int64_t id;
	const char *name;
	int64_t cell_id;     /* buildings */
	int shared;          /* cells: another cell has the same name */
};

/*
 * The file is read a row at a time, each row checked and, when it has no problem, written at
 * once inside the one transaction; with any problem the transaction is rolled back at the
 * end, so nothing is written.  What is kept grows with the cells, buildings, tags and
 * households, not with the rows: the rows' own text is gone once written.
 */
struct rimp {
	struct wg_ctx *ctx;
	struct wg_csv *csv;
	struct wg_problems *probs;
	const char *file;
	struct wg_resident_import_result *res;
	struct arena arena;
	struct rrow row;
	int n;               /* rows read */
	struct named *cells, *buildings, *tags;
	int ncells, nbuildings, ntags;
	int tagrefs[WG_RESIDENT_TAGS_MAX];
	struct wg_codemap cellmap, cellnames, bmap, tagmap, hhmap;
	struct household { int64_t id; int has_head; } *hh; /* the addresses known */
	int nhh;
	struct wg_bulk bulk;
	int64_t next_household;
	int32_t *lines;      /* line of each resident written, by its key's place in the bulk */
	size_t nlines, linecap;
	struct wg_codemap badids; /* ID numbers of rows not written (a problem): index in bad */
	struct unwritten { long line; const char *name; } *bad;
	int nbad;
	struct wg_resident scratch;
	int64_t expect; /* rows the file's size suggests (wg_bulk_begin) */
};

/* Arrays grow by doubling; the capacity follows from the count (16, 32, 64, ...). */
static int grow(void **v, int n, size_t size)
{
	if (n != 0 && (n < 16 || (n & (n - 1))))
		return 0;
	void *nv = realloc(*v, (size_t)(n ? n * 2 : 16) * size);
	if (!nv)
		return -1;
	*v = nv;
	return 0;
}

static int add_named(struct rimp *im, struct named **v, int *n, struct wg_codemap *map,
		     const char *key, int64_t id, const char *name, int64_t cell_id)
{
	const char *k = arena_put(&im->arena, key), *nm = name == key ? k : arena_put(&im->arena, name);
	if (!k || !nm || grow((void **)v, *n, sizeof **v) != 0 || wg_codemap_put(map, k, *n) == -2)
		return -1;
	(*v)[*n] = (struct named){ id, nm, cell_id, 0 };
	return (*n)++;
}

/* A building within its cell, the same for 5, 5号楼 and 5栋 (wg_building_key). */
static void building_key(int64_t cell_id, const char *name, char *out, size_t outsz)
{
	char key[200]; /* names are checked to 30 characters before they get here */
	wg_building_key(name, key, sizeof key);
	snprintf(out, outsz, "%lld\x1f%s", (long long)cell_id, key);
}

/* Cells are also found by name (a register's 所属网格), unless two cells share it. */
static int add_cell_name(struct rimp *im, int cell, const char *name)
{
	const char *k = arena_put(&im->arena, name);
	int prev = k ? wg_codemap_put(&im->cellnames, k, cell) : -2;
	if (prev >= 0)
		im->cells[prev].shared = 1;
	return prev == -2 ? -1 : 0;
}

/* Cells, buildings and tags already in the database, keyed the way rows name them. */
static int load_maps(struct rimp *im)
{
	static const char cells_sql[] = "SELECT id, code, name FROM cells";
	static const char bldg_sql[] = "SELECT id, cell_id, name FROM buildings";
	static const char tags_sql[] = "SELECT id, name, lower(name_en) FROM tags";
	char key[256];
	sqlite3_stmt *st;
	int rc = 0;
	if (wg_codemap_init(&im->cellmap, 256) || wg_codemap_init(&im->cellnames, 256) ||
	    wg_codemap_init(&im->bmap, 1024) ||
	    wg_codemap_init(&im->tagmap, 64) || wg_codemap_init(&im->hhmap, 4096) ||
	    wg_codemap_init(&im->badids, 64))
		return -1;
	if (!(st = wg_stmt(im->ctx, cells_sql)))
		return -1;
	while (rc >= 0 && sqlite3_step(st) == SQLITE_ROW) {
		rc = add_named(im, &im->cells, &im->ncells, &im->cellmap,
			       (const char *)sqlite3_column_text(st, 1), sqlite3_column_int64(st, 0),
			       (const char *)sqlite3_column_text(st, 1), 0);
		if (rc >= 0)
			rc = add_cell_name(im, rc, (const char *)sqlite3_column_text(st, 2));
	}
	sqlite3_reset(st);
	if (rc < 0 || !(st = wg_stmt(im->ctx, bldg_sql)))
		return -1;
	while (rc >= 0 && sqlite3_step(st) == SQLITE_ROW) {
		building_key(sqlite3_column_int64(st, 1), (const char *)sqlite3_column_text(st, 2), key,
			     sizeof key);
		rc = add_named(im, &im->buildings, &im->nbuildings, &im->bmap, key,
			       sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 2),
			       sqlite3_column_int64(st, 1));
	}
	sqlite3_reset(st);
	if (rc < 0 || !(st = wg_stmt(im->ctx, tags_sql)))
		return -1;
	while (rc >= 0 && sqlite3_step(st) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 1);
		const char *en = (const char *)sqlite3_column_text(st, 2);
		rc = add_named(im, &im->tags, &im->ntags, &im->tagmap, name, sqlite3_column_int64(st, 0),
			       name, 0);
		if (rc >= 0 && *en && wg_codemap_get(&im->tagmap, en) < 0)
			wg_codemap_put(&im->tagmap, arena_put(&im->arena, en), rc);
	}
	sqlite3_reset(st);
	return rc < 0 ? -1 : 0;
}

static void problem(struct rimp *im, long line, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void problem(struct rimp *im, long line, int col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	wg_problems_vadd(im->probs, im->file, line, wg_csv_column_label(im->csv, (size_t)col), fmt, ap);
	va_end(ap);
}

/* Sets one field through the record's own checks; a problem names line and column. */
static void field(struct rimp *im, const struct wg_csv_record *rec, int col,
		  enum wg_resident_field f)
{
	if (wg_resident_set(im->ctx, &im->scratch, f, wg_csv_field(rec, (size_t)col)) != WG_OK)
		problem(im, rec->line, col, "%s", wg_error(im->ctx));
}

static int tag_ref(void *arg, const char *name)
{
	struct rimp *im = arg;
	struct rrow *r = &im->row;
	char lower[WG_UTF8_SIZE(WG_TAG_NAME_MAX) + 8];
	size_t i;
	for (i = 0; name[i] && i < sizeof lower - 1; i++)
		lower[i] = name[i] >= 'A' && name[i] <= 'Z' ? (char)(name[i] + 32) : name[i];
	lower[i] = '\0';
	int t = wg_codemap_get(&im->tagmap, name);
	t = t >= 0 ? t : wg_codemap_get(&im->tagmap, lower);
	const char *why = t < 0 ? wg_validate_text(name, WG_TAG_NAME_MAX) : NULL;
	if (why) {
		problem(im, r->line, COL(WG_RF_TAGS), _("tag '%s' %s"), name, why);
		return WG_OK;
	}
	if (t < 0 && (t = add_named(im, &im->tags, &im->ntags, &im->tagmap, name, 0, name, 0)) < 0)
		return WG_EIO;
	for (int k = 0; k < r->ntags; k++)
		if (im->tagrefs[k] == t)
			return WG_OK;
	if (r->ntags < WG_RESIDENT_TAGS_MAX)
		im->tagrefs[r->ntags++] = t;
	return WG_OK;
}

/* Cell, building and tags: looked up in the maps, buildings and tags noted for creation. */
/* The row's cell: by its code (blanks and full-width digits forgiven), else by its name; the
 * code column may hold names and the name column codes, as registers mix them. */
static int find_cell(struct rimp *im, const struct wg_csv_record *rec, long line)
{
	const char *given_code = wg_csv_field(rec, COL(WG_RF_CELL)), *given_name = wg_csv_field(rec, R_CELL_NAME);
	int col = *given_code ? COL(WG_RF_CELL) : *given_name ? R_CELL_NAME
			  : wg_csv_has_column(im->csv, COL(WG_RF_CELL)) ? COL(WG_RF_CELL) : R_CELL_NAME;
	char code[128], name[256];
	size_t n;
	snprintf(code, sizeof code, "%s", *given_code ? given_code : given_name);
	wg_tidy_code(code);
	wg_fold_width(*given_name ? given_name : given_code, name, sizeof name);
	for (n = strlen(name); n > 0 && name[n - 1] == ' '; n--)
		name[n - 1] = '\0';
	const char *nm = name + strspn(name, " ");
	int cell = *code ? wg_codemap_get(&im->cellmap, code) : -1;
	if (cell < 0 && *nm && (cell = wg_codemap_get(&im->cellnames, nm)) >= 0 && im->cells[cell].shared) {
		problem(im, line, col, _("more than one cell is named %s; give the cell's code instead"), nm);
		return -1;
	}
	if (cell >= 0)
		return cell;
	if (!*code)
		problem(im, line, col, "%s", _("is empty; enter the code of the resident's grid cell"));
	else if (wg_spreadsheet_mangled(code))
		problem(im, line, col, "%s", wg_spreadsheet_mangled(code));
	else if (strspn(code, "0123456789") == strlen(code))
		problem(im, line, col, _("there is no cell with the code %s; import the cells first or "
					 "fix the code"), code);
	else if (col == R_CELL_NAME)
		problem(im, line, col, _("there is no cell named %s; check the name or give the cell's "
					 "code"), nm);
	else
		problem(im, line, col, _("there is no cell with the code or name %s; check it, or "
					 "import the cells first"), nm);
	return -1;
}

static int place_row(struct rimp *im, const struct wg_csv_record *rec, struct rrow *r)
{
	char key[256];
	r->cell = find_cell(im, rec, r->line);
	r->building = -1;
	r->ntags = 0;
	if (r->cell >= 0 && *im->scratch.building) {
		building_key(im->cells[r->cell].id, im->scratch.building, key, sizeof key);
		r->building = wg_codemap_get(&im->bmap, key);
		if (r->building < 0)
			r->building = add_named(im, &im->buildings, &im->nbuildings, &im->bmap, key, 0,
						im->scratch.building, im->cells[r->cell].id);
		if (r->building < 0)
			return WG_EIO;
	}
	return wg_tag_split(wg_csv_field(rec, COL(WG_RF_TAGS)), tag_ref, im);
}

/* An address column fills building, unit and room when the row leaves all three empty. */
static void address(struct rimp *im, const struct wg_csv_record *rec)
{
	struct wg_resident *s = &im->scratch;
	const char *text = wg_csv_field(rec, R_ADDRESS);
	struct wg_address a;
	if (*s->building || *s->unit || *s->room || !*text)
		return;
	const char *why = wg_address_split(text, &a);
	if (why) {
		problem(im, rec->line, R_ADDRESS, "%s", why);
		return;
	}
	if (wg_resident_set(im->ctx, s, WG_RF_BUILDING, a.building) != WG_OK ||
	    wg_resident_set(im->ctx, s, WG_RF_UNIT, a.unit) != WG_OK ||
	    wg_resident_set(im->ctx, s, WG_RF_ROOM, a.room) != WG_OK)
		problem(im, rec->line, R_ADDRESS, "%s", wg_error(im->ctx));
}

static void also_on_line(struct rimp *im, long line, const char *name)
{
	problem(im, im->row.line, COL(WG_RF_ID_NUMBER), _("the ID number %s is also on line %ld (%s); "
							  "a person is registered once"),
		im->scratch.id_number, line, name);
}

/* The row's ID number is other's: a row written earlier from this file (named by its line),
 * or a resident already registered (why: the database's words, or NULL). */
static void taken(struct rimp *im, int64_t other, const char *why)
{
	static const char sql[] = "SELECT name FROM residents WHERE id = ?1";
	const char *idn = im->scratch.id_number;
	char who[256];
	if (other >= im->bulk.first && other < im->bulk.next &&
	    (size_t)(other - im->bulk.first) < im->nlines) {
		sqlite3_stmt *st = wg_stmt(im->ctx, sql);
		snprintf(who, sizeof who, "?");
		if (st) {
			sqlite3_bind_int64(st, 1, other);
			if (sqlite3_step(st) == SQLITE_ROW)
				snprintf(who, sizeof who, "%s", (const char *)sqlite3_column_text(st, 0));
			sqlite3_reset(st);
		}
		also_on_line(im, (long)im->lines[other - im->bulk.first], who);
	} else if (why) {
		problem(im, im->row.line, COL(WG_RF_ID_NUMBER), "%s", why);
	} else {
		wg_resident_who(im->ctx, other, who, sizeof who);
		problem(im, im->row.line, COL(WG_RF_ID_NUMBER), _("the ID number %s is already "
								  "registered for %s"), idn, who);
	}
}

/* Whether the row's ID number is on an earlier row that was not written (it had a problem). */
static int on_unwritten_row(struct rimp *im)
{
	const char *idn = im->scratch.id_number;
	int k = *idn ? wg_codemap_get(&im->badids, idn) : -1;
	if (k < 0)
		return 0;
	also_on_line(im, im->bad[k].line, im->bad[k].name);
	return 1;
}

/* A row that cannot be written: is its ID number taken already, in the database, on a row
 * written earlier or on another row with a problem?  (A written row meets the database's own
 * unique index.)  Its number is kept for the rows after it.  0, or -1 out of memory. */
static int check_taken(struct rimp *im)
{
	static const char sql[] = "SELECT id FROM residents WHERE id_number = ?1";
	const char *idn = im->scratch.id_number;
	sqlite3_stmt *st = *idn ? wg_stmt(im->ctx, sql) : NULL;
	if (!st)
		return 0;
	sqlite3_bind_text(st, 1, idn, -1, SQLITE_STATIC);
	int64_t other = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (other)
		taken(im, other, NULL);
	else if (on_unwritten_row(im))
		return 0;
	const char *key = arena_put(&im->arena, idn), *name = arena_put(&im->arena, im->scratch.name);
	if (!key || !name || grow((void **)&im->bad, im->nbad, sizeof *im->bad) != 0 ||
	    wg_codemap_put(&im->badids, key, im->nbad) == -2)
		return -1;
	im->bad[im->nbad++] = (struct unwritten){ im->row.line, name };
	return 0;
}

/* Creates the row's building and new tags on first use (the audit batch records them). */
static int create_missing(struct rimp *im)
{
	struct wg_resident_import_result *res = im->res;
	struct rrow *r = &im->row;
	int rc = WG_OK;
	struct named *b = r->building >= 0 ? &im->buildings[r->building] : NULL;
	if (b && !b->id && (rc = wg_building_ensure(im->ctx, b->cell_id, b->name, &b->id)) == WG_OK)
		res->buildings_added++;
	for (int k = 0; rc == WG_OK && k < r->ntags; k++) {
		struct named *t = &im->tags[im->tagrefs[k]];
		if (t->id || (rc = wg_tag_add(im->ctx, t->name, 0, &t->id)) != WG_OK)
			continue;
		res->tags_added++;
		size_t len = strlen(res->new_tags);
		int n = snprintf(res->new_tags + len, sizeof res->new_tags - len, "%s%s",
				 len ? "、" : "", t->name);
		if (n < 0 || (size_t)n >= sizeof res->new_tags - len)
			res->new_tags[len] = '\0'; /* the list is full: the count still says how many */
	}
	return rc;
}

/* The checked row's keys into the scratch record. */
static void fill(struct rimp *im, struct wg_resident *s)
{
	const struct rrow *r = &im->row;
	s->active = 1;
	s->household_id = 0;
	s->cell_id = im->cells[r->cell].id;
	s->building_id = r->building >= 0 ? im->buildings[r->building].id : 0;
	s->ntags = r->ntags;
	for (int k = 0; k < r->ntags; k++)
		s->tags[k].id = im->tags[im->tagrefs[k]].id;
}

static void address_key(int64_t cell_id, int64_t building_id, const char *unit, const char *room,
			char *out, size_t outsz)
{
	snprintf(out, outsz, "%lld\x1f%lld\x1f%s\x1f%s", (long long)cell_id, (long long)building_id,
		 unit, room);
}

/* The households already there, the last one per address, with whether it has a head. */
static int load_households(struct rimp *im)
{
	static const char sql[] =
		"SELECT h.id, h.cell_id, coalesce(h.building_id, 0), h.unit, h.room,"
		" EXISTS (SELECT 1 FROM residents m WHERE m.household_id = h.id"
		"  AND m.relation IN ('户主', '本人'))"
		" FROM households h ORDER BY h.id DESC";
	char key[512];
	sqlite3_stmt *st = wg_stmt(im->ctx, sql);
	int rc = st ? WG_OK : WG_EIO;
	while (rc == WG_OK && sqlite3_step(st) == SQLITE_ROW) {
		address_key(sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2),
			    (const char *)sqlite3_column_text(st, 3),
			    (const char *)sqlite3_column_text(st, 4), key, sizeof key);
		if (wg_codemap_get(&im->hhmap, key) >= 0)
			continue; /* an older household at the same address */
		const char *kept = arena_put(&im->arena, key);
		if (!kept || grow((void **)&im->hh, im->nhh, sizeof *im->hh) != 0 ||
		    wg_codemap_put(&im->hhmap, kept, im->nhh) == -2)
			rc = wg_fail(im->ctx, WG_EIO, "%s", _("out of memory"));
		else
			im->hh[im->nhh++] = (struct household){ sqlite3_column_int64(st, 0),
								sqlite3_column_int(st, 5) };
	}
	if (st)
		sqlite3_reset(st);
	return rc;
}

/* wg_household_place for a row, from the households loaded and those this file adds. */
static int place_household(struct rimp *im, struct wg_resident *s)
{
	char key[512];
	int rc, k;
	s->household_id = 0;
	if (!s->building_id && !*s->room)
		return WG_OK;
	address_key(s->cell_id, s->building_id, s->unit, s->room, key, sizeof key);
	if ((k = wg_codemap_get(&im->hhmap, key)) < 0) {
		const char *kept = arena_put(&im->arena, key);
		if (!kept || grow((void **)&im->hh, im->nhh, sizeof *im->hh) != 0 ||
		    wg_codemap_put(&im->hhmap, kept, im->nhh) == -2)
			return wg_fail(im->ctx, WG_EIO, "%s", _("out of memory"));
		im->hh[im->nhh] = (struct household){ 0, 0 };
		k = im->nhh++;
	}
	struct household *h = &im->hh[k];
	int head = wg_relation_is_head(s->relation);
	if (!h->id || (head && h->has_head)) {
		if ((rc = wg_household_insert(im->ctx, im->next_household, s->cell_id, s->building_id,
					      s->unit, s->room)) != WG_OK)
			return rc;
		*h = (struct household){ im->next_household++, 0 };
		im->res->households_added++;
	}
	h->has_head |= head;
	s->household_id = h->id;
	return WG_OK;
}

/* Writes the checked row; a number taken is a problem (the caller rolls back at the end). */
static int write_row(struct rimp *im)
{
	int64_t dup;
	int rc = create_missing(im);
	if (rc == WG_OK)
		fill(im, &im->scratch);
	if (rc == WG_OK && (rc = place_household(im, &im->scratch)) == WG_OK)
		rc = wg_resident_insert_bulk(im->ctx, &im->bulk, &im->scratch, &dup);
	if (rc == WG_EINVAL && dup) {
		taken(im, dup, wg_error(im->ctx));
		return WG_OK;
	}
	if (rc != WG_OK)
		return rc;
	if (im->nlines == im->linecap) {
		size_t cap = im->linecap ? 2 * im->linecap : 4096;
		int32_t *l = realloc(im->lines, cap * sizeof *l);
		if (!l)
			return wg_fail(im->ctx, WG_EIO, "%s", _("out of memory"));
		im->lines = l;
		im->linecap = cap;
	}
	im->lines[im->nlines++] = (int32_t)im->row.line;
	return WG_OK;
}

static int read_row(struct rimp *im, const struct wg_csv_record *rec)
{
	struct wg_resident *s = &im->scratch;
	struct rrow *r = &im->row;
	size_t before = wg_problems_count(im->probs);
	memset(r, 0, sizeof *r);
	r->line = rec->line;
	im->n++;
	wg_resident_init(s);
	/* In table order: the ID number before the gender and birth date checked against it. */
	for (int f = 0; f < WG_RF_COUNT; f++)
		if (wg_rfields[f].kind != WG_RK_CELL && wg_rfields[f].kind != WG_RK_TAGS)
			field(im, rec, COL(f), (enum wg_resident_field)f);
	address(im, rec);
	if (place_row(im, rec, r) != WG_OK)
		return WG_EIO;
	if (wg_problems_count(im->probs) > before)
		return check_taken(im) == 0 ? WG_OK : WG_EIO;
	if (on_unwritten_row(im))
		return WG_OK;
	return write_row(im);
}

static void rimp_free(struct rimp *im)
{
	for (int i = 0; i < im->arena.n; i++)
		free(im->arena.blocks[i]);
	free(im->arena.blocks);
	free(im->cells);
	free(im->buildings);
	free(im->tags);
	free(im->lines);
	wg_codemap_free(&im->cellmap);
	wg_codemap_free(&im->cellnames);
	wg_codemap_free(&im->bmap);
	wg_codemap_free(&im->tagmap);
	wg_codemap_free(&im->hhmap);
	wg_codemap_free(&im->badids);
	free(im->bad);
	free(im->hh);
}

/* The header: 0, or -1 with its problems listed. */
static int check_header(struct rimp *im)
{
	struct wg_csv_column cols[R_IN_COLS];
	import_columns(cols);
	if (wg_csv_map_header(im->csv, cols, R_IN_COLS) != 0)
		return -1;
	if (!wg_csv_has_column(im->csv, COL(WG_RF_CELL)) && !wg_csv_has_column(im->csv, R_CELL_NAME)) {
		wg_problems_add(im->probs, im->file, wg_csv_header_line(im->csv), _("header"),
				_("missing column 'cell_code' (网格编码, 网格) or 'cell_name' (所属网格, "
				  "网格名称); add one of them to the header row"));
		return -1;
	}
	return 0;
}

/* Reads and writes every row inside the caller's transaction. */
static int read_all(struct rimp *im)
{
	const struct wg_csv_record *rec;
	int more = 0, rc = load_maps(im) == 0 ? WG_OK : wg_fail(im->ctx, WG_EIO, "%s", _("out of memory"));
	/* the households first: their heads are found through an index the bulk may drop */
	if (rc == WG_OK && (rc = wg_require_role(im->ctx, WG_ROLE_CLERK, _("Adding households"))) == WG_OK &&
	    (rc = wg_store_new_id(im->ctx, "households", &im->next_household)) == WG_OK &&
	    (rc = load_households(im)) == WG_OK)
		rc = wg_bulk_begin(im->ctx, &im->bulk, im->expect);
	while (rc == WG_OK && (more = wg_csv_next(im->csv, &rec)) == 1)
		rc = read_row(im, rec);
	rc = wg_bulk_end(im->ctx, &im->bulk, rc);
	if (rc == WG_OK && im->n == 0 && more == 0)
		wg_problems_add(im->probs, im->file, 0, NULL, "%s", _("the file has no residents"));
	return rc;
}

static int write_all(struct rimp *im)
{
	char detail[64];
	int rc = wg_begin(im->ctx);
	if (rc != WG_OK)
		return rc;
	if ((rc = wg_audit_batch_begin(im->ctx)) == WG_OK)
		rc = read_all(im);
	if (rc == WG_OK && wg_problems_count(im->probs) > 0)
		rc = wg_import_refused(im->ctx, im->file, wg_problems_count(im->probs));
	snprintf(detail, sizeof detail, "rows %d", im->n);
	rc = wg_audit_batch_end(im->ctx, rc, "residents.import", "residents", detail);
	if (rc == WG_OK)
		return wg_commit(im->ctx);
	wg_rollback(im->ctx);
	return rc;
}

/* What the importer is given besides the reader. */
struct rimp_arg {
	struct wg_resident_import_result *res;
	int64_t expect;
};

/* A register's row takes some 90 bytes of CSV (a workbook's fewer: it then counts low, and
 * the bulk decides again as the rows come). */
#define ROW_BYTES_AT_LEAST 100

static int import_csv(struct wg_ctx *ctx, struct wg_csv *csv, struct wg_problems *probs,
		      const struct rimp_arg *arg)
{
	struct wg_resident_import_result *res = arg->res;
	struct rimp *im = calloc(1, sizeof *im);
	int rc = im ? wg_require_role(ctx, WG_ROLE_CLERK, _("Importing residents"))
		    : wg_fail(ctx, WG_EIO, "%s", _("out of memory"));
	res->encoding = wg_csv_encoding(csv);
	if (rc != WG_OK) {
		free(im);
		return rc;
	}
	*im = (struct rimp){ .ctx = ctx, .csv = csv, .probs = probs, .file = wg_csv_name(csv),
			     .res = res, .expect = arg->expect };
	if (check_header(im) != 0)
		rc = wg_import_refused(ctx, im->file, wg_problems_count(probs));
	else
		rc = write_all(im);
	if (rc != WG_OK) /* nothing was written */
		res->buildings_added = res->tags_added = res->households_added = 0, res->new_tags[0] = '\0';
	res->rows = im->n;
	rimp_free(im);
	free(im);
	return rc;
}

static int run_import(struct wg_ctx *ctx, struct wg_csv *csv, struct wg_problems *probs, void *arg)
{
	return import_csv(ctx, csv, probs, arg);
}

int wg_resident_import_file(struct wg_ctx *ctx, const char *path, enum wg_encoding enc,
			struct wg_problems *probs, struct wg_resident_import_result *res)
{
	struct wg_import_src src = { .name = path, .path = path, .enc = enc, .stream = 1 };
	struct rimp_arg arg = { res, 0 };
	struct stat sb;
	if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode))
		arg.expect = (int64_t)sb.st_size / ROW_BYTES_AT_LEAST;
	memset(res, 0, sizeof *res);
	return wg_import_run(ctx, &src, probs, run_import, &arg);
}

int wg_resident_import_mem(struct wg_ctx *ctx, const char *name, const void *data, size_t len,
			enum wg_encoding enc, struct wg_problems *probs, struct wg_resident_import_result *res)
{
	struct wg_import_src src = { .name = name, .data = data, .len = len, .enc = enc };
	struct rimp_arg arg = { res, (int64_t)(len / ROW_BYTES_AT_LEAST) };
	memset(res, 0, sizeof *res);
	return wg_import_run(ctx, &src, probs, run_import, &arg);
}

/* ---- Export ---- */

static void write_resident(FILE *out, sqlite3_stmt *st, int unmasked)
{
	const char *f[WG_RF_COUNT];
	char masks[WG_RF_COUNT][40];
	for (int k = 0; k < WG_RF_COUNT; k++) {
		const struct wg_rfield *rf = &wg_rfields[k];
		const char *v = (const char *)sqlite3_column_text(st, rf->csv_pos);
		v = v ? v : "";
		if (!unmasked && *v && rf->mask != WG_RM_NONE) {
			if (rf->mask == WG_RM_ID)
				wg_mask_id_number(v, masks[k], sizeof masks[k]);
			else if (rf->mask == WG_RM_PHONE)
				wg_mask_phone(v, masks[k], sizeof masks[k]);
			else
				wg_mask_birth_date(v, masks[k], sizeof masks[k]);
			v = masks[k];
		}
		f[rf->csv_pos] = v;
	}
	wg_csv_write_row(out, f, WG_RF_COUNT);
}

int wg_resident_export(struct wg_ctx *ctx, FILE *out, int unmasked, long *rows)
{
	const char *header[WG_RF_COUNT];
	char detail[64];
	int rc = unmasked ? wg_require_role(ctx, WG_ROLE_ADMIN, _("An export with full ID numbers "
								   "and phones"))
			  : wg_require_role(ctx, WG_ROLE_CLERK, _("Exporting residents"));
	sqlite3_stmt *st = rc == WG_OK ? wg_stmt(ctx, wg_resident_sql(WG_RSQL_EXPORT)) : NULL;
	if (!st)
		return rc != WG_OK ? rc : WG_EIO;
	for (int k = 0; k < WG_RF_COUNT; k++)
		header[wg_rfields[k].csv_pos] = wg_rfields[k].csv;
	*rows = 0;
	wg_csv_write_row(out, header, WG_RF_COUNT);
	while (sqlite3_step(st) == SQLITE_ROW) {
		write_resident(out, st, unmasked);
		++*rows;
	}
	sqlite3_reset(st);
	snprintf(detail, sizeof detail, "%s, rows %ld", unmasked ? "unmasked" : "masked", *rows);
	return wg_export_done(ctx, out, "residents.export", "residents", detail);
}
