/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Building, unit and room as registration forms write them: one spelling each, and addresses split. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <regex.h>
#include <stdio.h>
#include <string.h>

#include <wangge/cell.h>
#include <wangge/i18n.h>
#include <wangge/validate.h>

/* Endings that follow a building's number; the longer spelling first. */
static const char *const building_ends[] = { "号楼", "栋", "幢", "楼", "号", "#", NULL };

static void fold_trim(const char *in, char *out, size_t outsz)
{
	char buf[256];
	wg_fold_width(in ? in : "", buf, sizeof buf);
	const char *p = buf;
	while (*p == ' ' || *p == '\t')
		p++;
	size_t n = strlen(p);
	while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	snprintf(out, outsz, "%.*s", (int)n, p);
}

static int all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return n > 0;
}

/* How many bytes at the end of s (length n) are the given ending, or 0. */
static size_t ends_with(const char *s, size_t n, const char *end)
{
	size_t e = strlen(end);
	return n > e && memcmp(s + n - e, end, e) == 0 ? e : 0;
}

/* The length of the number in "5号楼", "5栋", "5#", "5"; 0 when the name is not a number so ended. */
static size_t building_number(const char *s, size_t n)
{
	for (int i = 0; building_ends[i]; i++) {
		size_t e = ends_with(s, n, building_ends[i]);
		if (e && all_digits(s, n - e))
			return n - e;
	}
	return all_digits(s, n) ? n : 0;
}

void wg_building_name(const char *in, char *out, size_t outsz)
{
	char buf[256];
	fold_trim(in, buf, sizeof buf);
	size_t n = strlen(buf), num = building_number(buf, n);
	/* A bare number and the shorthand 5# are the 5号楼 of a Beijing register. */
	if (num && (num == n || strcmp(buf + num, "#") == 0))
		snprintf(out, outsz, "%.*s号楼", (int)num, buf);
	else
		snprintf(out, outsz, "%s", buf);
}

void wg_building_key(const char *name, char *key, size_t keysz)
{
	char buf[256];
	fold_trim(name, buf, sizeof buf);
	size_t num = building_number(buf, strlen(buf));
	const char *p = buf;
	if (!num) {
		snprintf(key, keysz, "%s", buf);
		return;
	}
	while (num > 1 && *p == '0')
		p++, num--;
	snprintf(key, keysz, "#%.*s", (int)num, p); /* no name starts with #: keys never collide with names */
}

/* 一 to 十 as digits: units are often written 一单元. */
static const char *const numerals[] = { "一", "二", "三", "四", "五", "六", "七", "八", "九", "十" };

void wg_unit_name(const char *in, char *out, size_t outsz)
{
	char buf[256];
	fold_trim(in, buf, sizeof buf);
	size_t n = strlen(buf), e = ends_with(buf, n, "单元");
	buf[n - e] = '\0';
	for (int i = 0; i < 10; i++)
		if (strcmp(buf, numerals[i]) == 0) {
			snprintf(out, outsz, "%d", i + 1);
			return;
		}
	snprintf(out, outsz, "%s", buf);
}

void wg_room_name(const char *in, char *out, size_t outsz)
{
	static const char *const ends[] = { "室", "号", "户", NULL };
	char buf[256];
	fold_trim(in, buf, sizeof buf);
	size_t n = strlen(buf);
	for (int i = 0; ends[i]; i++) {
		size_t e = ends_with(buf, n, ends[i]);
		if (e && buf[n - e - 1] >= '0' && buf[n - e - 1] <= '9') {
			buf[n - e] = '\0';
			break;
		}
	}
	snprintf(out, outsz, "%s", buf);
}

/*
 * An address as one text: whatever comes first (street, compound), then the
 * building, perhaps the unit, then the room.  Two patterns, with and without
 * a unit; the building's number needs an ending or a hyphen after it, so that
 * "3-1-301" and "3号楼1单元301室" split and "31301" does not.
 */
#define BLDG "([0-9A-Za-z]+)(号楼|栋|幢|座|楼|号|#|-|号楼-|栋-|幢-|座-|楼-|号-|#-)"
#define ROOM "([0-9A-Za-z]+)(室|号|户)?$"
static const char with_unit[] = "^(.*[^0-9A-Za-z])?" BLDG "([0-9]+|一|二|三|四|五|六|七|八|九|十)(单元|-)" ROOM;
static const char no_unit[] = "^(.*[^0-9A-Za-z])?" BLDG ROOM;

static void group(const char *s, const regmatch_t *m, char *out, size_t outsz)
{
	if (m->rm_so < 0)
		out[0] = '\0';
	else
		snprintf(out, outsz, "%.*s", (int)(m->rm_eo - m->rm_so), s + m->rm_so);
}

const char *wg_address_split(const char *s, struct wg_address *a)
{
	char buf[256], num[64], end[16], text[96];
	static regex_t re[2]; /* compiled once, kept for the process */
	static int compiled[2];
	regmatch_t m[8];
	size_t j = 0;
	wg_fold_width(s ? s : "", buf, sizeof buf);
	for (size_t i = 0; buf[i]; i++)
		if (buf[i] != ' ' && buf[i] != '\t')
			buf[j++] = buf[i];
	buf[j] = '\0';
	memset(a, 0, sizeof *a);
	for (int unit = 1; unit >= 0; unit--) {
		if (!compiled[unit] && regcomp(&re[unit], unit ? with_unit : no_unit, REG_EXTENDED) == 0)
			compiled[unit] = 1;
		if (!compiled[unit] || regexec(&re[unit], buf, 8, m, 0) != 0)
			continue;
		group(buf, &m[2], num, sizeof num);
		group(buf, &m[3], end, sizeof end);
		if (end[0] == '-' || (end[0] && end[strlen(end) - 1] == '-'))
			end[strlen(end) - 1] = '\0';
		snprintf(text, sizeof text, "%s%s", num, end);
		wg_building_name(text, a->building, sizeof a->building);
		if (unit)
			group(buf, &m[4], text, sizeof text), wg_unit_name(text, a->unit, sizeof a->unit);
		group(buf, &m[unit ? 6 : 4], text, sizeof text);
		wg_room_name(text, a->room, sizeof a->room);
		return NULL;
	}
	/* A courtyard house (演示胡同12号): the number of the house is its building. */
	size_t n = strlen(buf);
	size_t e = ends_with(buf, n, "号院") ? 6 : ends_with(buf, n, "号") || ends_with(buf, n, "院") ? 3 : 0;
	if (e && buf[n - e - 1] >= '0' && buf[n - e - 1] <= '9') {
		wg_fold_width(buf, a->building, sizeof a->building); /* cut at a character */
		return NULL;
	}
	return _("does not say the building, unit and room in a way wangge can read; write it as "
		 "3号楼1单元301 or 3-1-301, or fill the columns 楼栋, 单元 and 房号 instead");
}
