/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Volunteers: import and export, the list, the hours ledger and star levels; shifts and their rosters. */
#ifndef WANGGE_VOLUNTEER_H
#define WANGGE_VOLUNTEER_H

#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include <wangge/cell.h>
#include <wangge/core.h>
#include <wangge/csv.h>
#include <wangge/problems.h>
#include <wangge/text.h>
#include <wangge/validate.h>

/* ---- Star levels ---- */

/* The star level (0-5) for service hours: by default 100, 300, 600, 1000 and 1500 hours make
 * one to five stars, as the national volunteer service record rules count them; regions that
 * count otherwise set [volunteers] star_hours.  ctx may be NULL: the national ones. */
int wg_star_level(const struct wg_ctx *ctx, long minutes);
/* Minutes still needed for the next star, 0 at five stars. */
long wg_star_next(const struct wg_ctx *ctx, long minutes);
struct wg_config;
/* Takes [volunteers] star_hours from the configuration. */
int wg_volunteers_configure(struct wg_ctx *ctx, const struct wg_config *cfg);

/* ---- Volunteers ---- */

struct wg_volunteer {
	int64_t id;
	char vol_no[24];
	char name[WG_UTF8_SIZE(32)];
	char phone[WG_PHONE_SIZE + 4];    /* masked unless unmasked */
	char id_number[24];               /* masked unless unmasked */
	char cell_code[40], cell_name[WG_UTF8_SIZE(64)];
	char team[WG_UTF8_SIZE(64)];      /* teams joined by "、" */
	char skills[WG_UTF8_SIZE(200)];   /* skills joined by "、" */
	long minutes;                     /* service time in the ledger */
	int active;
};

/* Finds a volunteer by key, volunteer number (V0001) or ID number; masked. */
int wg_volunteer_find(struct wg_ctx *ctx, const char *ref, struct wg_volunteer *out);

/* Every active volunteer by number, in area (a cell's key: a community's takes the cells below
 * it; 0 everywhere); each gets a masked record. */
int wg_volunteer_each(struct wg_ctx *ctx, int64_t area, int (*each)(void *arg, const struct wg_volunteer *v),
		      void *arg);

/* One line of the hours ledger. */
struct wg_hours_line {
	char date[WG_DATE_SIZE];
	long minutes;
	char kind[8];                     /* shift, task or adjust */
	char what[WG_UTF8_SIZE(120)];     /* the shift's post and cell, or the note */
};
int wg_volunteer_hours(struct wg_ctx *ctx, int64_t volunteer_id,
		       int (*each)(void *arg, const struct wg_hours_line *l), void *arg);

/*
 * Reads volunteers (name, phone, id_number, skills, team, cell_code; Chinese
 * headers 志愿者姓名 or 姓名, 联系电话, 身份证号, 技能, 队伍, 网格编码), checks every
 * row first and writes all or nothing, like the resident import.  Names are
 * required; phones and ID numbers are checked (an ID number also names the
 * resident the volunteer is, when one is registered); an ID number already
 * held by a volunteer is refused naming them; missing skills and teams are
 * created.  Each new volunteer gets the number V0001, V0002 ... (V2-0001 on
 * site 2).  Clerks and administrators.
 */
struct wg_volunteer_import_result {
	int rows, skills_added, teams_added;
	enum wg_encoding encoding;
};
int wg_volunteer_import_file(struct wg_ctx *ctx, const char *path, enum wg_encoding enc,
			     struct wg_problems *probs, struct wg_volunteer_import_result *res);
int wg_volunteer_import_mem(struct wg_ctx *ctx, const char *name, const void *data, size_t len,
			    enum wg_encoding enc, struct wg_problems *probs,
			    struct wg_volunteer_import_result *res);

/* The fields of one volunteer as a form gives them, in the import's column order. */
enum wg_volunteer_field { WG_VF_NAME, WG_VF_PHONE, WG_VF_ID, WG_VF_SKILLS, WG_VF_TEAM, WG_VF_CELL,
			  WG_VF_AVAIL, WG_VF_COUNT };
