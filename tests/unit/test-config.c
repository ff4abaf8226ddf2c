/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Configuration: defaults, layering, warnings for unknown keys, errors for bad values. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <wangge/config.h>
#include <wangge/volunteer.h>
#include "helpers.h"

static char warnings[2048];

static void collect(void *arg, const char *msg)
{
	(void)arg;
	strncat(warnings, msg, sizeof warnings - strlen(warnings) - 2);
	strcat(warnings, "\n");
}

static const char *ini(const char *name, const char *text)
{
	const char *path = th_path(name);
	th_write_file(path, text, strlen(text));
	return path;
}

Test(config, defaults_come_from_the_table)
{
	struct wg_config *cfg = wg_config_new();
	cr_expect_eq(wg_config_bool(cfg, "ui:ascii"), 0);
	cr_expect_str_eq(wg_config_str(cfg, "ui:color"), "auto");
	cr_expect_eq(wg_config_int(cfg, "ui:escdelay"), 25);
	cr_expect_str_eq(wg_config_str(cfg, "calendar:saturday"), "");
	for (size_t i = 0; i < wg_setting_count; i++) {
		char buf[128];
		const struct wg_setting *s = &wg_settings[i];
		cr_expect_null(wg_setting_check(s, s->def, buf, sizeof buf), "default of %s is invalid", s->key);
		cr_expect(strchr(s->key, ':') != NULL);
		cr_expect_gt(strlen(s->doc), 10);
	}
	wg_config_free(cfg);
}

