/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* The rules every incoming sync change must pass, one function each, and the filter that applies them. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include <wangge/i18n.h>
#include <wangge/store.h>
#include <wangge/validate.h>
#include "changeset-walk.h"
#include "sync-rules.h"

/*
 * Accounts (users, each with its role) and the list of sites come only from
 * the office: a laptop's change to them would let whoever holds the laptop
 * make themselves an administrator everywhere.  Accounts are managed at the
 * office and reach the laptops from there.
 */
static const char *accounts_from_office(const struct sync_change *c, char *why, size_t whysz)
{
	if (c->from_site == c->office_site ||
	    (strcmp(c->table, "users") != 0 && strcmp(c->table, "sites") != 0))
		return NULL;
	snprintf(why, whysz, _("accounts and sites are changed only at the office (site %d)"),
		 c->office_site);
	return why;
}

int sync_same_value(sqlite3_value *a, sqlite3_value *b)
{
	if (sqlite3_value_type(a) != sqlite3_value_type(b))
		return 0;
	switch (sqlite3_value_type(a)) {
	case SQLITE_NULL: return 1;
	case SQLITE_INTEGER: return sqlite3_value_int64(a) == sqlite3_value_int64(b);
	case SQLITE_FLOAT: return sqlite3_value_double(a) == sqlite3_value_double(b);
	default: {
		int n = sqlite3_value_bytes(a);
		return n == sqlite3_value_bytes(b) &&
		       (n == 0 || memcmp(sqlite3_value_blob(a), sqlite3_value_blob(b), (size_t)n) == 0);
	}
	}
}

