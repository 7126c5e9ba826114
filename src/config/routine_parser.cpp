// SPDX-License-Identifier: MIT
// One routine per TOML file; the format is documented at the top of each
// shipped file in routines/. The id comes from the file name, so a user's
// routines/desk.toml replaces the built-in desk routine.
#include <algorithm>
#include <filesystem>
#include <map>

#include "config/config.hpp"
#include "config/toml_util.hpp"
#include "util/i18n.hpp"

namespace limber::config {
namespace {

namespace fs = std::filesystem;
using detail::choice_field;
using detail::error_at;
using detail::Field;
using detail::Fields;

constexpr const char* kDefaultSafety =
    tr_noop("Start gently and stop if anything hurts: a mild pull behind the thigh is fine, pain is not. "
            "If pain stays or gets worse, see a doctor or physiotherapist.");
constexpr Millis kDefaultRepTime = std::chrono::seconds{4};

// Wraps a field so the caller can tell which keys were present.
Field marking(Field inner, const toml::node*& seen) {
    return [inner = std::move(inner), &seen](const toml::node& value, const std::string& key) -> Result<void> {
        seen = &value;
        return inner(value, key);
    };
}

// A routine's words in another language: [translation.de] at the top and
// [step.translation.de] under a [[step]] (routines/desk.toml shows both).
// What a translation leaves out stays as the file says it.
struct Words {
    std::string name, summary, safety, how;
    std::vector<std::string> needs;
    bool has_needs = false;
};
using Translations = std::map<std::string, Words>;

// "de", "fr", "pt_BR": the names of gettext's catalogs.
bool language_code(const std::string& code) {
    const auto lower = [](char c) { return c >= 'a' && c <= 'z'; };
    const auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
    if (code.size() < 2) return false;
    const std::size_t cut = std::min(code.find('_'), code.size());
    if (cut < 2 || cut > 3 || !std::all_of(code.begin(), code.begin() + static_cast<std::ptrdiff_t>(cut), lower))
        return false;
    return cut == code.size() ||
           (code.size() == cut + 3 && upper(code[cut + 1]) && upper(code[cut + 2]));
}

// The [translation] table: a table per language, each with the keys that
// `fields_for` gives (the routine's or a step's words).
Field translations_field(const std::string& file, Translations& out, bool step) {
    return [&file, &out, step](const toml::node& value, const std::string& key) -> Result<void> {
        const auto* langs = value.as_table();
        if (!langs) return error_at(file, value.source(), key, "expected a table per language, like [translation.de]");
        for (auto&& [lang, words] : *langs) {
            const std::string code(lang.str());
            const std::string where = key + "." + code;
            if (!language_code(code))
                return error_at(file, lang.source(), where, "must be a language code like de, fr or pt_BR");
            const auto* table = words.as_table();
            if (!table) return error_at(file, words.source(), where, "expected a table of translated words");
            Words& w = out[code];
            const toml::node* needs = nullptr;
            Fields fields = {{"name", detail::string_field(file, w.name)}};
            if (step) {
                fields.push_back({"how", detail::string_field(file, w.how)});
            } else {
                fields.push_back({"summary", detail::string_field(file, w.summary)});
                fields.push_back({"safety", detail::string_field(file, w.safety)});
                fields.push_back({"needs", marking(detail::string_list_field(file, w.needs, {}, 4, 40), needs)});
            }
            if (Result<void> r = detail::read_fields(file, *table, where, fields); !r) return r.error();
            w.has_needs = needs != nullptr;
        }
        return {};
    };
}

void put(std::string& text, const std::string& translated) {
    if (!translated.empty()) text = translated;
}

// The first of the user's languages the routine speaks; "" for none.
std::string pick_language(const Translations& routine, const std::vector<std::string>& languages) {
    for (const std::string& lang : languages)
        if (routine.contains(lang)) return lang;
    return "";
}

// A figure is a file name without .svg ("quarter-dog") or a path to an SVG.
Field figure_field(const std::string& file, std::string& out) {
    return [&file, &out](const toml::node& value, const std::string& key) -> Result<void> {
        const auto* s = value.as_string();
        const std::string text = s ? s->get() : "";
        const bool name = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        });
        const bool path = text.size() > 4 && text.ends_with(".svg");
        if (!name && !path)
            return error_at(file, value.source(), key,
                            "must be a figure name like \"quarter-dog\" (a-z, 0-9, -) or a path to an .svg file");
        out = text;
        return {};
    };
}