Test(config, later_files_override_earlier)
{
	struct wg_ctx *ctx = wg_ctx_new();
	struct wg_config *cfg = wg_config_new();
	const char *a = ini("a.ini", "[ui]\nascii = yes\ncolor = never\n");
	const char *b = ini("b.ini", "[ui]\ncolor = always\n[keys]\nnew = F2 a\n");
	cr_assert_eq(wg_config_load(cfg, ctx, a, 1, collect, NULL), WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(wg_config_load(cfg, ctx, b, 1, collect, NULL), WG_OK, "%s", wg_error(ctx));
	cr_expect_eq(wg_config_bool(cfg, "ui:ascii"), 1);
	cr_expect_str_eq(wg_config_str(cfg, "ui:color"), "always");
	cr_assert_eq(wg_config_key_count(cfg), 1);
	const char *action, *keys, *file;
	wg_config_key_get(cfg, 0, &action, &keys, &file);
	cr_expect_str_eq(action, "new");
	cr_expect_str_eq(keys, "F2 a");
	cr_expect_str_eq(file, b);
	wg_config_free(cfg);
	wg_ctx_free(ctx);
}

Test(config, unknown_keys_and_sections_warn_but_load)
{
	struct wg_ctx *ctx = wg_ctx_new();
	struct wg_config *cfg = wg_config_new();
	warnings[0] = '\0';
	const char *p = ini("unknown.ini", "[ui]\nascii = true\ncolour = red\n[printer]\nport = lp0\n");
	cr_assert_eq(wg_config_load(cfg, ctx, p, 1, collect, NULL), WG_OK, "%s", wg_error(ctx));
	cr_expect(strstr(warnings, "unknown key 'ui:colour'") != NULL, "%s", warnings);
	cr_expect(strstr(warnings, "unknown section [printer]") != NULL, "%s", warnings);
	cr_expect(strstr(warnings, p) != NULL, "warnings name the file: %s", warnings);
	cr_expect_eq(wg_config_bool(cfg, "ui:ascii"), 1);
	wg_config_free(cfg);
	wg_ctx_free(ctx);
}

Test(config, bad_value_names_file_key_value_and_what_is_allowed)
{
	struct wg_ctx *ctx = wg_ctx_new();
	struct wg_config *cfg = wg_config_new();
	const char *p = ini("bad.ini", "[ui]\nascii = true\nescdelay = soon\n");
	cr_expect_eq(wg_config_load(cfg, ctx, p, 1, collect, NULL), WG_EUSAGE);
	const char *e = wg_error(ctx);
	cr_expect(strstr(e, p) && strstr(e, "ui:escdelay") && strstr(e, "'soon'") && strstr(e, "0 to 1000"),
		  "%s", e);
	/* nothing of a bad file is taken, not even its good lines */
	cr_expect_eq(wg_config_bool(cfg, "ui:ascii"), 0);
	wg_config_free(cfg);
	wg_ctx_free(ctx);
}

Test(config, bad_enum_dates_and_hours)
{
	struct wg_ctx *ctx = wg_ctx_new();
	struct wg_config *cfg = wg_config_new();
	cr_expect_eq(wg_config_load(cfg, ctx, ini("e.ini", "[ui]\ncolor = sometimes\n"), 1, NULL, NULL), WG_EUSAGE);
	cr_expect(strstr(wg_error(ctx), "auto|always|never") != NULL, "%s", wg_error(ctx));
	cr_expect_eq(wg_config_load(cfg, ctx, ini("d.ini", "[calendar]\nholidays = 2026-10-01, 2026-02-30\n"),
				    1, NULL, NULL), WG_EUSAGE);
	cr_expect_eq(wg_config_load(cfg, ctx, ini("h.ini", "[calendar]\nsaturday = 17:00-09:00\n"), 1, NULL, NULL),
		     WG_EUSAGE);
	cr_assert_eq(wg_config_load(cfg, ctx, ini("ok.ini", "[calendar]\nholidays = 2026-10-01,2026-10-02\n"
						   "saturday = 09:00-12:00\n"), 1, NULL, NULL), WG_OK, "%s", wg_error(ctx));
	cr_expect_str_eq(wg_config_str(cfg, "calendar:saturday"), "09:00-12:00");
	wg_config_free(cfg);
	wg_ctx_free(ctx);
}

Test(config, syntax_error_names_the_line)
{
	struct wg_ctx *ctx = wg_ctx_new();
	struct wg_config *cfg = wg_config_new();
	const char *p = ini("syntax.ini", "[ui]\nascii = true\nthis line has no equals sign\n");
	cr_expect_eq(wg_config_load(cfg, ctx, p, 1, NULL, NULL), WG_EUSAGE);
	cr_expect(strstr(wg_error(ctx), p) && strstr(wg_error(ctx), "(3)"), "%s", wg_error(ctx));
	wg_config_free(cfg);
	wg_ctx_free(ctx);
}

Test(config, missing_files)
{
	struct wg_ctx *ctx = wg_ctx_new();
	struct wg_config *cfg = wg_config_new();
	cr_expect_eq(wg_config_load(cfg, ctx, th_path("absent.ini"), 0, NULL, NULL), WG_OK);
	cr_expect_eq(wg_config_load(cfg, ctx, th_path("absent.ini"), 1, NULL, NULL), WG_EUSAGE);
	cr_expect(strstr(wg_error(ctx), "not found") != NULL, "%s", wg_error(ctx));
	wg_config_free(cfg);
	wg_ctx_free(ctx);
}

/* iniparser returns NULL for a "key" that is a section name such as [keys:] */
Test(config, a_key_without_a_value_is_an_error_not_a_crash)
{
	struct wg_ctx *ctx = wg_ctx_new();
	struct wg_config *cfg = wg_config_new();
	const char *p = ini("nullkey.ini", "[keys:]\n[keys]\n");
	cr_expect_eq(wg_config_load(cfg, ctx, p, 1, NULL, NULL), WG_EUSAGE);
	cr_expect(strstr(wg_error(ctx), p) && strstr(wg_error(ctx), "keys:"), "%s", wg_error(ctx));
	p = ini("nullui.ini", "[ui:]\n[ui]\nascii = yes\n");
	cr_expect_eq(wg_config_load(cfg, ctx, p, 1, NULL, NULL), WG_EUSAGE);
	cr_expect(strstr(wg_error(ctx), "ui:") != NULL, "%s", wg_error(ctx));
	cr_expect_eq(wg_config_bool(cfg, "ui:ascii"), 0, "a refused file changes nothing");
	wg_config_free(cfg);
	wg_ctx_free(ctx);
}

Test(config, a_folder_is_not_a_configuration_file)
{
	struct wg_ctx *ctx = wg_ctx_new();
	struct wg_config *cfg = wg_config_new();
	const char *dir = th_path("");
	cr_expect_eq(wg_config_load(cfg, ctx, dir, 1, NULL, NULL), WG_EUSAGE);
	cr_expect(strstr(wg_error(ctx), "not a file") != NULL, "%s", wg_error(ctx));
	cr_expect_eq(wg_config_load(cfg, ctx, dir, 0, NULL, NULL), WG_EUSAGE, "not even optional");
	wg_config_free(cfg);
	wg_ctx_free(ctx);
}

Test(config, man_page_documents_every_setting)
{
	char *man = th_read_man_page();
	for (size_t i = 0; i < wg_setting_count; i++) {
		const char *name = strchr(wg_settings[i].key, ':') + 1;
		char needle[96];
		snprintf(needle, sizeof needle, ".B %s", name);
		cr_expect(strstr(man, needle) != NULL, "man page lacks setting %s", wg_settings[i].key);
	}
	free(man);
}

Test(config, star_hours_are_five_rising_numbers_and_count_stars)
{
	struct wg_ctx *ctx = wg_ctx_new();
	struct wg_config *cfg = wg_config_new();
	const struct wg_setting *s = wg_setting_find("volunteers:star_hours");
	char buf[200];
	long v[5];
	cr_assert_not_null(s);
	static const char *const bad[] = { "100,300,600,1000", "100,300,300,1000,1500",
					   "100,300,600,1000,1500,2000", "100;300;600;1000;1500",
					   "0,300,600,1000,1500", "100,300,六百,1000,1500", "" };
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		cr_expect_not_null(wg_setting_check(s, bad[i], buf, sizeof buf), "'%s' taken", bad[i]);
	cr_expect_null(wg_setting_check(s, " 50, 100 ,200,400, 800", buf, sizeof buf));
	cr_assert_eq(wg_rising_parse("50,100,200,400,800", v, 5), 0);
	cr_expect_eq(v[4], 800);
	cr_expect_eq(wg_star_level(ctx, 99 * 60), 0, "the national ones until configured");
	const char *path = ini("stars.ini", "[volunteers]\nstar_hours = 50,100,200,400,800\n");
	cr_assert_eq(wg_config_load(cfg, ctx, path, 1, collect, NULL), WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(wg_volunteers_configure(ctx, cfg), WG_OK, "%s", wg_error(ctx));
	cr_expect_eq(wg_star_level(ctx, 49 * 60), 0);
	cr_expect_eq(wg_star_level(ctx, 50 * 60), 1);
	cr_expect_eq(wg_star_level(ctx, 399 * 60), 3);
	cr_expect_eq(wg_star_level(ctx, 800 * 60), 5);
	cr_expect_eq(wg_star_next(ctx, 150 * 60), 50 * 60);
	cr_expect_eq(wg_star_level(NULL, 800 * 60), 3, "NULL: the national thresholds");
	const char *wrong = ini("wrong.ini", "[volunteers]\nstar_hours = 100,50\n");
	struct wg_config *cfg2 = wg_config_new();
	cr_expect_neq(wg_config_load(cfg2, ctx, wrong, 1, collect, NULL), WG_OK);
	cr_expect(strstr(wg_error(ctx), "star_hours"), "%s", wg_error(ctx));
	wg_config_free(cfg2);
	wg_config_free(cfg);
	wg_ctx_free(ctx);
}

Test(config, a_byte_order_mark_is_read_past)
{
	struct wg_ctx *ctx = wg_ctx_new();
	struct wg_config *cfg = wg_config_new();
	const char *p = ini("bom.ini", "\xEF\xBB\xBF[ui]\nescdelay = 60\n");
	warnings[0] = '\0';
	cr_assert_eq(wg_config_load(cfg, ctx, p, 1, collect, NULL), WG_OK, "%s", wg_error(ctx));
	cr_expect_eq(wg_config_int(cfg, "ui:escdelay"), 60);
	cr_expect_str_eq(warnings, "", "a BOM file warned: %s", warnings);
	wg_config_free(cfg);
	wg_ctx_free(ctx);
}

Test(config, a_key_given_twice_warns_naming_both_lines)
{
	struct wg_ctx *ctx = wg_ctx_new();
	struct wg_config *cfg = wg_config_new();
	const char *p = ini("twice.ini", "[backup]\nkeep = 3\n\n[ui]\nascii = yes\n[backup]\nKeep = 5\n");
	warnings[0] = '\0';
	cr_assert_eq(wg_config_load(cfg, ctx, p, 1, collect, NULL), WG_OK, "%s", wg_error(ctx));
	cr_expect_eq(wg_config_int(cfg, "backup:keep"), 5);
	cr_expect(strstr(warnings, "twice.ini:7: 'backup:keep' is given again (first on line 2)") != NULL,
		  "warnings: %s", warnings);
	wg_config_free(cfg);
	wg_ctx_free(ctx);
}

Test(config, a_bad_date_is_named)
{
	struct wg_ctx *ctx = wg_ctx_new();
	struct wg_config *cfg = wg_config_new();
	const char *p = ini("dates.ini", "[calendar]\nholidays = 2026-10-01, 2026-02-30 ,2026-10-03\n");
	cr_assert_neq(wg_config_load(cfg, ctx, p, 1, collect, NULL), WG_OK);
	cr_expect(strstr(wg_error(ctx), "'2026-02-30' is not a date") != NULL, "%s", wg_error(ctx));
	wg_config_free(cfg);
	wg_ctx_free(ctx);
}

Test(config, xdg_config_dirs_are_read_first_named_last)
{
	struct wg_ctx *ctx = wg_ctx_new();
	struct wg_config *cfg = wg_config_new();
	char a[4096], b[4096], env[8300];
	snprintf(a, sizeof a, "%s", th_path("sysa"));
	snprintf(b, sizeof b, "%s", th_path("sysb"));
	char pa[4200], pb[4200];
	snprintf(pa, sizeof pa, "%s/wangge", a);
	snprintf(pb, sizeof pb, "%s/wangge", b);
	cr_assert_eq(mkdir(a, 0700) | mkdir(pa, 0700) | mkdir(b, 0700) | mkdir(pb, 0700), 0);
	strcat(pa, "/wangge.ini");
	strcat(pb, "/wangge.ini");
	th_write_file(pa, "[backup]\nkeep = 7\n", 18);
	th_write_file(pb, "[backup]\nkeep = 9\n[ui]\nescdelay = 70\n", 37);
	snprintf(env, sizeof env, "%s:relative/ignored:%s", a, b);
	setenv("XDG_CONFIG_DIRS", env, 1);
	setenv("XDG_CONFIG_HOME", th_path("nohome"), 1);
	cr_assert_eq(wg_config_load_all(cfg, ctx, NULL, collect, NULL), WG_OK, "%s", wg_error(ctx));
	cr_expect_eq(wg_config_int(cfg, "backup:keep"), 7, "the first directory named wins");
	cr_expect_eq(wg_config_int(cfg, "ui:escdelay"), 70, "the later directory still counts");
	wg_config_free(cfg);
	wg_ctx_free(ctx);
}

/* wangge.ini(5), English and Chinese, and the example /etc/wangge.ini name every setting of
 * the table under its section with its default, so neither can drift from the table. */
Test(config, ini_manuals_and_example_document_every_setting)
{
	const char *top = getenv("TOP_SRCDIR");
	static const char *const files[] = { "man/wangge.ini.5", "man/zh_CN/wangge.ini.5", "etc/wangge.ini" };
	for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
		char path[512], want[256];
		snprintf(path, sizeof path, "%s/%s", top ? top : "..", files[f]);
		char *text = th_read_file(path, NULL);
		cr_assert_not_null(text, "%s is missing", path);
		int example = strstr(files[f], ".ini") && !strstr(files[f], ".5");
		for (size_t i = 0; i < wg_setting_count; i++) {
			const struct wg_setting *s = &wg_settings[i];
			const char *name = strchr(s->key, ':') + 1;
			char section[64];
			snprintf(section, sizeof section, "[%.*s]", (int)(name - 1 - s->key), s->key);
			const char *at = strstr(text, section);
			cr_expect_not_null(at, "%s has no section %s", files[f], section);
			if (example)
				snprintf(want, sizeof want, *s->def ? "\n;%s = %s\n" : "\n;%s =", name,
					 s->def);
			else
				snprintf(want, sizeof want, "\n.B %s\n", name);
			const char *entry = at ? strstr(at, want) : NULL;
			cr_expect_not_null(entry, "%s lacks %s under %s", files[f], want + 1, section);
			if (!example && entry && *s->def) { /* the default within the entry */
				const char *next = strstr(entry + 1, "\n.TP");
				const char *def = strstr(entry, s->def);
				cr_expect(def && (!next || def < next), "%s: %s's default %s is not in its entry",
					  files[f], s->key, s->def);
			}
		}
		free(text);
	}
}

Test(config, a_choice_in_any_case_is_kept_as_the_table_spells_it)
{
	struct wg_ctx *ctx = wg_ctx_new();
	struct wg_config *cfg = wg_config_new();
	const char *p = ini("case.ini", "[ui]\ncolor = NEVER\nlanguage = ZH_cn\n[sync]\nconflict = Office\n");
	cr_assert_eq(wg_config_load(cfg, ctx, p, 1, collect, NULL), WG_OK, "%s", wg_error(ctx));
	cr_expect_str_eq(wg_config_str(cfg, "ui:color"), "never");
	cr_expect_str_eq(wg_config_str(cfg, "ui:language"), "zh_CN");
	cr_expect_str_eq(wg_config_str(cfg, "sync:conflict"), "office");
	wg_config_free(cfg);
	wg_ctx_free(ctx);
}

/* A key above every section is in none: said, with the section it belongs to, not dropped
 * in silence. */
Test(config, a_key_before_any_section_is_named_with_its_section)
{
	struct wg_ctx *ctx = wg_ctx_new();
	struct wg_config *cfg = wg_config_new();
	const char *p = ini("nosection.ini", "# settings\ncolor = never\nwhatever = 1\n[backup]\nkeep = 4\n");
	warnings[0] = '\0';
	cr_assert_eq(wg_config_load(cfg, ctx, p, 1, collect, NULL), WG_OK, "%s", wg_error(ctx));
	cr_expect(strstr(warnings, "nosection.ini:2: 'color' comes before any section and is ignored; "
			 "put it under its section [ui]") != NULL, "warnings: %s", warnings);
	cr_expect(strstr(warnings, "nosection.ini:3: 'whatever' comes before any section and is "
			 "ignored; put it under its section\n") != NULL, "warnings: %s", warnings);
	cr_expect_str_eq(wg_config_str(cfg, "ui:color"), "auto");
	cr_expect_eq(wg_config_int(cfg, "backup:keep"), 4);
	wg_config_free(cfg);
	wg_ctx_free(ctx);
}

/* Every path setting takes ~ as the home folder, as the manual says, not only the database's:
 * a backup folder of ~/备份 made ./~/备份 beside wherever the program ran. */
Test(config, a_home_in_any_path_setting_is_expanded)
{
	struct wg_ctx *ctx = wg_ctx_new();
	struct wg_config *cfg = wg_config_new();
	const char *p = ini("home.ini", "[backup]\ndir = ~/备份\n[sync]\ndir = ~\n[database]\n"
				       "path = ~user/x.db\n");
	setenv("HOME", "/home/测试", 1);
	cr_assert_eq(wg_config_load(cfg, ctx, p, 1, collect, NULL), WG_OK, "%s", wg_error(ctx));
	cr_expect_str_eq(wg_config_str(cfg, "backup:dir"), "/home/测试/备份");
	cr_expect_str_eq(wg_config_str(cfg, "sync:dir"), "/home/测试");
	cr_expect_str_eq(wg_config_str(cfg, "database:path"), "~user/x.db"); /* another's home: kept */
	wg_config_free(cfg);
	wg_ctx_free(ctx);
}
