/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Numbered schema migrations; migration N brings a file to user_version N. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include "schema.h"
#include "tally-priv.h"

/* Every row says who changed it and when (seconds since the epoch, user id). */
#define STAMP \
	"created_at INTEGER NOT NULL DEFAULT 0, created_by INTEGER, " \
	"updated_at INTEGER NOT NULL DEFAULT 0, updated_by INTEGER"

/*
 * Row keys: every table has "id INTEGER PRIMARY KEY"; keys are made by
 * wg_store_new_id() (store.c), never by SQLite's own rowid choice, so that
 * rows created on different sites never collide when merged.
 */
static const char migration_1[] =
	"CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"

	"CREATE TABLE sites (id INTEGER PRIMARY KEY, site_no INTEGER NOT NULL UNIQUE,"
	" name TEXT NOT NULL DEFAULT '', kind TEXT NOT NULL DEFAULT 'office'"
	" CHECK (kind IN ('office','field')), " STAMP ");"

	"CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
	" display_name TEXT NOT NULL DEFAULT '',"
	" role TEXT NOT NULL CHECK (role IN ('viewer','gridworker','socialworker','clerk','admin')),"
	" pw_hash TEXT NOT NULL DEFAULT '', active INTEGER NOT NULL DEFAULT 1, " STAMP ");"

	"CREATE TABLE audit_log (id INTEGER PRIMARY KEY, at INTEGER NOT NULL,"
	" user_id INTEGER, action TEXT NOT NULL, tbl TEXT NOT NULL DEFAULT '',"
	" row_id INTEGER, detail TEXT NOT NULL DEFAULT '',"
	" prev_hash TEXT NOT NULL, hash TEXT NOT NULL);"

	"CREATE TABLE cells (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE,"
	" name TEXT NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('street','community','grid')),"
	" parent_id INTEGER REFERENCES cells(id), boundary TEXT NOT NULL DEFAULT '',"
	" area REAL, notes TEXT NOT NULL DEFAULT '', " STAMP ");"
	"CREATE INDEX cells_parent ON cells(parent_id);"

	"CREATE TABLE grid_workers (id INTEGER PRIMARY KEY, name TEXT NOT NULL,"
	" phone TEXT NOT NULL DEFAULT '', id_number TEXT, user_id INTEGER REFERENCES users(id),"
	" active INTEGER NOT NULL DEFAULT 1, " STAMP ");"
	"CREATE TABLE cell_workers (id INTEGER PRIMARY KEY,"
	" cell_id INTEGER NOT NULL REFERENCES cells(id) ON DELETE CASCADE,"
	" worker_id INTEGER NOT NULL REFERENCES grid_workers(id) ON DELETE CASCADE,"
	" employment TEXT NOT NULL DEFAULT 'full' CHECK (employment IN ('full','part')),"
	" " STAMP ", UNIQUE (cell_id, worker_id));"
	"CREATE INDEX cell_workers_worker ON cell_workers(worker_id);"

	"CREATE TABLE buildings (id INTEGER PRIMARY KEY,"
	" cell_id INTEGER NOT NULL REFERENCES cells(id), name TEXT NOT NULL,"
	" address TEXT NOT NULL DEFAULT '', floors INTEGER, units INTEGER,"
	" notes TEXT NOT NULL DEFAULT '', " STAMP ", UNIQUE (cell_id, name));"

	"CREATE TABLE households (id INTEGER PRIMARY KEY,"
	" cell_id INTEGER NOT NULL REFERENCES cells(id),"
	" building_id INTEGER REFERENCES buildings(id), unit TEXT NOT NULL DEFAULT '',"
	" room TEXT NOT NULL DEFAULT '', address TEXT NOT NULL DEFAULT '',"
	" notes TEXT NOT NULL DEFAULT '', " STAMP ");"
	"CREATE INDEX households_building ON households(building_id, unit, room);"

	"CREATE TABLE residents (id INTEGER PRIMARY KEY, name TEXT NOT NULL,"
	" gender TEXT NOT NULL DEFAULT '' CHECK (gender IN ('','M','F')),"
	" id_number TEXT UNIQUE, birth_date TEXT NOT NULL DEFAULT '',"
	" phone TEXT NOT NULL DEFAULT '', cell_id INTEGER REFERENCES cells(id),"
	" building_id INTEGER REFERENCES buildings(id), unit TEXT NOT NULL DEFAULT '',"
	" room TEXT NOT NULL DEFAULT '', household_id INTEGER REFERENCES households(id),"
	" relation TEXT NOT NULL DEFAULT '', notes TEXT NOT NULL DEFAULT '',"
	" active INTEGER NOT NULL DEFAULT 1, " STAMP ");"
	"CREATE INDEX residents_cell ON residents(cell_id, name);"
	"CREATE INDEX residents_name ON residents(name, id);"
	"CREATE INDEX residents_household ON residents(household_id);"

	"CREATE TABLE tags (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
	" name_en TEXT NOT NULL DEFAULT '', builtin INTEGER NOT NULL DEFAULT 0,"
	" key_care INTEGER NOT NULL DEFAULT 0, " STAMP ");"
	"CREATE TABLE resident_tags (id INTEGER PRIMARY KEY,"
	" resident_id INTEGER NOT NULL REFERENCES residents(id) ON DELETE CASCADE,"
	" tag_id INTEGER NOT NULL REFERENCES tags(id), " STAMP ","
	" UNIQUE (resident_id, tag_id));"
	"CREATE INDEX resident_tags_tag ON resident_tags(tag_id);"

	"CREATE TABLE patrols (id INTEGER PRIMARY KEY,"
	" cell_id INTEGER NOT NULL REFERENCES cells(id),"
	" worker_id INTEGER REFERENCES grid_workers(id), date TEXT NOT NULL,"
	" route TEXT NOT NULL DEFAULT '', findings TEXT NOT NULL DEFAULT '',"
	" task_id INTEGER REFERENCES tasks(id), " STAMP ");"
	"CREATE INDEX patrols_cell ON patrols(cell_id, date);"

	"CREATE TABLE social_orgs (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
	" credit_code TEXT, kind TEXT NOT NULL DEFAULT '', contact TEXT NOT NULL DEFAULT '',"
	" phone TEXT NOT NULL DEFAULT '', notes TEXT NOT NULL DEFAULT '', " STAMP ");"

	"CREATE TABLE social_workers (id INTEGER PRIMARY KEY, name TEXT NOT NULL,"
	" phone TEXT NOT NULL DEFAULT '', org_id INTEGER REFERENCES social_orgs(id),"
	" certificate TEXT NOT NULL DEFAULT '', user_id INTEGER REFERENCES users(id),"
	" active INTEGER NOT NULL DEFAULT 1, " STAMP ");"

	"CREATE TABLE teams (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
	" leader_id INTEGER REFERENCES social_workers(id),"
	" cell_id INTEGER REFERENCES cells(id), notes TEXT NOT NULL DEFAULT '', " STAMP ");"

	"CREATE TABLE volunteers (id INTEGER PRIMARY KEY, vol_no TEXT NOT NULL UNIQUE,"
	" name TEXT NOT NULL, phone TEXT NOT NULL DEFAULT '', id_number TEXT UNIQUE,"
	" cell_id INTEGER REFERENCES cells(id), resident_id INTEGER REFERENCES residents(id),"
	" active INTEGER NOT NULL DEFAULT 1, notes TEXT NOT NULL DEFAULT '', " STAMP ");"
	"CREATE INDEX volunteers_name ON volunteers(name, id);"

	"CREATE TABLE team_members (id INTEGER PRIMARY KEY,"
	" team_id INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,"
	" volunteer_id INTEGER NOT NULL REFERENCES volunteers(id) ON DELETE CASCADE,"
	" " STAMP ", UNIQUE (team_id, volunteer_id));"

	"CREATE TABLE skills (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, " STAMP ");"
	"CREATE TABLE volunteer_skills (id INTEGER PRIMARY KEY,"
	" volunteer_id INTEGER NOT NULL REFERENCES volunteers(id) ON DELETE CASCADE,"
	" skill_id INTEGER NOT NULL REFERENCES skills(id), " STAMP ","
	" UNIQUE (volunteer_id, skill_id));"

	/* weekday 1 (Monday) .. 7, minutes since midnight. */
	"CREATE TABLE availability (id INTEGER PRIMARY KEY,"
	" volunteer_id INTEGER NOT NULL REFERENCES volunteers(id) ON DELETE CASCADE,"
	" weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),"
	" start_min INTEGER NOT NULL, end_min INTEGER NOT NULL, " STAMP ");"

	"CREATE TABLE service_projects (id INTEGER PRIMARY KEY, name TEXT NOT NULL,"
	" org_id INTEGER REFERENCES social_orgs(id), funder TEXT NOT NULL DEFAULT '',"
	" budget_cents INTEGER, start_date TEXT NOT NULL DEFAULT '', end_date TEXT NOT NULL DEFAULT '',"
	" description TEXT NOT NULL DEFAULT '', status TEXT NOT NULL DEFAULT 'active', " STAMP ");"

	"CREATE TABLE shifts (id INTEGER PRIMARY KEY, post TEXT NOT NULL,"
	" cell_id INTEGER REFERENCES cells(id), start_at INTEGER NOT NULL,"
	" end_at INTEGER NOT NULL, need INTEGER NOT NULL DEFAULT 1,"
	" skill_id INTEGER REFERENCES skills(id), project_id INTEGER REFERENCES service_projects(id),"
	" notes TEXT NOT NULL DEFAULT '', " STAMP ", CHECK (end_at > start_at));"
	"CREATE INDEX shifts_start ON shifts(start_at);"

	"CREATE TABLE assignments (id INTEGER PRIMARY KEY,"
	" shift_id INTEGER NOT NULL REFERENCES shifts(id) ON DELETE CASCADE,"
	" volunteer_id INTEGER NOT NULL REFERENCES volunteers(id),"
	" checkin_at INTEGER, checkout_at INTEGER, " STAMP ","
	" UNIQUE (shift_id, volunteer_id));"
	"CREATE INDEX assignments_volunteer ON assignments(volunteer_id);"

	"CREATE TABLE hours_ledger (id INTEGER PRIMARY KEY,"
	" volunteer_id INTEGER NOT NULL REFERENCES volunteers(id),"
	" assignment_id INTEGER REFERENCES assignments(id), date TEXT NOT NULL,"
	" minutes INTEGER NOT NULL, kind TEXT NOT NULL DEFAULT 'shift'"
	" CHECK (kind IN ('shift','task','adjust')), note TEXT NOT NULL DEFAULT '', " STAMP ");"
	"CREATE INDEX hours_volunteer ON hours_ledger(volunteer_id, date);"

	"CREATE TABLE categories (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE,"
	" parent_id INTEGER REFERENCES categories(id),"
	" level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),"
	" name_zh TEXT NOT NULL, name_en TEXT NOT NULL DEFAULT '',"
	" time_limit_hours INTEGER, responsible TEXT NOT NULL DEFAULT '',"
	" priority TEXT NOT NULL DEFAULT 'normal', active INTEGER NOT NULL DEFAULT 1,"
	" sort INTEGER NOT NULL DEFAULT 0, " STAMP ");"
	"CREATE INDEX categories_parent ON categories(parent_id, sort);"

	"CREATE TABLE tasks (id INTEGER PRIMARY KEY, number TEXT NOT NULL UNIQUE,"
	" source TEXT NOT NULL DEFAULT 'visit', reporter_resident_id INTEGER REFERENCES residents(id),"
	" reporter_text TEXT NOT NULL DEFAULT '', cell_id INTEGER REFERENCES cells(id),"
	" building_id INTEGER REFERENCES buildings(id), address TEXT NOT NULL DEFAULT '',"
	" category_id INTEGER REFERENCES categories(id), title TEXT NOT NULL,"
	" description TEXT NOT NULL DEFAULT '', priority TEXT NOT NULL DEFAULT 'normal',"
	" state TEXT NOT NULL DEFAULT 'reported', resume_state TEXT,"
	" handler_kind TEXT, handler_id INTEGER, handler_name TEXT NOT NULL DEFAULT '',"
	" supervision INTEGER NOT NULL DEFAULT 0, deadline_at INTEGER, step_deadline_at INTEGER,"
	" review_date TEXT, merged_into INTEGER REFERENCES tasks(id),"
	" rework_count INTEGER NOT NULL DEFAULT 0, wrong_dispatch_count INTEGER NOT NULL DEFAULT 0,"
	" closed_at INTEGER, rating TEXT, " STAMP ");"
	"CREATE INDEX tasks_state ON tasks(state, deadline_at);"
	"CREATE INDEX tasks_open_deadline ON tasks(deadline_at)"
	" WHERE state NOT IN ('closed','rejected','merged');"
	"CREATE INDEX tasks_cell ON tasks(cell_id, category_id, created_at);"
	"CREATE INDEX tasks_handler ON tasks(handler_kind, handler_id, state);"
	"CREATE INDEX tasks_category ON tasks(category_id);"

	"CREATE TABLE task_attachments (id INTEGER PRIMARY KEY,"
	" task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,"
	" path TEXT NOT NULL, note TEXT NOT NULL DEFAULT '', " STAMP ");"

	"CREATE TABLE task_events (id INTEGER PRIMARY KEY,"
	" task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,"
	" at INTEGER NOT NULL, actor_id INTEGER, action TEXT NOT NULL,"
	" from_state TEXT NOT NULL DEFAULT '', to_state TEXT NOT NULL DEFAULT '',"
	" note TEXT NOT NULL DEFAULT '', handler_kind TEXT, handler_id INTEGER,"
	" handler_name TEXT NOT NULL DEFAULT '', clock TEXT NOT NULL DEFAULT '',"
	" deadline_at INTEGER, " STAMP ");"
	"CREATE INDEX task_events_task ON task_events(task_id, at);"
	"CREATE INDEX task_events_action ON task_events(action, at);"

	"CREATE TABLE conferences (id INTEGER PRIMARY KEY, date TEXT NOT NULL,"
	" topic TEXT NOT NULL, attendees TEXT NOT NULL DEFAULT '',"
	" decision TEXT NOT NULL DEFAULT '', " STAMP ");"
	"CREATE TABLE conference_tasks (id INTEGER PRIMARY KEY,"
	" conference_id INTEGER NOT NULL REFERENCES conferences(id) ON DELETE CASCADE,"
	" task_id INTEGER NOT NULL REFERENCES tasks(id), " STAMP ","
	" UNIQUE (conference_id, task_id));"

	"CREATE TABLE notices (id INTEGER PRIMARY KEY, title TEXT NOT NULL,"
	" body TEXT NOT NULL DEFAULT '', cell_id INTEGER REFERENCES cells(id),"
	" publish_at INTEGER, expires_at INTEGER, " STAMP ");"

	/* Drafts belong to one machine and one user; they are never synced. */
	"CREATE TABLE drafts (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL,"
	" form TEXT NOT NULL, record_id INTEGER, data TEXT NOT NULL, " STAMP ","
	" UNIQUE (user_id, form, record_id));"

	"CREATE TABLE sync_state (id INTEGER PRIMARY KEY, peer_site_no INTEGER NOT NULL UNIQUE,"
	" sent_upto INTEGER NOT NULL DEFAULT 0, acked_upto INTEGER NOT NULL DEFAULT 0,"
	" received_upto INTEGER NOT NULL DEFAULT 0, last_export_at INTEGER,"
	" last_import_at INTEGER, " STAMP ");"

	"CREATE TABLE counters (name TEXT NOT NULL, scope TEXT NOT NULL,"
	" value INTEGER NOT NULL, PRIMARY KEY (name, scope)) WITHOUT ROWID;";

