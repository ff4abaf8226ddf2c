/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Benchmark (prints figures, asserts nothing): resident list, search per keystroke, and CSV import (audit trail on) vs sqlite3 .import. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <wangge/audit.h>
#include <wangge/csv.h>
#include <wangge/resident.h>
#include <wangge/site.h>
#include <wangge/store.h>

#define PAGE 50

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static struct wg_ctx *open_db(const char *path)
{
	struct wg_ctx *ctx = wg_ctx_new();
	if (wg_store_open(ctx, path, WG_OPEN_CREATE) != WG_OK || wg_site_init(ctx, 1, 0, "bench", NULL) != WG_OK) {
		fprintf(stderr, "bench: %s\n", wg_error(ctx));
		exit(3);
	}
	wg_set_user(ctx, 1, "bench", WG_ROLE_ADMIN);
	return ctx;
}

static void must(struct wg_ctx *ctx, int rc, const char *what)
{
	if (rc != WG_OK) {
		fprintf(stderr, "bench: %s: %s\n", what, wg_error(ctx));
		exit(rc);
	}
}

/* Milliseconds for the first page of a query, as one keystroke of the list costs. */
static double first_page(struct wg_ctx *ctx, const char *text, int *hits)
{
	struct wg_resident_query q = { .cell_id = 0 };
	struct wg_rows rows;
	snprintf(q.text, sizeof q.text, "%s", text);
	struct wg_list_source src = wg_resident_source(&q);
	wg_rows_init(&rows);
	double t = now_ms();
	must(ctx, src.fetch(ctx, src.arg, WG_PAGE_FIRST, NULL, PAGE, &rows), "search");
	t = now_ms() - t;
	*hits = rows.n;
	wg_rows_free(&rows);
	return t;
}

/* A real resident's name, ID number and phone to type (ids count from 1 within site 1). */
static void sample(struct wg_ctx *ctx, long nth, char *name, char *idn, char *phone)
{
	struct wg_resident r;
	must(ctx, wg_resident_load(ctx, ((int64_t)1 << 40) + nth, &r), "load");
	must(ctx, wg_resident_unmask(ctx, &r), "unmask");
	strcpy(name, r.name);
	strcpy(idn, r.id_number);
	strcpy(phone, r.phone);
}

static void keystrokes(struct wg_ctx *ctx, const char *const *words, int nwords)
{
	double sum = 0, worst = 0;
	int n = 0, hits;
	const char *worst_q = "";
	printf("\nsearch, first page of %d rows per keystroke:\n", PAGE);
	for (int w = 0; w < nwords; w++) {
		const char *s = words[w];
		printf("  %-22s", s);
		for (size_t len = 1; len <= strlen(s); len++) {
			if (((unsigned char)s[len] & 0xC0) == 0x80)
				continue; /* type whole characters */
			char prefix[128];
			snprintf(prefix, sizeof prefix, "%.*s", (int)len, s);
			double t = first_page(ctx, prefix, &hits);
			printf(" %.2f(%d)", t, hits);
			sum += t, n++;
			if (t > worst)
				worst = t, worst_q = words[w];
		}
		printf("\n");
	}
	printf("  keystrokes %d, mean %.2f ms, worst %.2f ms (typing '%s')\n", n, sum / n, worst, worst_q);
}

static void bench_search(const char *dir, long n)
{
	char path[512], name[128], idn[32], phone[32], tail4[32], birth[32], ptail[32];
	snprintf(path, sizeof path, "%s/search.db", dir);
	struct wg_ctx *ctx = open_db(path);
	double t = now_ms();
	must(ctx, wg_gen_residents(ctx, n, 1), "generating");
	printf("generated %ld residents in %.0f ms\n", n, now_ms() - t);
	int hits;
	double open = 0, worst = 0;
	for (int i = 0; i < 20; i++) {
		double one = first_page(ctx, "", &hits);
		open += one;
		worst = one > worst ? one : worst;
	}
	printf("opening the list (%d rows): mean %.2f ms, worst %.2f ms over 20\n", hits, open / 20, worst);
	sample(ctx, n / 2, name, idn, phone);
	snprintf(tail4, sizeof tail4, "%s", idn + 14);
	snprintf(birth, sizeof birth, "%.8s", idn + 6);
	snprintf(ptail, sizeof ptail, "%s", phone + 7);
	const char *words[] = { name, "欧阳", "罕见", "王小", tail4, birth, ptail, phone,
				"12号楼", "生成乙社区第3网格", "x", "93x", "0x", "xx", "x1" };
	keystrokes(ctx, words, sizeof words / sizeof words[0]);
	wg_ctx_free(ctx);
}

