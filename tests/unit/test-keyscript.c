/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Unit tests for --keys scripts: text, every key name, comments, and the errors a script author sees. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <criterion/criterion.h>
#include <curses.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ui/keyscript.h"

static struct wg_keyscript ks;
static char err[1024];

static void setup(void)
{
	cr_assert_not_null(setlocale(LC_ALL, "C.UTF-8"), "C.UTF-8 locale is needed for these tests");
	wg_keyscript_init(&ks);
	err[0] = '\0';
}

static void teardown(void)
{
	wg_keyscript_free(&ks);
}

TestSuite(keyscript, .init = setup, .fini = teardown);

static void parse_ok(const char *text)
{
	int rc = wg_keyscript_parse(&ks, text, "t.keys", err, sizeof err);

	cr_assert_eq(rc, 0, "parsing \"%s\" failed: %s", text, err);
}

static void parse_fails(const char *text, const char *want_start)
{
	int rc = wg_keyscript_parse(&ks, text, "t.keys", err, sizeof err);

	cr_assert_eq(rc, -1, "parsing \"%s\" should fail", text);
	cr_assert_eq(strncmp(err, want_start, strlen(want_start)), 0,
		     "message \"%s\" should start with \"%s\"", err, want_start);
}

static void check_event(size_t i, int kind, wint_t code)
{
	cr_assert_lt(i, ks.len, "event %zu missing (only %zu)", i, ks.len);
	cr_assert_eq(ks.ev[i].is_key, kind, "event %zu kind %d, want %d", i, ks.ev[i].is_key, kind);
	cr_assert_eq(ks.ev[i].code, code, "event %zu code %u, want %u", i, (unsigned)ks.ev[i].code,
		     (unsigned)code);
}

/* Parses "<NAME>" alone and checks it gives one event. */
static void check_key(const char *name, int kind, wint_t code)
{
	char text[64];

	wg_keyscript_free(&ks);
	snprintf(text, sizeof text, "<%s>", name);
	parse_ok(text);
	cr_assert_eq(ks.len, 1, "%s gives %zu events", text, ks.len);
	check_event(0, kind, code);
}

Test(keyscript, plain_text)
{
	parse_ok("ab 1");
	cr_assert_eq(ks.len, 4);
	check_event(0, WG_KEYEV_CHAR, 'a');
	check_event(2, WG_KEYEV_CHAR, ' ');
	check_event(3, WG_KEYEV_CHAR, '1');
}

Test(keyscript, utf8_text_is_one_event_per_character)
{
	parse_ok("张三");
	cr_assert_eq(ks.len, 2);
	check_event(0, WG_KEYEV_CHAR, L'张');
	check_event(1, WG_KEYEV_CHAR, L'三');
}

Test(keyscript, invalid_bytes_are_typed_as_replacement)
{
	parse_ok("a\xff");
	cr_assert_eq(ks.len, 2);
	check_event(1, WG_KEYEV_CHAR, 0xFFFD);
}

Test(keyscript, named_keys)
{
	check_key("Tab", WG_KEYEV_CHAR, '\t');
	check_key("BTab", WG_KEYEV_KEY, KEY_BTAB);
	check_key("Enter", WG_KEYEV_CHAR, '\n');
	check_key("Esc", WG_KEYEV_CHAR, 27);
	check_key("Space", WG_KEYEV_CHAR, ' ');
	check_key("Up", WG_KEYEV_KEY, KEY_UP);
	check_key("Down", WG_KEYEV_KEY, KEY_DOWN);
	check_key("Left", WG_KEYEV_KEY, KEY_LEFT);
	check_key("Right", WG_KEYEV_KEY, KEY_RIGHT);
	check_key("Home", WG_KEYEV_KEY, KEY_HOME);
	check_key("End", WG_KEYEV_KEY, KEY_END);
	check_key("PgUp", WG_KEYEV_KEY, KEY_PPAGE);
	check_key("PgDn", WG_KEYEV_KEY, KEY_NPAGE);
	check_key("Del", WG_KEYEV_KEY, KEY_DC);
	check_key("BS", WG_KEYEV_KEY, KEY_BACKSPACE);
	check_key("lt", WG_KEYEV_CHAR, '<');
	check_key("Quit", WG_KEYEV_QUIT, 0);
}

Test(keyscript, function_keys)
{
	char name[8];

	for (int n = 1; n <= 12; n++) {
		snprintf(name, sizeof name, "F%d", n);
		check_key(name, WG_KEYEV_KEY, (wint_t)KEY_F(n));
	}
	parse_fails("<F13>", "t.keys:1: unknown key <F13>");
	parse_fails("<F0>", "t.keys:1: unknown key <F0>");
}

Test(keyscript, control_keys)
{
	check_key("C-a", WG_KEYEV_CHAR, 1);
	check_key("C-u", WG_KEYEV_CHAR, 21);
	check_key("C-z", WG_KEYEV_CHAR, 26);
	check_key("C-W", WG_KEYEV_CHAR, 23);
	parse_fails("<C-1>", "t.keys:1: unknown key <C-1>");
}

Test(keyscript, names_ignore_case)
{
	check_key("enter", WG_KEYEV_CHAR, '\n');
	check_key("PGDN", WG_KEYEV_KEY, KEY_NPAGE);
	check_key("f5", WG_KEYEV_KEY, (wint_t)KEY_F(5));
}