/*
 * Task deadlines: warn_at / step_warn_at hold the moment 80% of the case's
 * and the current step's limit is used (in working time), so a list colours
 * a row without walking the calendar; a feedback event keeps the resident's
 * rating (reports count them per month).  The handler index serves "my cases"
 * and the open load per handler; the feedback index the cases closed and not
 * yet rated.  Both are partial, so closed history does not weigh on them.
 */
static const char migration_2[] =
	"ALTER TABLE tasks ADD COLUMN warn_at INTEGER;"
	"ALTER TABLE tasks ADD COLUMN step_warn_at INTEGER;"
	"ALTER TABLE task_events ADD COLUMN rating TEXT;"
	"CREATE INDEX tasks_handler_open ON tasks(handler_kind, handler_id, deadline_at)"
	" WHERE state NOT IN ('closed','rejected','merged');"
	"CREATE INDEX tasks_awaiting_feedback ON tasks(closed_at)"
	" WHERE state = 'closed' AND rating IS NULL;";

/*
 * Residents, cells and tags (resident.c, resident-search.c, cell.c):
 * - residents.search_text holds what the search matches, written by C code on
 *   every save (resident-search.c says how), with an FTS5 trigram index over
 *   it.  detail=none and columnsize=0 keep the index small and imports fast;
 *   LIKE queries still work because FTS5 checks each candidate against the row.
 *   Triggers keep the index right when rows change or go.  New rows are
 *   indexed by the code that inserts them (resident-tag.c), not by a trigger:
 *   any INSERT trigger makes SQLite keep a statement journal for every row,
 *   which tripled the time of a 100k-row import, and FTS5 flushes its buffer
 *   at every statement, so imports index all their rows in one statement.
 *   The meta key resident_search_bulk (set only inside a transaction) quiets
 *   the update trigger while the whole index is rebuilt.
 * - Lists of residents are in id order (search hits come from the FTS index in
 *   rowid order), so residents_name goes, and residents_cell becomes
 *   (cell_id) = (cell_id, id): residents of a cell in list order.
 * - Household and building indexes cover only the rows that have one.
 * - The builtin tags have the fixed ids 1 to 5, the same in every database,
 *   so that sites never disagree about them.
 */
