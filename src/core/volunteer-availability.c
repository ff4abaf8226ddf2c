/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* A volunteer's weekly availability: days × the three time slots registers use (上午, 下午,
 * 晚上), read from and written as text ("周一上午；周三全天"), kept as time ranges. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <wangge/audit.h>
#include <wangge/i18n.h>
#include <wangge/store.h>
#include <wangge/volunteer.h>
#include "record-priv.h"

/* The slots as minutes of the day; a stored range counts for every slot it overlaps. */
static const struct {
	const char *zh, *en;
	int start, end;
} slots[WG_SLOTS] = {
	{ "上午", "morning", 8 * 60, 12 * 60 },
	{ "下午", "afternoon", 12 * 60, 18 * 60 },
	{ "晚上", "evening", 18 * 60, 22 * 60 },
};

static const char *const day_zh[7] = { "一", "二", "三", "四", "五", "六", "日" };
static const char *const day_en[7] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };

int wg_slot_minutes(int slot, int *start, int *end)
{
	if (slot < 0 || slot >= WG_SLOTS)
		return -1;
	*start = slots[slot].start;
	*end = slots[slot].end;
	return 0;
}

const char *wg_slot_label(int slot)
{
	static const char *const labels[WG_SLOTS] = { N_("morning"), N_("afternoon"), N_("evening") };
	return slot >= 0 && slot < WG_SLOTS ? _(labels[slot]) : "";
}

/* Days a word names as a bit set (bit 0 Monday), advancing *p past it; 0 when none. */
static unsigned read_days(const char **p)
{
	static const struct {
		const char *word;
		unsigned days;
	} groups[] = { { "工作日", 0x1f }, { "周末", 0x60 }, { "每天", 0x7f }, { "天天", 0x7f },
		       { "weekdays", 0x1f }, { "weekend", 0x60 }, { "daily", 0x7f } };
	const char *s = *p;
	for (size_t i = 0; i < sizeof groups / sizeof groups[0]; i++)
		if (strncasecmp(s, groups[i].word, strlen(groups[i].word)) == 0)
			return *p = s + strlen(groups[i].word), groups[i].days;
	if (strncmp(s, "星期", 6) == 0 || strncmp(s, "礼拜", 6) == 0)
		s += 6;
	else if (strncmp(s, "周", 3) == 0)
		s += 3;
	for (int d = 0; d < 7; d++) {
		if (strncmp(s, day_zh[d], strlen(day_zh[d])) == 0)
			return *p = s + strlen(day_zh[d]), 1u << d;
		if (strncasecmp(s, day_en[d], 3) == 0) {
			s += 3;
			while ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'))
				s++; /* Monday, Mon */
			return *p = s, 1u << d;
		}
		if (*s == '1' + d && (s[1] < '0' || s[1] > '9'))
			return *p = s + 1, 1u << d;
	}
	if (strncmp(s, "天", 3) == 0 && s != *p) /* 星期天 */
		return *p = s + 3, 0x40;
	return 0;
}

/* The slots a word names as a bit set, advancing *p past it; 0 when none. */
static unsigned read_slots(const char **p)
{
	static const struct {
		const char *word;
		unsigned slots;
	} words[] = { { "全天", 7 }, { "整天", 7 }, { "白天", 3 }, { "上午", 1 }, { "下午", 2 },
		      { "晚上", 4 }, { "晚间", 4 }, { "all day", 7 }, { "morning", 1 },
		      { "afternoon", 2 }, { "evening", 4 } };
	const char *s = *p;
	while (*s == ' ')
		s++;
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strncasecmp(s, words[i].word, strlen(words[i].word)) == 0)
			return *p = s + strlen(words[i].word), words[i].slots;
	return 0;
}

/* One item, such as 周一上午, 周三全天, 周末, Mon morning afternoon; items written with only
 * blanks between them ("工作日晚上 周日") are read one after another. */
static const char *read_item(const char *item, struct wg_availability *a, char *why, size_t whysz)
{
	const char *p = item;
	while (*p) {
		unsigned days = read_days(&p), got = 0, s;
		if (!days) {
			snprintf(why, whysz, p == item ? _("'%s' does not start with a day; write items such "
							   "as 周一上午, 周三全天 or 周末下午")
						       : _("'%s': after the day comes 上午, 下午, 晚上 or 全天"),
				 item);
			return why;
		}
		while ((s = read_slots(&p)))
			got |= s;
		for (int d = 0; d < 7; d++)
			if (days & (1u << d))
				a->days[d] |= (unsigned char)(got ? got : 7); /* a day alone: all of it */
		while (*p == ' ')
			p++;
	}
	return NULL;
}