Result<Step> parse_step(const std::string& file, const toml::node& node, const std::string& key,
                        const std::string& language) {
    const auto* table = node.as_table();
    if (!table) return error_at(file, node.source(), key, "expected a table (write each step as [[step]])");

    Step step;
    std::string sides = "none";
    Millis rep_time = kDefaultRepTime;
    std::string until;
    const toml::node *name = nullptr, *how = nullptr, *hold = nullptr, *reps = nullptr, *rep_time_node = nullptr,
                     *until_node = nullptr;
    Translations translations;
    const Fields fields = {
        {"translation", translations_field(file, translations, true)},
        {"name", marking(detail::string_field(file, step.name), name)},
        {"how", marking(detail::string_field(file, step.how), how)},
        {"figure", figure_field(file, step.figure)},
        {"until", marking(choice_field(file, until, {"next"}), until_node)},
        {"hold", marking(detail::duration_field(file, step.hold, std::chrono::seconds{1}, "30s"), hold)},
        {"reps", marking(detail::integer_field(file, step.reps, 1, 1000), reps)},
        {"rep_time", marking(detail::duration_field(file, rep_time, std::chrono::seconds{1}, "4s"), rep_time_node)},
        {"sides", choice_field(file, sides, {"both", "none"})},
    };
    if (Result<void> r = detail::read_fields(file, *table, key, fields); !r) return r.error();

    if (!name) return error_at(file, table->source(), key + ".name", "missing (every step needs a name)");
    if (!how) return error_at(file, table->source(), key + ".how", "missing (say how to do it in a sentence or two)");
    if (hold && reps) return error_at(file, reps->source(), key + ".reps", "a step has hold or reps, not both");
    if (until_node && (hold || reps))
        return error_at(file, until_node->source(), key + ".until",
                        std::string("a step waits for next or has ") + (hold ? "hold" : "reps") + ", not both");
    if (!hold && !reps && !until_node)
        return error_at(file, table->source(), key,
                        "needs hold = \"30s\", reps = 15 or until = \"next\" (exactly one)");
    if (rep_time_node && !reps)
        return error_at(file, rep_time_node->source(), key + ".rep_time", "only goes with reps, not with hold");

    // An untimed step has no duration: it lasts until the user says next.
    step.duration = hold ? step.hold : step.reps * rep_time;
    step.both_sides = sides == "both";
    step.until_next = until_node != nullptr;
    if (const auto it = translations.find(language); it != translations.end()) {
        put(step.name, it->second.name);
        put(step.how, it->second.how);
    }
    return step;
}

// `language`: the routine's chosen translation, filled in once the top-level
// [translation] tables are read (they may come after the steps).
Field steps_field(std::vector<const toml::node*>& out) {
    return [&out](const toml::node& value, const std::string&) -> Result<void> {
        out.push_back(&value);
        return {};
    };
}

Result<void> parse_steps(const std::string& file, const toml::node& value, const std::string& key,
                         const std::string& language, std::vector<Step>& out) {
    const auto* list = value.as_array();
    if (!list) return error_at(file, value.source(), key, "expected steps written as [[step]] tables");
    for (std::size_t i = 0; i < list->size(); ++i) {
        // 1-based: "step[2]" is the second [[step]] in the file.
        Result<Step> step = parse_step(file, *list->get(i), key + "[" + std::to_string(i + 1) + "]", language);
        if (!step) return step.error();
        out.push_back(std::move(*step));
    }
    return {};
}

}  // namespace