static const char migration_3[] =
	"ALTER TABLE residents ADD COLUMN search_text TEXT NOT NULL DEFAULT '';"
	"CREATE VIRTUAL TABLE resident_search USING fts5(search_text, content='residents',"
	" content_rowid='id', tokenize='trigram', detail='none', columnsize=0);"
	"CREATE TRIGGER residents_search_delete AFTER DELETE ON residents BEGIN"
	" INSERT INTO resident_search(resident_search, rowid, search_text)"
	" VALUES ('delete', old.id, old.search_text); END;"
	"CREATE TRIGGER residents_search_update AFTER UPDATE OF search_text ON residents"
	" WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'resident_search_bulk') BEGIN"
	" INSERT INTO resident_search(resident_search, rowid, search_text)"
	" VALUES ('delete', old.id, old.search_text);"
	" INSERT INTO resident_search(rowid, search_text) VALUES (new.id, new.search_text); END;"
	"DROP INDEX residents_name;"
	"DROP INDEX residents_cell;"
	"CREATE INDEX residents_cell ON residents(cell_id);"
	"DROP INDEX residents_household;"
	"CREATE INDEX residents_household ON residents(household_id) WHERE household_id IS NOT NULL;"
	"CREATE INDEX residents_building ON residents(building_id) WHERE building_id IS NOT NULL;"
	"CREATE INDEX households_cell ON households(cell_id);"
	"CREATE INDEX grid_workers_user ON grid_workers(user_id) WHERE user_id IS NOT NULL;"
	"INSERT INTO tags(id, name, name_en, builtin, key_care) VALUES"
	" (1, '独居老人', 'elderly living alone', 1, 1), (2, '残疾人', 'disabled', 1, 1),"
	" (3, '低保', 'low-income', 1, 1), (4, '退役军人', 'veteran', 1, 0),"
	" (5, '流动人口', 'floating population', 1, 0)"
	" ON CONFLICT(name) DO UPDATE SET builtin = 1;";

