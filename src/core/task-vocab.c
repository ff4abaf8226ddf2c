/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* The words of the case loop: states, actions, sources, ratings, handler kinds; stored names and labels. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <string.h>
#include <strings.h>

#include <wangge/i18n.h>
#include <wangge/task.h>

struct word {
	const char *name, *zh, *label;
};

/* Finds s among the stored names, the Chinese words and the translated labels. */
static int find_word(const struct word *w, int n, const char *s)
{
	if (!s)
		return -1;
	for (int i = 0; i < n; i++)
		if (strcasecmp(s, w[i].name) == 0 || strcmp(s, w[i].zh) == 0 ||
		    strcmp(s, _(w[i].label)) == 0)
			return i;
	return -1;
}

static const struct word states[WG_TS_COUNT] = {
	{ "reported", "上报", N_("reported") },     { "filed", "立案", N_("filed") },
	{ "dispatched", "派遣", N_("dispatched") }, { "accepted", "受理", N_("accepted") },
	{ "handled", "处置", N_("handled") },       { "verified", "核查", N_("verified") },
	{ "closed", "结案", N_("closed") },         { "rejected", "不予立案", N_("rejected") },
	{ "merged", "合并", N_("merged") },         { "suspended", "挂账", N_("suspended") },
	{ "escalated", "上会", N_("escalated") },
};

const char *wg_task_state_name(enum wg_task_state s)
{
	return s < WG_TS_COUNT ? states[s].name : "";
}

const char *wg_task_state_label(enum wg_task_state s)
{
	return s < WG_TS_COUNT ? _(states[s].label) : "";
}

int wg_task_state_parse(const char *s, enum wg_task_state *out)
{
	int i = find_word(states, WG_TS_COUNT, s);
	if (i < 0)
		return -1;
	*out = (enum wg_task_state)i;
	return 0;
}

int wg_task_state_open(enum wg_task_state s)
{
	return s != WG_TS_CLOSED && s != WG_TS_REJECTED && s != WG_TS_MERGED && s < WG_TS_COUNT;
}

static const struct word actions[WG_ACT_COUNT] = {
	{ "file", "立案", N_("file") },         { "reject", "不予立案", N_("reject") },
	{ "dispatch", "派遣", N_("dispatch") }, { "accept", "受理", N_("accept") },
	{ "return", "退回", N_("return") },     { "handle", "处置", N_("handle") },
	{ "verify", "核查", N_("verify") },     { "rework", "返工", N_("rework") },
	{ "close", "结案", N_("close") },       { "suspend", "挂账", N_("suspend") },
	{ "resume", "恢复", N_("resume") },     { "escalate", "上会", N_("escalate") },
	{ "urge", "督办", N_("urge") },         { "feedback", "回访", N_("feedback") },
	{ "merge", "合并", N_("merge") },
};

const char *wg_task_action_name(enum wg_task_action a)
{
	return a < WG_ACT_COUNT ? actions[a].name : "report";
}

const char *wg_task_action_label(enum wg_task_action a)
{
	return a < WG_ACT_COUNT ? _(actions[a].label) : _("report");
}

int wg_task_action_parse(const char *s, enum wg_task_action *out)
{
	int i = find_word(actions, WG_ACT_COUNT, s);
	if (i < 0)
		return -1;
	*out = (enum wg_task_action)i;
	return 0;
}

static const struct word sources[WG_SRC_COUNT] = {
	{ "patrol", "巡查", N_("patrol") },
	{ "visit", "来访", N_("resident visit") },
	{ "phone", "来电", N_("phone") },
	{ "hotline", "12345", N_("12345 hotline") },
	{ "superior", "上级交办", N_("superior assignment") },
	{ "conference", "联席会议", N_("joint conference") },
};

const char *wg_task_source_name(enum wg_task_source s)
{
	return s < WG_SRC_COUNT ? sources[s].name : "";
}

const char *wg_task_source_label(enum wg_task_source s)
{
	return s < WG_SRC_COUNT ? _(sources[s].label) : "";
}

int wg_task_source_parse(const char *s, enum wg_task_source *out)
{
	int i = find_word(sources, WG_SRC_COUNT, s);
	if (i < 0)
		return -1;
	*out = (enum wg_task_source)i;
	return 0;
}

static const struct word ratings[] = {
	{ "satisfied", "满意", N_("satisfied") },
	{ "basic", "基本满意", N_("basically satisfied") },
	{ "unsatisfied", "不满意", N_("unsatisfied") },
};

const char *wg_rating_normalize(const char *s)
{
	int i = find_word(ratings, 3, s);
	return i < 0 ? NULL : ratings[i].name;
}

const char *wg_rating_label(const char *code)
{
	int i = find_word(ratings, 3, code);
	return i < 0 ? (code ? code : "") : _(ratings[i].label);
}

static const struct word kinds[WG_HK_COUNT] = {
	{ "", "", N_("none") },
	{ "worker", "网格员", N_("grid worker") },
	{ "volunteer", "志愿者", N_("volunteer") },
	{ "team", "志愿服务队", N_("volunteer team") },
	{ "socialworker", "社工", N_("social worker") },
	{ "org", "社会组织", N_("social organization") },
	{ "dept", "部门", N_("department") },
};

const char *wg_handler_kind_name(enum wg_handler_kind k)
{
	return k < WG_HK_COUNT ? kinds[k].name : "";
}

const char *wg_handler_kind_label(enum wg_handler_kind k)
{
	return k < WG_HK_COUNT ? _(kinds[k].label) : "";
}

int wg_handler_kind_parse(const char *s, enum wg_handler_kind *out)
{
	if (!s || !*s)
		return -1;
	int i = find_word(kinds + 1, WG_HK_COUNT - 1, s);
	if (i < 0)
		return -1;
	*out = (enum wg_handler_kind)(i + 1);
	return 0;
}