static double run_sqlite3_import(const char *dir, const char *csv)
{
	char cmd[2048];
	snprintf(cmd, sizeof cmd, "rm -f %s/plain.db && sqlite3 %s/plain.db '.mode csv' '.import %s t'",
		 dir, dir, csv);
	double t = now_ms();
	if (system(cmd) != 0)
		return -1;
	return now_ms() - t;
}

/*
 * The floor under any import that keeps the search index current: the sqlite3
 * shell loading the rows wangge wrote (every column, search text included),
 * their households and tags into the same, empty schema, in one transaction:
 * the plain indexes of the three tables dropped first and made again after the
 * load, the FTS5 index built once at the end (the outside check's best floor
 * found; a larger FTS5 hash size changed nothing here).  No checking or key
 * lookups are in it.
 */
static double run_sqlite3_floor(const char *dir)
{
	static const char plain[] = "FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
		" AND sql NOT LIKE 'CREATE UNIQUE%' AND tbl_name IN ('residents', 'resident_tags', 'households')";
	char cmd[4096];
	snprintf(cmd, sizeof cmd,
		 "cd %s && sqlite3 -csv import.db 'SELECT * FROM residents ORDER BY id' > rows.csv &&"
		 " sqlite3 -csv import.db 'SELECT * FROM resident_tags ORDER BY id' > tags.csv &&"
		 " sqlite3 -csv import.db 'SELECT * FROM households ORDER BY id' > households.csv &&"
		 " sqlite3 floor.db \"SELECT 'DROP INDEX ' || name || ';' %s\" > drop.sql &&"
		 " sqlite3 floor.db \"SELECT sql || ';' %s\" > create.sql", dir, plain, plain);
	if (system(cmd) != 0)
		return -1;
	snprintf(cmd, sizeof cmd,
		 "cd %s && sqlite3 floor.db 'PRAGMA journal_mode = WAL' 'PRAGMA synchronous = FULL'"
		 " 'PRAGMA cache_size = -65536' BEGIN '.read drop.sql' '.mode csv'"
		 " '.import households.csv households' '.import rows.csv residents'"
		 " '.import tags.csv resident_tags'"
		 " \"INSERT INTO resident_search(resident_search) VALUES ('rebuild')\" '.read create.sql'"
		 " COMMIT >/dev/null", dir);
	double t = now_ms();
	if (system(cmd) != 0)
		return -1;
	return now_ms() - t;
}

struct audit_seen {
	int entries;
	size_t bytes;
};

static int audit_entry(void *arg, const struct wg_audit_entry *e)
{
	struct audit_seen *a = arg;
	a->entries++;
	a->bytes += strlen(e->detail);
	return WG_OK;
}