/*
 * The monthly report (report.c) finds the month's cases through these: created,
 * closed or due in the month; moves in the month come through task_events_action.
 */
static const char migration_4[] =
	"CREATE INDEX tasks_created ON tasks(created_at);"
	"CREATE INDEX tasks_closed ON tasks(closed_at) WHERE closed_at IS NOT NULL;"
	"CREATE INDEX tasks_deadline ON tasks(deadline_at) WHERE deadline_at IS NOT NULL;";

/*
 * Offline sync (sync.c): each transaction's changeset, with the site it came
 * from; and what a sync could not apply, kept for a clerk (nothing is lost).
 */
static const char migration_5[] =
	"CREATE TABLE sync_log (seq INTEGER PRIMARY KEY, origin_site INTEGER NOT NULL,"
	" at INTEGER NOT NULL, changeset BLOB NOT NULL);"
	"CREATE TABLE sync_conflicts (id INTEGER PRIMARY KEY, peer_site INTEGER NOT NULL,"
	" at INTEGER NOT NULL, tbl TEXT NOT NULL, op TEXT NOT NULL, why TEXT NOT NULL,"
	" local TEXT NOT NULL DEFAULT '', incoming TEXT NOT NULL DEFAULT '',"
	" resolved INTEGER NOT NULL DEFAULT 0);";

/*
 * Trust between sites (site-key.c, sync-file.c, audit-head.c), all local to this
 * machine and never synced: this site's Ed25519 key pair (one row; the secret
 * key lives in the database so that a backup restores a site that can still
 * sign), the public keys of the sites paired with this one, and the signed
 * heads (entry count, last hash) of the audit chains: this site's own, kept
 * current by wg_audit, and each paired sender's, as its last sync file brought it.
 */