/*
 * Saves one volunteer typed in a form through the import's checks and writer: new (*id 0; it
 * gets its number and *id its key) or the one with key *id (its skills as listed, a team
 * named joined, its availability replaced).  A phone or ID number left masked keeps the
 * stored one; a skill not in the list is refused (wg_skill_add makes one).  On a problem:
 * WG_EINVAL, its reason, *bad its field.  Audited (volunteers.save).
 */
int wg_volunteer_save(struct wg_ctx *ctx, int64_t *id, const char *const v[WG_VF_COUNT],
		      enum wg_volunteer_field *bad);
/* The committee's skills by name. */
int wg_skill_each(struct wg_ctx *ctx, int (*each)(void *arg, const char *name), void *arg);
/* 1 with the first name in text ("助老；新技能") that is no skill yet copied to name, else 0. */
int wg_skill_unknown(struct wg_ctx *ctx, const char *text, char *name, size_t namesz);
/* Adds a skill to the list (clerks and administrators; audited); one already there is kept. */
int wg_skill_add(struct wg_ctx *ctx, const char *name);

/* The import layout plus vol_no, hours and stars; masked unless unmasked (administrators).
 * Audited. */
int wg_volunteer_export(struct wg_ctx *ctx, FILE *out, int unmasked, long *rows);

/* ---- Weekly availability (volunteer-availability.c) ---- */

/* Days × slots: days[0] is Monday; bit s of a day is slot s (0 上午 08-12, 1 下午 12-18,
 * 2 晚上 18-22). */
#define WG_SLOTS 3
struct wg_availability {
	unsigned char days[7];
};
/* A slot's minutes of the day; -1 for no such slot. */
int wg_slot_minutes(int slot, int *start, int *end);
/* "morning" / 上午. */
const char *wg_slot_label(int slot);
/*
 * Reads availability as registers write it: items separated by ; ； , ， or 、, each a day
 * (周一, 星期一, 一, Mon, 1; 工作日, 周末, 每天) then slots (上午, 下午, 晚上, 全天, 白天; a day
 * alone is the whole day): "周一上午；周三全天；周末下午".  NULL, or why not (naming the item).
 */
const char *wg_availability_parse(const char *text, struct wg_availability *out);
/* As text that wg_availability_parse reads back: "周一上午；周三全天" ("" for none). */
void wg_availability_format(const struct wg_availability *a, char *out, size_t outsz);
/* The stored availability (a stored range counts for each slot it overlaps). */
int wg_availability_get(struct wg_ctx *ctx, int64_t volunteer_id, struct wg_availability *out);
/* Replaces it (clerks and administrators; audited). */
int wg_availability_set(struct wg_ctx *ctx, int64_t volunteer_id, const struct wg_availability *a);
/* The same inside the caller's transaction, unchecked (an import's rows). */
int wg_availability_write(struct wg_ctx *ctx, int64_t volunteer_id, const struct wg_availability *a);

/* ---- Shifts ---- */

struct wg_shift_new {
	const char *post;
	const char *cell_code;   /* may be NULL */
	time_t start, end;
	int need;                /* volunteers wanted, at least 1 */
	const char *skill;       /* may be NULL */
	int64_t project_id;      /* the service project it serves (its hours count there), or 0 */
};
/* A shift's start and end from a day (as wg_parse_date reads it) and two times of day
 * (HH:MM), as a form takes them; an end not after the start is on the next day (a night
 * shift).  NULL when good, else a translated reason, and *bad says which value: 0 the day,
 * 1 the start, 2 the end. */
const char *wg_shift_times(const char *date, const char *start, const char *end, time_t *from,
			   time_t *to, int *bad);

/* Plans a shift; clerks and administrators. */
int wg_shift_add(struct wg_ctx *ctx, const struct wg_shift_new *in, int64_t *id);
/* A time from a paper sign-in sheet: HH:MM on the shift's day (the next day when that would
 * not be after `after`, as past midnight on an overnight shift), or YYYY-MM-DD HH:MM.  NULL,
 * or why the text is not a time. */
const char *wg_shift_clock(time_t shift_start, time_t after, const char *text, time_t *out);
/* Whether the acting user may plan shifts (WG_EPERM, saying why, if not). */
int wg_shift_may_plan(struct wg_ctx *ctx);

