/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Keymap: key names, defaults, context, rebinding from [keys], and the man page's key list. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <criterion/criterion.h>
#include <curses.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/config.h>
#include "helpers.h"
#include "ui/keymap.h"

static void setup(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	keymap_reset();
}

TestSuite(keymap, .init = setup);

static enum ui_act lookup_char(wint_t c, enum ui_keyctx ctx)
{
	struct ui_key k = { 0, c };
	return keymap_lookup(&k, ctx);
}

static enum ui_act lookup_key(int code, enum ui_keyctx ctx)
{
	struct ui_key k = { 1, (wint_t)code };
	return keymap_lookup(&k, ctx);
}

Test(keymap, parses_key_names)
{
	struct ui_key k;
	cr_assert(keymap_parse_key("F2", &k));
	cr_expect(k.is_key && k.code == (wint_t)KEY_F(2));
	cr_assert(keymap_parse_key("<F12>", &k));
	cr_expect(k.is_key && k.code == (wint_t)KEY_F(12));
	cr_assert(keymap_parse_key("C-s", &k));
	cr_expect(!k.is_key && k.code == 19);
	cr_assert(keymap_parse_key("n", &k));
	cr_expect(!k.is_key && k.code == 'n');
	cr_assert(keymap_parse_key("张", &k));
	cr_expect(!k.is_key && k.code == 0x5F20);
	cr_assert(keymap_parse_key("Esc", &k));
	cr_expect(!k.is_key && k.code == 27);
	cr_assert(keymap_parse_key("PgDn", &k));
	cr_expect(k.is_key && k.code == (wint_t)KEY_NPAGE);
	cr_expect_not(keymap_parse_key("F13", &k));
	cr_expect_not(keymap_parse_key("Hyper-x", &k));
	cr_expect_not(keymap_parse_key("", &k));
}

Test(keymap, defaults_give_every_fkey_a_letter)
{
	cr_expect_eq(lookup_key(KEY_F(2), KCTX_LIST), ACT_NEW);
	cr_expect_eq(lookup_char('n', KCTX_LIST), ACT_NEW);
	cr_expect_eq(lookup_char('/', KCTX_LIST), ACT_FIND);
	cr_expect_eq(lookup_char('?', KCTX_LIST), ACT_HELP);
	cr_expect_eq(lookup_char('q', KCTX_LIST), ACT_QUIT);
	cr_expect_eq(lookup_char('7', KCTX_LIST), ACT_SCREEN7);
	cr_expect_eq(lookup_char('c', KCTX_LIST), ACT_CLEAR_FILTER, "one key clears a filter");
	for (size_t i = 0; i < ui_action_count; i++) {
		const struct ui_action *a = &ui_actions[i];
		if (!keymap_fkey(a->act) || a->act == ACT_CANCEL)
			continue;
		char keys[64];
		keymap_describe(a->act, keys, sizeof keys);
		cr_expect(strchr(keys, ' ') != NULL, "action %s has only %s: needs a letter too", a->name, keys);
	}
}

Test(keymap, forms_keep_letters_as_text)
{
	cr_expect_eq(lookup_char('n', KCTX_FORM), ACT_NONE);
	cr_expect_eq(lookup_char('q', KCTX_FORM), ACT_NONE);
	cr_expect_eq(lookup_key(KEY_F(2), KCTX_FORM), ACT_SAVE);
	cr_expect_eq(lookup_char(19, KCTX_FORM), ACT_SAVE);
	cr_expect_eq(lookup_char('\t', KCTX_FORM), ACT_NEXT_FIELD);
	cr_expect_eq(lookup_char('\r', KCTX_FORM), ACT_NEXT_FIELD);
	cr_expect_eq(lookup_key(KEY_ENTER, KCTX_FORM), ACT_NEXT_FIELD);
	cr_expect_eq(lookup_key(KEY_BTAB, KCTX_FORM), ACT_PREV_FIELD);
}

static struct wg_config *config_with(const char *text, struct wg_ctx *ctx)
{
	struct wg_config *cfg = wg_config_new();
	const char *path = th_path("keys.ini");
	th_write_file(path, text, strlen(text));
	cr_assert_eq(wg_config_load(cfg, ctx, path, 1, NULL, NULL), WG_OK, "%s", wg_error(ctx));
	return cfg;
}

Test(keymap, rebinding_from_the_config)
{
	struct wg_ctx *ctx = wg_ctx_new();
	struct wg_config *cfg = config_with("[keys]\nnew = F2 a\nfind = <F3> C-f\n", ctx);
	char err[256] = "";
	cr_assert_eq(keymap_configure(cfg, err, sizeof err), 0, "%s", err);
	cr_expect_eq(lookup_char('a', KCTX_LIST), ACT_NEW);
	cr_expect_eq(lookup_char('n', KCTX_LIST), ACT_NONE);
	cr_expect_eq(lookup_char(6, KCTX_LIST), ACT_FIND);
	wg_config_free(cfg);
	wg_ctx_free(ctx);
}

Test(keymap, bad_bindings_are_config_errors_naming_the_key)
{
	struct wg_ctx *ctx = wg_ctx_new();
	char err[256] = "";
	struct wg_config *cfg = config_with("[keys]\nnew = F2 Hyper-n\n", ctx);
	cr_expect_neq(keymap_configure(cfg, err, sizeof err), 0);
	cr_expect(strstr(err, "Hyper-n") && strstr(err, "keys.ini"), "%s", err);
	wg_config_free(cfg);
	cfg = config_with("[keys]\nteleport = F12\n", ctx);
	cr_expect_neq(keymap_configure(cfg, err, sizeof err), 0);
	cr_expect(strstr(err, "teleport") != NULL, "%s", err);
	wg_config_free(cfg);
	wg_ctx_free(ctx);
}

Test(keymap, man_page_lists_every_action)
{
	char *man = th_read_man_page();
	for (size_t i = 0; i < ui_action_count; i++) {
		char needle[64];
		snprintf(needle, sizeof needle, ".B %s", ui_actions[i].name);
		cr_expect(strstr(man, needle) != NULL, "man page lacks action %s", ui_actions[i].name);
	}
	free(man);
}