static const char migration_6[] =
	"CREATE TABLE site_key (id INTEGER PRIMARY KEY CHECK (id = 1),"
	" public_key BLOB NOT NULL, secret_key BLOB NOT NULL, created_at INTEGER NOT NULL);"
	"CREATE TABLE peer_keys (site_no INTEGER PRIMARY KEY, public_key BLOB NOT NULL,"
	" paired_at INTEGER NOT NULL, paired_by INTEGER);"
	"CREATE TABLE audit_anchors (site_no INTEGER PRIMARY KEY, count INTEGER NOT NULL,"
	" last_hash TEXT NOT NULL, signature BLOB NOT NULL, received_at INTEGER NOT NULL);";

/*
 * Logins (login.c): wrong passwords in a row and the lock they earned, per account.  Kept on
 * this machine only (sync.c leaves the table out), so a lock never travels to another site;
 * keyed by the account, which is unique everywhere, so it needs no row key of its own.
 */
static const char migration_7[] =
	"CREATE TABLE login_failures (user_id INTEGER PRIMARY KEY, failures INTEGER NOT NULL,"
	" last_at INTEGER NOT NULL, locked_until INTEGER NOT NULL DEFAULT 0);";

/*
 * Reading the audit log (audit-list.c): all of it by time, or one record's entries.  The
 * log now holds an entry per change to personal data (audit-record.c), so neither may scan
 * it whole.
 */
static const char migration_8[] =
	"CREATE INDEX audit_log_at ON audit_log(at);"
	"CREATE INDEX audit_log_record ON audit_log(tbl, row_id);";

/*
 * Maintained counts (tally.c): what the overview, the grid tree and the queues show, kept by
 * triggers in the same transaction as every change to a case or a resident, so that no first
 * frame counts a whole table.  Local to this machine (sync leaves the table out): every site
 * counts its own rows, and the triggers fire for rows a sync brings too.  'wangge check'
 * counts again and puts right what differs.  A case counts under its state; an open one under
 * its cell and its category; a closed one without a rating in the feedback queue; an active
 * resident under the cell, and again under care.cell if a key-care tag is on it.  NULL cell
 * or category counts under key 0.
 */
#define OPEN_STATE(r) r "." WG_TALLY_OPEN
#define TASK_TALLY(r, sign)                                                                      \
	"INSERT INTO tallies (kind, key, n) SELECT k, v, " sign " FROM ("                           \
	"SELECT 'state' AS k, " r ".state AS v, 1 AS yes"                                           \
	" UNION ALL SELECT 'open.cell', coalesce(" r ".cell_id, 0), " OPEN_STATE(r)                \
	" UNION ALL SELECT 'open.cat', coalesce(" r ".category_id, 0), " OPEN_STATE(r)             \
	" UNION ALL SELECT 'feedback', 0, " r ".state = 'closed' AND " r ".rating IS NULL"         \
	" UNION ALL SELECT 'due.run', " r ".deadline_at / 86400, " r ".state IN " WG_CLOCK_STATES   \
	"  AND " r ".deadline_at IS NOT NULL"                                                       \
	" UNION ALL SELECT 'due.intake', " r ".step_deadline_at / 86400, " r ".state = 'reported'" \
	"  AND " r ".step_deadline_at IS NOT NULL)"                                                 \
	" WHERE yes ON CONFLICT (kind, key) DO UPDATE SET n = n + excluded.n;"
#define RESIDENT_TALLY(r, sign)                                                                  \
	"INSERT INTO tallies (kind, key, n) SELECT 'res.cell', coalesce(" r ".cell_id, 0), " sign   \
	" WHERE " r ".active = 1 ON CONFLICT (kind, key) DO UPDATE SET n = n + excluded.n;"
#define CARE_TAG(rt) "(SELECT key_care FROM tags WHERE id = " rt ".tag_id) = 1"
#define CARE_COUNT(rt)                                                                            \
	"(SELECT count(*) FROM resident_tags x JOIN tags t ON t.id = x.tag_id"                     \
	" WHERE x.resident_id = " rt ".resident_id AND t.key_care = 1)"
#define CARE_TALLY(rt, sign)                                                                      \
	"INSERT INTO tallies (kind, key, n) SELECT 'care.cell', coalesce(r.cell_id, 0), " sign       \
	" FROM residents r WHERE r.id = " rt ".resident_id AND r.active = 1"                        \
	" ON CONFLICT (kind, key) DO UPDATE SET n = n + excluded.n;"
#define HAS_CARE(r)                                                                               \
	"EXISTS (SELECT 1 FROM resident_tags x JOIN tags t ON t.id = x.tag_id"                     \
	" WHERE x.resident_id = " r ".id AND t.key_care = 1)"
#define CARE_MOVE(r, sign)                                                                        \
	"INSERT INTO tallies (kind, key, n) SELECT 'care.cell', coalesce(" r ".cell_id, 0), " sign  \
	" WHERE " r ".active = 1 ON CONFLICT (kind, key) DO UPDATE SET n = n + excluded.n;"
#define CARE_RECOUNT                                                                              \
	"DELETE FROM tallies WHERE kind = 'care.cell';"                                            \
	" INSERT INTO tallies (kind, key, n) " WG_TALLY_CARE ";"