static double bench_import(const char *dir, long n)
{
	char src[512], dst[512], csv[512], floor_db[512];
	long rows;
	snprintf(src, sizeof src, "%s/source.db", dir);
	snprintf(dst, sizeof dst, "%s/import.db", dir);
	snprintf(csv, sizeof csv, "%s/residents.csv", dir);
	snprintf(floor_db, sizeof floor_db, "%s/floor.db", dir);
	struct wg_ctx *ctx = open_db(src);
	must(ctx, wg_gen_residents(ctx, n, 2), "generating");
	FILE *f = fopen(csv, "w");
	must(ctx, f ? wg_resident_export(ctx, f, 1, &rows) : WG_EIO, "exporting");
	fclose(f);
	wg_ctx_free(ctx);
	ctx = open_db(floor_db);
	must(ctx, wg_gen_residents(ctx, 0, 2), "making the cells");
	wg_ctx_free(ctx);
	ctx = open_db(dst);
	must(ctx, wg_gen_residents(ctx, 0, 2), "making the cells"); /* same cells, no residents */
	struct wg_problems probs = { 0 };
	struct wg_resident_import_result res;
	double t = now_ms();
	int rc = wg_resident_import_file(ctx, csv, WG_ENC_AUTO, &probs, &res);
	double ours = now_ms() - t;
	if (rc != WG_OK)
		wg_problems_print(&probs, stderr, 5);
	must(ctx, rc, "importing");
	wg_problems_free(&probs);
	struct audit_seen seen = { 0 };
	must(ctx, wg_audit_list(ctx, &(struct wg_audit_query){ .action = "residents.import" },
				audit_entry, &seen), "reading the audit log");
	wg_ctx_free(ctx);
	double theirs = run_sqlite3_import(dir, csv), floor = run_sqlite3_floor(dir);
	printf("\nimport of %ld rows: wangge %.0f ms, sqlite3 .import into a plain table %.0f ms,"
	       " ratio %.2f\n", rows, ours, theirs, theirs > 0 ? ours / theirs : 0);
	printf("audit trail (on, in the import's time): %d entry, its detail %zu bytes\n", seen.entries,
	       seen.bytes);
	printf("floor: sqlite3 loading the same rows, households and tags into wangge's tables, indexes and"
	       " search index %.0f ms (ratio %.2f to the plain table; wangge is %.2f times the floor)\n",
	       floor, theirs > 0 ? floor / theirs : 0, floor > 0 ? ours / floor : 0);
	return ours;
}

/* Issue 17's figures: the same register written as a workbook (from the CSV), and imported
 * from it, against the CSV import. */
static void bench_xlsx(const char *dir, double csv_ms)
{
	char csv[512], xlsx[512], dst[512], why[256];
	snprintf(csv, sizeof csv, "%s/residents.csv", dir);
	snprintf(xlsx, sizeof xlsx, "%s/residents.xlsx", dir);
	snprintf(dst, sizeof dst, "%s/import-xlsx.db", dir);
	FILE *f = fopen(csv, "rb");
	char *buf = NULL;
	size_t len = 0, cap = 0, n;
	char chunk[65536];
	while (f && (n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (len + n + 1 > cap && !(buf = realloc(buf, cap = (len + n + 1) * 2)))
			break;
		memcpy(buf + len, chunk, n), len += n;
	}
	if (f)
		fclose(f);
	double t = now_ms();
	int rc = buf ? wg_csv_to_xlsx(buf, len, "residents", xlsx, why, sizeof why) : -1;
	double write_ms = now_ms() - t;
	int read = buf != NULL;
	free(buf);
	if (rc != 0) {
		printf("xlsx: cannot write (%s)\n", read ? why : "out of memory");
		return;
	}
	struct wg_ctx *ctx = open_db(dst);
	must(ctx, wg_gen_residents(ctx, 0, 2), "making the cells");
	struct wg_problems probs = { 0 };
	struct wg_resident_import_result res;
	t = now_ms();
	rc = wg_resident_import_file(ctx, xlsx, WG_ENC_AUTO, &probs, &res);
	double read_ms = now_ms() - t;
	if (rc != WG_OK)
		wg_problems_print(&probs, stderr, 5);
	must(ctx, rc, "importing the workbook");
	wg_problems_free(&probs);
	wg_ctx_free(ctx);
	printf("xlsx: writing the %d rows as a workbook %.0f ms (budget 2000 ms); importing it %.0f ms,"
	       " %.2f times the CSV import (budget 1.5)\n", res.rows, write_ms, read_ms,
	       csv_ms > 0 ? read_ms / csv_ms : 0);
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 200000, m = argc > 2 ? atol(argv[2]) : 100000;
	char dir[] = "/tmp/wg-bench-XXXXXX", cmd[64];
	if (!mkdtemp(dir))
		return 3;
	setvbuf(stdout, NULL, _IOLBF, 0);
	bench_search(dir, n);
	bench_xlsx(dir, bench_import(dir, m));
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	return system(cmd) == 0 ? 0 : 3;
}