/*
 * Puts a volunteer on a shift.  Refused outright: an inactive volunteer, one
 * already on the shift or on another shift at the same time.  Refused unless
 * confirmed, with *confirmable set (WG_EINVAL, the reason in the message): a
 * full shift, a volunteer without the shift's skill, or one outside their
 * stated availability.  Clerks and administrators.
 */
int wg_shift_assign(struct wg_ctx *ctx, int64_t shift_id, int64_t volunteer_id, int confirmed,
		    int *confirmable);

/* Check-in and check-out (at: the time, 0 for now).  Check-out writes the minutes between
 * them to the hours ledger, dated the shift's day. */
int wg_shift_checkin(struct wg_ctx *ctx, int64_t shift_id, int64_t volunteer_id, time_t at);
int wg_shift_checkout(struct wg_ctx *ctx, int64_t shift_id, int64_t volunteer_id, time_t at,
		      long *minutes);

struct wg_shift {
	int64_t id;
	char post[WG_UTF8_SIZE(64)];
	char cell_code[40], cell_name[WG_UTF8_SIZE(64)];
	time_t start, end;
	int need, assigned;
	char skill[WG_UTF8_SIZE(32)];
	char volunteers[WG_UTF8_SIZE(200)]; /* names, "、"; ✓ after a check-in, ✓✓ after check-out */
};
/* Who is on a shift, with their check-in and check-out (0 when not yet), by name. */
struct wg_roster_entry {
	int64_t volunteer_id;
	char vol_no[24];
	char name[WG_UTF8_SIZE(32)];
	time_t checkin, checkout;
};
int wg_shift_roster(struct wg_ctx *ctx, int64_t shift_id,
		    int (*each)(void *arg, const struct wg_roster_entry *e), void *arg);

/* A volunteer who could take a shift, for the assignment picker. */
struct wg_shift_candidate {
	int64_t id;
	char vol_no[32], name[128];
	int match;          /* how well the query names them; higher first */
	int skill_wanted;   /* the shift asks for a skill */
	int has_skill;      /* and they have it */
	int available;      /* their availability covers the shift's start */
	long week_minutes;  /* served in the shift's week (Monday to Sunday) */
};
/* Active volunteers not yet on the shift whose name, number or pinyin (full or initials, e.g.
 * zyzj) matches query ("" for all), best first: the query's match, the shift's skill,
 * availability, then the fewest minutes served that week.  At most max in out. */
int wg_shift_candidates(struct wg_ctx *ctx, int64_t shift_id, const char *query,
			struct wg_shift_candidate *out, int max, int *n);

/* Shifts starting from the day from up to and including the day to ("" for open ends),
 * by start time; in area (a cell's key: a community, and the cells below it) or, 0, anywhere. */
int wg_shift_each(struct wg_ctx *ctx, const char *from, const char *to, int64_t area,
		  int (*each)(void *arg, const struct wg_shift *s), void *arg);

/* ---- The service certificate (志愿服务记录证明, volunteer-certificate.c) ---- */

#define WG_CERT_LINES 12

struct wg_certificate {
	struct wg_volunteer volunteer;    /* masked */
	char number[40];                  /* ZM<year>-<site>-<n>: kept, printed again the same */
	char from[WG_DATE_SIZE], to[WG_DATE_SIZE];
	char committee[WG_UTF8_SIZE(64)];
	int64_t minutes;                  /* the period's service time as issued */
	time_t issued_at;
	int reprint;                      /* 1: issued before, this is the same certificate */
	struct {
		char what[WG_UTF8_SIZE(40)]; /* the service content: the shift's post or the note */
		int64_t minutes;
	} lines[WG_CERT_LINES];
	int nlines;
};

/*
 * The certificate of a volunteer (key, V0001 or ID number) for a period (NULL: from the first
 * entry, up to today); the first time it is numbered and kept, later the same one is given
 * back with its number and hours as issued.  A certificate number (ZM...) as ref gives that
 * certificate back, so that a printed one can be checked.  Clerks and above.
 */
int wg_volunteer_certificate(struct wg_ctx *ctx, const char *ref, const char *from, const char *to,
			     struct wg_certificate *c);
/* Plain UTF-8 text laid out for an A4 page. */
int wg_certificate_print(FILE *out, const struct wg_certificate *c);

#endif