static const char migration_9[] =
	"CREATE TABLE tallies (kind TEXT NOT NULL, key NOT NULL, n INTEGER NOT NULL,"
	" PRIMARY KEY (kind, key)) WITHOUT ROWID;"
	"CREATE TRIGGER tasks_tally_insert AFTER INSERT ON tasks BEGIN " TASK_TALLY("NEW", "1") " END;"
	"CREATE TRIGGER tasks_tally_delete AFTER DELETE ON tasks BEGIN " TASK_TALLY("OLD", "-1") " END;"
	"CREATE TRIGGER tasks_tally_update AFTER UPDATE OF state, cell_id, category_id, rating ON tasks"
	" WHEN OLD.state IS NOT NEW.state OR OLD.cell_id IS NOT NEW.cell_id"
	" OR OLD.category_id IS NOT NEW.category_id OR OLD.rating IS NOT NEW.rating"
	" BEGIN " TASK_TALLY("OLD", "-1") TASK_TALLY("NEW", "1") " END;"
	"CREATE TRIGGER residents_tally_insert AFTER INSERT ON residents BEGIN "
	RESIDENT_TALLY("NEW", "1") " END;"
	"CREATE TRIGGER residents_tally_delete AFTER DELETE ON residents BEGIN "
	RESIDENT_TALLY("OLD", "-1") " END;"
	"CREATE TRIGGER residents_tally_update AFTER UPDATE OF active, cell_id ON residents"
	" WHEN OLD.active IS NOT NEW.active OR OLD.cell_id IS NOT NEW.cell_id"
	" BEGIN " RESIDENT_TALLY("OLD", "-1") RESIDENT_TALLY("NEW", "1") " END;"
	/* key care: a resident counts once, however many key-care tags; a deleted resident is
	 * taken off before its tags go (BEFORE: the cascade then finds no resident) */
	"CREATE TRIGGER resident_tags_care_insert AFTER INSERT ON resident_tags"
	" WHEN " CARE_TAG("NEW") " AND " CARE_COUNT("NEW") " = 1 BEGIN " CARE_TALLY("NEW", "1") " END;"
	"CREATE TRIGGER resident_tags_care_delete AFTER DELETE ON resident_tags"
	" WHEN " CARE_TAG("OLD") " AND " CARE_COUNT("OLD") " = 0 BEGIN " CARE_TALLY("OLD", "-1") " END;"
	"CREATE TRIGGER residents_care_update AFTER UPDATE OF active, cell_id ON residents"
	" WHEN (OLD.active IS NOT NEW.active OR OLD.cell_id IS NOT NEW.cell_id) AND " HAS_CARE("NEW")
	" BEGIN " CARE_MOVE("OLD", "-1") CARE_MOVE("NEW", "1") " END;"
	"CREATE TRIGGER residents_care_delete BEFORE DELETE ON residents WHEN " HAS_CARE("OLD")
	" BEGIN " CARE_MOVE("OLD", "-1") " END;"
	/* rows may come in any order (a sync applies a file table by table): whichever of
	 * resident, tag and link comes last counts the resident */
	"CREATE TRIGGER residents_care_insert AFTER INSERT ON residents WHEN " HAS_CARE("NEW")
	" BEGIN " CARE_MOVE("NEW", "1") " END;"
	"CREATE TRIGGER tags_care_update AFTER UPDATE OF key_care ON tags"
	" WHEN OLD.key_care IS NOT NEW.key_care BEGIN " CARE_RECOUNT " END;"
	"CREATE TRIGGER tags_care_insert AFTER INSERT ON tags WHEN NEW.key_care = 1"
	" AND EXISTS (SELECT 1 FROM resident_tags WHERE tag_id = NEW.id) BEGIN " CARE_RECOUNT " END;"
	"CREATE TRIGGER tags_care_delete AFTER DELETE ON tags WHEN OLD.key_care = 1"
	" BEGIN " CARE_RECOUNT " END;"
	"INSERT INTO tallies (kind, key, n) " WG_TALLY_COUNTED ";";

/*
 * The open cases by deadline carry their state, category and step deadline too, so that
 * counting the overdue and due-today cases (whose clock runs only in some states; a reported
 * case's is its intake limit), and the overdue ones per category, reads the index alone: a
 * cold start looked up each open case's row, 1.3 s on a file with 50k open cases.
 */
static const char migration_10[] =
	"DROP INDEX tasks_open_deadline;"
	"CREATE INDEX tasks_open_deadline ON tasks(deadline_at, state, category_id, step_deadline_at)"
	" WHERE " WG_TALLY_OPEN ";"
	/* and the moves by kind carry their case: the report's "suspended at the month's end"
	 * reads the suspend and resume moves from the index alone */
	"DROP INDEX task_events_action;"
	"CREATE INDEX task_events_action ON task_events(action, at, task_id);";


/*
 * Sync that converges (sync-record.c, sync-merge.c, sync-pack.c): every shared row's columns
 * carry the version that last wrote them, the origin site's transaction number and its
 * hybrid clock ('*' is the whole row as inserted, '-' a deletion that stays; tasks' flow
 * columns share one version, 'flow'); each transaction keeps the version vector its site had,
 * which tells concurrent writes from later ones; the vector of this site (what it holds of
 * each origin) and each peer's, as its last file said; rows merged because two sites made
 * the same name (the larger key becomes the smaller).  The changeset log goes: files of
 * format 2 are refused.  A conflict remembers its record, its columns and both values as
 * JSON, and the losing version, so that a file taken twice lists it once.
 */