const char *wg_availability_parse(const char *text, struct wg_availability *out)
{
	static char why[256];
	char buf[1024], *save = NULL;
	memset(out, 0, sizeof *out);
	snprintf(buf, sizeof buf, "%s", text ? text : "");
	/* items are separated as registers separate them: ; ； , ， 、 or a line */
	for (char *p = buf; *p; p++)
		if (*p == ';' || *p == ',' || *p == '\n')
			*p = '\x1f';
	static const char *const wide[] = { "；", "，", "、" };
	for (size_t i = 0; i < sizeof wide / sizeof wide[0]; i++)
		for (char *q; (q = strstr(buf, wide[i]));)
			memcpy(q, "\x1f\x1f\x1f", 3);
	for (char *item = strtok_r(buf, "\x1f", &save); item; item = strtok_r(NULL, "\x1f", &save)) {
		while (*item == ' ')
			item++;
		size_t n = strlen(item);
		while (n && item[n - 1] == ' ')
			item[--n] = '\0';
		if (*item && read_item(item, out, why, sizeof why))
			return why;
	}
	return NULL;
}

void wg_availability_format(const struct wg_availability *a, char *out, size_t outsz)
{
	size_t len = 0;
	out[0] = '\0';
	for (int d = 0; d < 7 && len < outsz; d++) {
		if (!a->days[d])
			continue;
		int n = snprintf(out + len, outsz - len, "%s周%s", len ? "；" : "", day_zh[d]);
		len += n > 0 ? (size_t)n : 0;
		for (int s = 0; s < WG_SLOTS && len < outsz; s++) {
			if ((a->days[d] & 7) == 7) {
				n = snprintf(out + len, outsz - len, "%s", "全天");
				len += n > 0 ? (size_t)n : 0;
				break;
			}
			if (a->days[d] & (1u << s)) {
				n = snprintf(out + len, outsz - len, "%s", slots[s].zh);
				len += n > 0 ? (size_t)n : 0;
			}
		}
	}
}

int wg_availability_get(struct wg_ctx *ctx, int64_t volunteer_id, struct wg_availability *out)
{
	static const char sql[] = "SELECT weekday, start_min, end_min FROM availability"
				  " WHERE volunteer_id = ?1";
	int rc = wg_require_role(ctx, WG_ROLE_VIEWER, _("Reading volunteers"));
	sqlite3_stmt *st = rc == WG_OK ? wg_stmt(ctx, sql) : NULL;
	memset(out, 0, sizeof *out);
	if (!st)
		return rc != WG_OK ? rc : WG_EIO;
	sqlite3_bind_int64(st, 1, volunteer_id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int d = sqlite3_column_int(st, 0) - 1, from = sqlite3_column_int(st, 1);
		int to = sqlite3_column_int(st, 2);
		for (int s = 0; d >= 0 && d < 7 && s < WG_SLOTS; s++)
			if (from < slots[s].end && to > slots[s].start)
				out->days[d] |= (unsigned char)(1u << s);
	}
	sqlite3_reset(st);
	return WG_OK;
}

int wg_availability_write(struct wg_ctx *ctx, int64_t volunteer_id, const struct wg_availability *a)
{
	static const char del[] = "DELETE FROM availability WHERE volunteer_id = ?1";
	static const char ins[] =
		"INSERT INTO availability(id, volunteer_id, weekday, start_min, end_min, created_at,"
		" created_by, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?6, ?7)";
	sqlite3_stmt *st = wg_stmt(ctx, del);
	if (!st)
		return WG_EIO;
	sqlite3_bind_int64(st, 1, volunteer_id);
	if (wg_step_done(st) != SQLITE_DONE)
		return wg_db_fail(ctx, _("saving a volunteer's availability"));
	for (int d = 0; d < 7; d++)
		for (int s = 0; s < WG_SLOTS; s++) {
			if (!(a->days[d] & (1u << s)))
				continue;
			/* neighbouring slots make one range, as a clerk would write 08:00-18:00 */
			int e = s;
			while (e + 1 < WG_SLOTS && (a->days[d] & (1u << (e + 1))))
				e++;
			int64_t id;
			if (wg_store_new_id(ctx, "availability", &id) != WG_OK || !(st = wg_stmt(ctx, ins)))
				return WG_EIO;
			sqlite3_bind_int64(st, 1, id);
			sqlite3_bind_int64(st, 2, volunteer_id);
			sqlite3_bind_int(st, 3, d + 1);
			sqlite3_bind_int(st, 4, slots[s].start);
			sqlite3_bind_int(st, 5, slots[e].end);
			wg_bind_stamp(ctx, st, 6);
			if (wg_step_done(st) != SQLITE_DONE)
				return wg_db_fail(ctx, _("saving a volunteer's availability"));
			s = e;
		}
	return WG_OK;
}

int wg_availability_set(struct wg_ctx *ctx, int64_t volunteer_id, const struct wg_availability *a)
{
	char text[256];
	int rc = wg_require_role(ctx, WG_ROLE_CLERK, _("Changing a volunteer's availability"));
	if (rc != WG_OK || (rc = wg_begin(ctx)) != WG_OK)
		return rc;
	wg_availability_format(a, text, sizeof text);
	if ((rc = wg_availability_write(ctx, volunteer_id, a)) == WG_OK &&
	    (rc = wg_audit(ctx, "volunteer.availability", "volunteers", volunteer_id, text)) == WG_OK)
		return wg_commit(ctx);
	wg_rollback(ctx);
	return rc;
}