Result<Routine> parse_routine(std::string_view toml_text, const std::string& file, const std::string& id,
                              const std::vector<std::string>& languages) {
    const toml::source_region top{};  // error_at shows it as 1:1
    if (id.empty()) return error_at(file, top, "", "a routine file needs a name before .toml");
    // "rotate" is the config's word for "take turns through all routines".
    if (id == "rotate") return error_at(file, top, "", "\"rotate\" is reserved; rename the file");

    Result<toml::table> doc = detail::parse_toml(toml_text, file);
    if (!doc) return doc.error();

    Routine routine;
    routine.id = id;
    routine.place = "anywhere";
    // The default safety line is ours, so it comes in the user's language
    // from the catalog, also for a routine that has no translation.
    routine.safety = tr(kDefaultSafety);
    const toml::node* name = nullptr;
    std::vector<const toml::node*> steps;
    Translations translations;
    const Fields fields = {
        {"translation", translations_field(file, translations, false)},
        {"name", marking(detail::string_field(file, routine.name), name)},
        {"summary", detail::string_field(file, routine.summary)},
        {"place", choice_field(file, routine.place, {"desk", "seated", "floor", "anywhere"})},
        {"needs", detail::string_list_field(file, routine.needs, {}, 4, 40)},
        {"safety", detail::string_field(file, routine.safety)},
        {"step", steps_field(steps)},
    };
    if (Result<void> r = detail::read_fields(file, *doc, "", fields); !r) return r.error();
    const std::string language = pick_language(translations, languages);
    for (const toml::node* list : steps)
        if (Result<void> r = parse_steps(file, *list, "step", language, routine.steps); !r) return r.error();
    if (const auto it = translations.find(language); it != translations.end()) {
        const Words& w = it->second;
        put(routine.name, w.name);
        put(routine.summary, w.summary);
        put(routine.safety, w.safety);
        if (w.has_needs) routine.needs = w.needs;
    }
    if (!name) return error_at(file, doc->source(), "name", "missing (every routine needs a name)");
    if (routine.steps.empty()) return error_at(file, doc->source(), "step", "no steps (add at least one [[step]])");
    return routine;
}

// Fills in where each step's figure is; a named figure that is nowhere is
// noted (the routine still runs, without that picture).
void find_figures(Routine& routine, const std::string& file, const std::vector<std::string>& figure_dirs,
                  std::vector<std::string>& missing) {
    for (std::size_t i = 0; i < routine.steps.size(); ++i) {
        Step& step = routine.steps[i];
        if (step.figure.empty()) continue;
        step.figure_path = find_figure(routine.dir, step.figure, figure_dirs);
        if (!step.figure_path.empty()) continue;
        std::string looked;
        for (const std::string& c : figure_candidates(routine.dir, step.figure, figure_dirs))
            looked += (looked.empty() ? "" : ", ") + c;
        missing.push_back(file + ": step[" + std::to_string(i + 1) + "].figure: no file for \"" + step.figure +
                          "\" (looked for " + looked + ")");
    }
}

RoutineSet load_routines(const std::vector<std::string>& dirs, const std::vector<std::string>& figure_dirs,
                         const std::vector<std::string>& languages) {
    std::map<std::string, Routine> by_id;  // later directories overwrite earlier ones
    RoutineSet set;
    for (const std::string& dir : dirs) {
        std::error_code ec;
        if (!fs::is_directory(dir, ec)) continue;
        std::vector<fs::path> files;
        for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
            const fs::path& p = it->path();
            // Dot files are editor leftovers and hidden copies, not routines.
            if (p.extension() == ".toml" && p.filename().string().front() != '.' && it->is_regular_file(ec))
                files.push_back(p);
        }
        if (ec) set.skipped.push_back({dir, dir + ": cannot list: " + ec.message()});
        std::sort(files.begin(), files.end());
        for (const fs::path& p : files) {
            Result<std::string> text = detail::read_text_file(p.string());
            Result<Routine> r = text ? parse_routine(*text, p.string(), p.stem().string(), languages) : Result<Routine>(text.error());
            // A broken override leaves the earlier routine of that id in place.
            if (r) {
                set.read.push_back(p.string());
                r->dir = dir;
                find_figures(*r, p.string(), figure_dirs, set.missing_figures);
                by_id.insert_or_assign(r->id, std::move(*r));
            }
            else set.skipped.push_back({p.string(), r.error().message});
        }
    }
    for (auto& [id, routine] : by_id) set.routines.push_back(std::move(routine));
    return set;
}

}  // namespace limber::config