static const char migration_11[] =
	"DROP TABLE sync_log;"
	"DELETE FROM sync_state;"
	"CREATE TABLE sync_cols (tbl TEXT NOT NULL, rid INTEGER NOT NULL, col TEXT NOT NULL,"
	" origin INTEGER NOT NULL, seq INTEGER NOT NULL, hlc INTEGER NOT NULL,"
	" PRIMARY KEY (tbl, rid, col)) WITHOUT ROWID;"
	"CREATE INDEX sync_cols_version ON sync_cols(origin, seq);"
	"CREATE TABLE sync_txns (origin INTEGER NOT NULL, seq INTEGER NOT NULL, hlc INTEGER NOT NULL,"
	" known TEXT NOT NULL DEFAULT '', PRIMARY KEY (origin, seq)) WITHOUT ROWID;"
	"CREATE TABLE sync_vv (origin INTEGER PRIMARY KEY, seq INTEGER NOT NULL,"
	" hlc INTEGER NOT NULL DEFAULT 0);"
	"CREATE TABLE sync_acks (peer INTEGER NOT NULL, origin INTEGER NOT NULL,"
	" seq INTEGER NOT NULL, PRIMARY KEY (peer, origin)) WITHOUT ROWID;"
	"CREATE TABLE sync_aliases (tbl TEXT NOT NULL, from_id INTEGER NOT NULL,"
	" to_id INTEGER NOT NULL, origin INTEGER NOT NULL, seq INTEGER NOT NULL,"
	" PRIMARY KEY (tbl, from_id)) WITHOUT ROWID;"
	"ALTER TABLE sync_conflicts ADD COLUMN row_id INTEGER;"
	"ALTER TABLE sync_conflicts ADD COLUMN local_json TEXT;"
	"ALTER TABLE sync_conflicts ADD COLUMN incoming_json TEXT;"
	"ALTER TABLE sync_conflicts ADD COLUMN once TEXT;"
	"CREATE UNIQUE INDEX sync_conflicts_once ON sync_conflicts(once) WHERE once IS NOT NULL;";

/*
 * The organizations register (forces-org-io.c): the sectors an organization serves (sector
 * codes joined by ';'), and whether it is still active.
 */
static const char migration_12[] =
	"ALTER TABLE social_orgs ADD COLUMN domains TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE social_orgs ADD COLUMN status TEXT NOT NULL DEFAULT 'active'"
	" CHECK (status IN ('active','inactive'));";

/* Service projects (forces-project-io.c): what the purchaser expects, to measure progress by. */
static const char migration_13[] =
	"ALTER TABLE service_projects ADD COLUMN target_hours INTEGER;"
	"ALTER TABLE service_projects ADD COLUMN target_people INTEGER;"
	"ALTER TABLE service_projects ADD COLUMN target_cases INTEGER;";

/*
 * Joint conferences as records (conference.c): who convened, who took part (picked from the
 * registers), and per case what was decided; notices to the parties with each recipient's
 * acknowledgement (notice.c); volunteer service certificates kept under their numbers
 * (volunteer-certificate.c).
 */
static const char migration_14[] =
	"ALTER TABLE conferences ADD COLUMN convener TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE conferences ADD COLUMN place TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE conference_tasks ADD COLUMN decision TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE conference_tasks ADD COLUMN decided_at INTEGER;"
	"ALTER TABLE conference_tasks ADD COLUMN follow_up_id INTEGER REFERENCES tasks(id);"
	"CREATE TABLE conference_parties (id INTEGER PRIMARY KEY,"
	" conference_id INTEGER NOT NULL REFERENCES conferences(id) ON DELETE CASCADE,"
	" kind TEXT NOT NULL, ref_id INTEGER, name TEXT NOT NULL, " STAMP ","
	" UNIQUE (conference_id, kind, name));"
	"ALTER TABLE notices ADD COLUMN task_id INTEGER REFERENCES tasks(id);"
	"ALTER TABLE notices ADD COLUMN project_id INTEGER REFERENCES service_projects(id);"
	"ALTER TABLE notices ADD COLUMN due_at INTEGER;"
	"CREATE TABLE notice_recipients (id INTEGER PRIMARY KEY,"
	" notice_id INTEGER NOT NULL REFERENCES notices(id) ON DELETE CASCADE,"
	" kind TEXT NOT NULL, ref_id INTEGER, name TEXT NOT NULL, read_at INTEGER,"
	" acked_at INTEGER, acked_by INTEGER REFERENCES users(id),"
	" ack_note TEXT NOT NULL DEFAULT '', " STAMP ","
	" UNIQUE (notice_id, kind, name));"
	"CREATE INDEX notice_recipients_open ON notice_recipients(acked_at, notice_id);"
	"CREATE TABLE certificates (id INTEGER PRIMARY KEY, number TEXT NOT NULL UNIQUE,"
	" volunteer_id INTEGER NOT NULL REFERENCES volunteers(id), date_from TEXT NOT NULL,"
	" date_to TEXT NOT NULL, minutes INTEGER NOT NULL, content TEXT NOT NULL DEFAULT '',"
	" issued_at INTEGER NOT NULL, " STAMP ");"
	"CREATE INDEX certificates_volunteer ON certificates(volunteer_id, date_from, date_to);";

/*
 * The deadlines by day (tally-priv.h, WG_TALLY_DUE): the overdue count reads whole days from
 * tallies and only today's cases from the index, so that a start on a file with a hundred
 * thousand open cases does not read them (a cold start read the deadline index's leaves).  The
 * cases' triggers count deadlines too, and follow a deadline that moves.  And two small
 * indexes: reported cases by intake limit, closed cases by handler and closing time.
 */