Test(keyscript, sleep)
{
	check_key("Sleep:250", WG_KEYEV_SLEEP, 250);
	check_key("Sleep:0", WG_KEYEV_SLEEP, 0);
	check_key("Sleep:60000", WG_KEYEV_SLEEP, 60000);
	parse_fails("<Sleep:>", "t.keys:1: <Sleep:> needs a whole number of milliseconds");
	parse_fails("<Sleep:1s>", "t.keys:1: <Sleep:1s> needs");
	parse_fails("<Sleep:60001>", "t.keys:1: <Sleep:60001> needs");
	parse_fails("<Sleep:99999999999999999999999>", "t.keys:1: <Sleep:9999");
}

Test(keyscript, mixed_text_and_keys)
{
	parse_ok("<F2>张<Tab>x<Enter><Quit>");
	cr_assert_eq(ks.len, 6);
	check_event(0, WG_KEYEV_KEY, (wint_t)KEY_F(2));
	check_event(1, WG_KEYEV_CHAR, L'张');
	check_event(2, WG_KEYEV_CHAR, '\t');
	check_event(3, WG_KEYEV_CHAR, 'x');
	check_event(4, WG_KEYEV_CHAR, '\n');
	check_event(5, WG_KEYEV_QUIT, 0);
}

Test(keyscript, newlines_are_ignored_and_comments_skipped)
{
	parse_ok("# open the form\n<F2>\r\nab\n  # not a comment\n#<Nonsense>\nc\n");
	cr_assert_eq(ks.len, 1 + 2 + 17 + 1, "got %zu events", ks.len);
	check_event(0, WG_KEYEV_KEY, (wint_t)KEY_F(2));
	check_event(1, WG_KEYEV_CHAR, 'a');
	check_event(2, WG_KEYEV_CHAR, 'b');
	check_event(3, WG_KEYEV_CHAR, ' ');
	check_event(5, WG_KEYEV_CHAR, '#');
	check_event(20, WG_KEYEV_CHAR, 'c');
}

Test(keyscript, literal_angle_brackets)
{
	parse_ok("<lt>F1> a>b");
	cr_assert_eq(ks.len, 8);
	check_event(0, WG_KEYEV_CHAR, '<');
	check_event(1, WG_KEYEV_CHAR, 'F');
	check_event(3, WG_KEYEV_CHAR, '>');
	check_event(6, WG_KEYEV_CHAR, '>');
}

Test(keyscript, unknown_key_names_file_line_and_known_keys)
{
	parse_fails("ab\n# comment\n<F1>\nx<Entr>y", "t.keys:4: unknown key <Entr>; known keys are ");
	cr_assert_not_null(strstr(err, "<Enter>"), "the message lists the known keys: %s", err);
	cr_assert_not_null(strstr(err, "<F1>..<F12>"), "%s", err);
	cr_assert_not_null(strstr(err, "<C-a>..<C-z>"), "%s", err);
	cr_assert_not_null(strstr(err, "<Sleep:N>"), "%s", err);
	cr_assert_not_null(strstr(err, "<Quit>"), "%s", err);
	cr_assert_eq(ks.len, 4, "events before the error are kept");
}

Test(keyscript, empty_name_is_unknown)
{
	parse_fails("<>", "t.keys:1: unknown key <>;");
}

Test(keyscript, unterminated_angle_bracket)
{
	parse_fails("abc<Enter", "t.keys:1: '<' has no closing '>'");
	cr_assert_not_null(strstr(err, "<lt>"), "the message says how to type '<': %s", err);
	parse_fails("\n\n<Enter\n>", "t.keys:3: '<' has no closing '>'");
}

Test(keyscript, error_fits_small_buffer)
{
	char small[16];

	cr_assert_eq(wg_keyscript_parse(&ks, "<Nope>", "t.keys", small, sizeof small), -1);
	cr_assert_eq(strlen(small), sizeof small - 1);
}

Test(keyscript, next_walks_events)
{
	struct wg_key_event ev;

	parse_ok("a<Up>");
	cr_assert(wg_keyscript_next(&ks, &ev));
	cr_assert_eq(ev.code, 'a');
	cr_assert(wg_keyscript_next(&ks, &ev));
	cr_assert_eq(ev.is_key, WG_KEYEV_KEY);
	cr_assert_eq(ev.code, KEY_UP);
	cr_assert_not(wg_keyscript_next(&ks, &ev));
}

Test(keyscript, load_file)
{
	char path[] = "/tmp/wangge-keys-XXXXXX";
	int fd = mkstemp(path);
	const char script[] = "# test\n张<Enter>\n<Quit>\n";

	cr_assert_geq(fd, 0);
	cr_assert_eq(write(fd, script, sizeof script - 1), (ssize_t)(sizeof script - 1));
	close(fd);
	cr_assert_eq(wg_keyscript_load(&ks, path, err, sizeof err), 0, "%s", err);
	unlink(path);
	cr_assert_eq(ks.len, 3);
	check_event(0, WG_KEYEV_CHAR, L'张');
	check_event(2, WG_KEYEV_QUIT, 0);
}

Test(keyscript, load_errors)
{
	char path[] = "/tmp/wangge-keys-XXXXXX";
	int fd = mkstemp(path);

	cr_assert_eq(wg_keyscript_load(&ks, "/nonexistent/x.keys", err, sizeof err), -1);
	cr_assert_not_null(strstr(err, "/nonexistent/x.keys"), "%s", err);
	cr_assert_not_null(strstr(err, "--keys"), "%s", err);
	cr_assert_eq(write(fd, "a\0b", 3), 3);
	close(fd);
	cr_assert_eq(wg_keyscript_load(&ks, path, err, sizeof err), -1);
	unlink(path);
	cr_assert_not_null(strstr(err, "NUL"), "%s", err);
	cr_assert_eq(wg_keyscript_load(&ks, "/tmp", err, sizeof err), -1);
	cr_assert_not_null(strstr(err, "cannot read key script /tmp"), "%s", err);
}