/* For an incoming audit entry: 1 an entry with its id is here, 0 not, -1 one is here but differs. */
static int audit_entry_here(const struct sync_change *c, sqlite3_value *id)
{
	sqlite3_stmt *st = NULL;
	int here = 0;
	if (!c->db || sqlite3_prepare_v2(c->db, "SELECT * FROM audit_log WHERE id = ?1", -1, &st,
					 NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_value(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		here = sqlite3_column_count(st) == c->ncol ? 1 : -1;
		for (int i = 1; here == 1 && i < c->ncol; i++) {
			sqlite3_value *v = NULL;
			if (sqlite3changeset_new(c->it, i, &v) != SQLITE_OK || !v ||
			    !sync_same_value(sqlite3_column_value(st, i), v))
				here = -1;
		}
	}
	sqlite3_finalize(st);
	return here;
}

/* An entry of this site's own chain written before this database was restored from a backup
 * that lacks it: the others kept it, and it comes back. */
static int own_before_restore(const struct sync_change *c)
{
	static const char sql[] = "SELECT ?1 <= CAST(value AS INTEGER) FROM meta WHERE key = 'restored_at'";
	sqlite3_value *at = NULL;
	sqlite3_stmt *st = NULL;
	int yes = 0;
	if (c->db && sqlite3changeset_new(c->it, 1, &at) == SQLITE_OK && at &&
	    sqlite3_value_type(at) == SQLITE_INTEGER && sqlite3_prepare_v2(c->db, sql, -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_value(st, 1, at);
		yes = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 1;
	}
	sqlite3_finalize(st);
	return yes;
}

/* The audit log only grows, and each site writes its own chain: an entry arrives once, as it
 * was written, and never into this site's chain (but for what a restore lost). */
static const char *audit_append_only(const struct sync_change *c, char *why, size_t whysz)
{
	sqlite3_value *id = NULL;
	if (strcmp(c->table, "audit_log") != 0)
		return NULL;
	int here = c->op == SQLITE_INSERT && sqlite3changeset_new(c->it, 0, &id) == SQLITE_OK && id
			   ? audit_entry_here(c, id) : -1;
	if (here < 0)
		snprintf(why, whysz, "%s", _("the audit log only grows: sync never changes or removes "
					     "an entry"));
	else if (!here && wg_id_site(sqlite3_value_int64(id)) == c->here_site && !own_before_restore(c) &&
		 !c->adopting) /* a database set up again takes its number's chain, and goes on with it */
		snprintf(why, whysz, "%s", _("this site's own audit entries are written only here"));
	else
		return NULL; /* new, or here already (then the apply counts it so) */
	return why;
}

/* Column i's name, for saying which field was refused. */
static void column_name(const struct sync_change *c, int i, char *out, size_t outsz)
{
	sqlite3_stmt *st = NULL;
	snprintf(out, outsz, "%d", i + 1);
	if (c->db && sqlite3_prepare_v2(c->db, "SELECT name FROM pragma_table_info(?1) WHERE cid = ?2",
					-1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, c->table, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 2, i);
		if (sqlite3_step(st) == SQLITE_ROW)
			snprintf(out, outsz, "%s", (const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
}

/* Columns wangge fills itself with text never shown: residents.search_text separates its
 * fields by U+001F (resident-search.c). */
static int machine_text(const char *table, const char *column)
{
	return strcmp(table, "residents") == 0 && strcmp(column, "search_text") == 0;
}

/* Text arrives under the same rule as from an importer or a form: no terminal escapes. */
static const char *clean_text(const struct sync_change *c, char *why, size_t whysz)
{
	char name[64];
	if (c->op == SQLITE_DELETE)
		return NULL;
	for (int i = 0; i < c->ncol; i++) {
		sqlite3_value *v = NULL;
		if (sqlite3changeset_new(c->it, i, &v) != SQLITE_OK || !v ||
		    (sqlite3_value_type(v) != SQLITE_TEXT && sqlite3_value_type(v) != SQLITE_BLOB))
			continue;
		const char *text = (const char *)sqlite3_value_text(v);
		const char *problem = text ? wg_validate_stored_text(text, (size_t)sqlite3_value_bytes(v))
					   : NULL;
		if (!problem)
			continue;
		column_name(c, i, name, sizeof name); /* only now: a rare path */
		if (machine_text(c->table, name))
			continue;
		snprintf(why, whysz, "%s %s", name, problem);
		return why;
	}
	return NULL;
}

/* The text of column name of the incoming row, or NULL (no such column, NULL or empty). */
static int column_of(const struct sync_change *c, const char *name)
{
	struct sync_rule_cache *k = c->cache;
	sqlite3_stmt *st = NULL;
	int col = -1;
	for (int i = 0; k && i < k->n; i++)
		if (!strcmp(k->e[i].table, c->table) && !strcmp(k->e[i].column, name))
			return k->e[i].col;
	if (c->db && sqlite3_prepare_v2(c->db, "SELECT cid FROM pragma_table_info(?1) WHERE name = ?2", -1,
					&st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, c->table, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW)
			col = sqlite3_column_int(st, 0);
	}
	sqlite3_finalize(st);
	if (k && k->n < SYNC_RULE_CACHE) {
		snprintf(k->e[k->n].table, sizeof k->e[k->n].table, "%s", c->table);
		snprintf(k->e[k->n].column, sizeof k->e[k->n].column, "%s", name);
		k->e[k->n++].col = col;
	}
	return col;
}

static const char *incoming_text(const struct sync_change *c, const char *name)
{
	int col = column_of(c, name);
	sqlite3_value *v = NULL;
	if (col < 0 || sqlite3changeset_new(c->it, col, &v) != SQLITE_OK || !v ||
	    sqlite3_value_type(v) != SQLITE_TEXT || sqlite3_value_bytes(v) == 0)
		return NULL;
	return (const char *)sqlite3_value_text(v);
}

/* The values core checks on entry are checked again: an ID number with its check character and
 * birth date, a phone in its stored form, a birth date, an organization's credit code.  (Not against today: a row good when
 * it was saved stays good.) */
static const char *valid_values(const struct sync_change *c, char *why, size_t whysz)
{
	char norm[WG_PHONE_SIZE];
	const char *v, *problem = NULL, *field = NULL;
	if (c->op == SQLITE_DELETE)
		return NULL;
	if (strcmp(c->table, "social_orgs") == 0 && (v = incoming_text(c, "credit_code")) &&
	    (problem = wg_validate_credit_code(v, NULL)) != NULL) {
		snprintf(why, whysz, "credit_code: %s", problem);
		return why;
	}
	if (strcmp(c->table, "residents") != 0 && strcmp(c->table, "volunteers") != 0)
		return NULL;
	if ((v = incoming_text(c, "id_number")) && (problem = wg_validate_id_number(v, 2999, 12, 31, NULL)))
		field = "id_number";
	else if ((v = incoming_text(c, "phone")) &&
		 ((problem = wg_validate_phone(v, norm, sizeof norm, NULL)) || strcmp(norm, v) != 0))
		field = "phone", problem = problem ? problem : _("not in the form wangge stores");
	else if (strcmp(c->table, "residents") == 0 && (v = incoming_text(c, "birth_date")) &&
		 (problem = wg_validate_date(v, norm, sizeof norm)))
		field = "birth_date";
	if (!field)
		return NULL;
	snprintf(why, whysz, "%s: %s", field, problem);
	return why;
}

const char *sync_rule_refusal(const struct sync_change *c, char *why, size_t whysz)
{
	static const char *(*const rules[])(const struct sync_change *, char *, size_t) = {
		accounts_from_office, audit_append_only, clean_text, valid_values,
	};
	for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++)
		if (rules[i](c, why, whysz))
			return why;
	return NULL;
}

/* Appends the walked change (and its table's header, once) to out. */
static void keep(struct sync_filtered *out, const struct cs_walk *w, const unsigned char **header)
{
	unsigned char *buf = out->data;
	if (*header != w->table) {
		memcpy(buf + out->n, w->table, w->table_len);
		out->n += w->table_len;
		*header = w->table;
	}
	memcpy(buf + out->n, w->change, w->change_len);
	out->n += w->change_len;
	out->kept++;
}

int sync_filter(sqlite3 *db, const void *in, size_t n, int from_site, int here_site, int office_site, int adopting,
		void (*set_aside)(void *arg, sqlite3_changeset_iter *it, const char *why), void *arg,
		struct sync_filtered *out)
{
	sqlite3_changeset_iter *it = NULL;
	const unsigned char *header = NULL;
	struct sync_rule_cache cache = { 0 };
	struct cs_walk w;
	char why[512];
	long total = 0;
	int rc = 0, ind;
	memset(out, 0, sizeof *out);
	if (n > INT_MAX || !cs_well_formed(in, n, &total))
		return -1;
	if (total == 0)
		return 0;
	if (!(out->data = sqlite3_malloc64(n)) || sqlite3changeset_start(&it, (int)n, (void *)in) != SQLITE_OK)
		rc = -1;
	cs_walk_start(&w, in, n);
	/* SQLite's reader and the walk go in step: both must see the same changes, no more. */
	for (long k = 0; rc == 0 && k < total; k++) {
		struct sync_change c = { .cache = &cache, .db = db, .it = it, .from_site = from_site,
					 .here_site = here_site, .office_site = office_site,
					 .adopting = adopting };
		if (cs_walk_next(&w) != 1 || sqlite3changeset_next(it) != SQLITE_ROW ||
		    sqlite3changeset_op(it, &c.table, &c.ncol, &c.op, &ind) != SQLITE_OK || c.ncol != w.ncol)
			rc = -1;
		else if (sync_rule_refusal(&c, why, sizeof why))
			set_aside(arg, it, why), out->refused++;
		else
			keep(out, &w, &header);
	}
	if (rc == 0 && sqlite3changeset_next(it) != SQLITE_DONE)
		rc = -1;
	if (it && sqlite3changeset_finalize(it) != SQLITE_OK)
		rc = -1;
	if (rc != 0) {
		sqlite3_free(out->data);
		memset(out, 0, sizeof *out);
	}
	return rc;
}