static const char migration_15[] =
	"DROP TRIGGER tasks_tally_insert; DROP TRIGGER tasks_tally_delete;"
	"DROP TRIGGER tasks_tally_update;"
	"CREATE TRIGGER tasks_tally_insert AFTER INSERT ON tasks BEGIN " TASK_TALLY("NEW", "1") " END;"
	"CREATE TRIGGER tasks_tally_delete AFTER DELETE ON tasks BEGIN " TASK_TALLY("OLD", "-1") " END;"
	"CREATE TRIGGER tasks_tally_update AFTER UPDATE OF state, cell_id, category_id, rating,"
	" deadline_at, step_deadline_at ON tasks"
	" WHEN OLD.state IS NOT NEW.state OR OLD.cell_id IS NOT NEW.cell_id"
	" OR OLD.category_id IS NOT NEW.category_id OR OLD.rating IS NOT NEW.rating"
	" OR OLD.deadline_at IS NOT NEW.deadline_at OR OLD.step_deadline_at IS NOT NEW.step_deadline_at"
	" BEGIN " TASK_TALLY("OLD", "-1") TASK_TALLY("NEW", "1") " END;"
	"DELETE FROM tallies WHERE kind IN ('due.run', 'due.intake');"
	"INSERT INTO tallies (kind, key, n) " WG_TALLY_DUE ";"
	/* today's reported cases past their intake limit, from a small index, not their rows */
	"CREATE INDEX tasks_intake ON tasks(step_deadline_at) WHERE state = 'reported';"
	/* a handler's latest closings for the dispatch suggestions' record, from the index alone
	 * (each of a few hundred candidates read twenty case rows) */
	"CREATE INDEX tasks_handler_closed ON tasks(handler_kind, handler_id, closed_at, deadline_at)"
	" WHERE state = 'closed';";

/*
 * Site identity (site.c, sync-file.c): a random 128-bit id made when the file is made (or
 * now, for a file from before), told apart from the site number, which is only a short local
 * alias that row keys carry; the id each paired site's files carry, pinned by its first file;
 * and, at a street office, the register of the numbers it has given out (local, never synced).
 */
static const char migration_16[] =
	"INSERT OR IGNORE INTO meta(key, value) VALUES ('site_uid', lower(hex(randomblob(16))));"
	"ALTER TABLE peer_keys ADD COLUMN site_uid TEXT;"
	"CREATE TABLE site_register (site_no INTEGER PRIMARY KEY,"
	" kind TEXT NOT NULL CHECK (kind IN ('community','laptop','street')),"
	" code TEXT NOT NULL DEFAULT '', name TEXT NOT NULL DEFAULT '',"
	" registered_at INTEGER NOT NULL, registered_by INTEGER);";

/*
 * A save's column versions wait in its own row of sync_txns ("table rid key" lines) until a
 * sync, a pg push or a save that deletes writes them into sync_cols (sync-record.c): one row
 * per save instead of three entries of two indexes.
 */
static const char migration_17[] = "ALTER TABLE sync_txns ADD COLUMN pending TEXT;";

/*
 * Seals (sync-seal.c): each sync file taken here, by the site that signed its records' digest
 * (its database id, its vector then, how many records, the digest, the signature, the key it
 * signed with), and each
 * record it carried in file order, with the hash of each of its columns (once a later file
 * sealed the record again, only the hash of the record, for the older file's signature); held
 * is 0 for a record the rules set aside.  A database before this one has no seals: its
 * records are sealed as the next files bring them.
 */
static const char migration_18[] =
	"CREATE TABLE sync_seal_files (id INTEGER PRIMARY KEY, site INTEGER NOT NULL, uid TEXT NOT NULL,"
	" vv TEXT NOT NULL, n INTEGER NOT NULL, digest BLOB NOT NULL, sig BLOB NOT NULL, at INTEGER NOT NULL,"
	" pk BLOB);"
	"CREATE TABLE sync_seal_rows (file INTEGER NOT NULL, ord INTEGER NOT NULL, tbl TEXT NOT NULL,"
	" rid INTEGER NOT NULL, cols BLOB, hash BLOB, held INTEGER NOT NULL DEFAULT 1,"
	" PRIMARY KEY (file, ord)) WITHOUT ROWID;"
	"CREATE INDEX sync_seal_rows_record ON sync_seal_rows(tbl, rid, file);";

const struct wg_migration wg_migrations[] = {
	{ 1, N_("initial schema"), migration_1 },
	{ 2, N_("task deadline warnings and queue indexes"), migration_2 },
	{ 3, N_("resident search index, builtin tags"), migration_3 },
	{ 4, N_("indexes for the monthly report"), migration_4 },
	{ 5, N_("offline sync log"), migration_5 },
	{ 6, N_("site keys, paired sites and signed audit heads"), migration_6 },
	{ 7, N_("wrong passwords and account locks"), migration_7 },
	{ 8, N_("audit log indexes"), migration_8 },
	{ 9, N_("maintained counts for the overview, the grid tree and the queues"), migration_9 },
	{ 10, N_("indexes that answer the overview's and the report's counts alone"), migration_10 },
	{ 11, N_("sync by column versions, version vectors and merged names"), migration_11 },
	{ 12, N_("the sectors and status of organizations"), migration_12 },
	{ 13, N_("the targets of service projects"), migration_13 },
	{ 14, N_("conference parties and decisions, notice recipients, service certificates"),
	  migration_14 },
	{ 15, N_("deadlines counted by day, for the overdue count"), migration_15 },
	{ 16, N_("site identities and the register of site numbers"), migration_16 },
	{ 17, N_("the versions of a save kept with it until a sync reads them"), migration_17 },
	{ 18, N_("the seals of the records sync files brought"), migration_18 },
};

const int wg_migration_count = sizeof wg_migrations / sizeof wg_migrations[0];
