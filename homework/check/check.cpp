// Comparing an answers file with the right values: one verdict per entry, then one per unanswered key.
#include "answer_key.hpp"

#include "core/error.hpp"
#include "core/expression.hpp"
#include "report/table.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <optional>

namespace answers {

namespace {

// The right value at `pointer`, nested arrays flattened row by row.
std::vector<double> flat_numbers(const nlohmann::json& j) {
    std::vector<double> out;
    if (j.is_array()) {
        for (const auto& item : j) {
            const auto sub = flat_numbers(item);
            out.insert(out.end(), sub.begin(), sub.end());
        }
    } else {
        out.push_back(j.get<double>());
    }
    return out;
}

std::string list_text(const std::vector<double>& v) {
    std::string s = "[";
    for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + dlc::fmt(v[i], 6);
    return s + "]";
}

const char* kind_name(Kind k) {
    switch (k) {
        case Kind::number: return "a number";
        case Kind::integer: return "a whole number";
        case Kind::boolean: return "true or false";
        case Kind::numbers: return "a list of numbers [a, b, ...]";
        case Kind::integers: return "a list of whole numbers [a, b, ...]";
        case Kind::choice: return "one of the options, in quotes";
        case Kind::expression: return "a formula in quotes";
    }
    return "";
}

bool close(double yours, double right, const Answer& a) {
    return std::abs(yours - right) <= std::max(a.absolute, a.relative * std::abs(right));
}

bool all_close(const std::vector<double>& yours, const std::vector<double>& right, const Answer& a) {
    if (yours.size() != right.size()) return false;
    for (std::size_t i = 0; i < right.size(); ++i)
        if (!close(yours[i], right[i], a)) return false;
    return true;
}

// Every sign flipped (and not all zero): a typical slip in a gradient.
bool opposite(const std::vector<double>& yours, std::vector<double> right, const Answer& a) {
    bool nonzero = false;
    for (double& r : right) {
        nonzero = nonzero || std::abs(r) > a.absolute;
        r = -r;
    }
    return nonzero && all_close(yours, right, a);
}

// The numbers of a number or list answer (empty for other values).
std::vector<double> given_numbers(const TomlValue& v) {
    if (v.kind == TomlValue::Kind::number) return {v.number};
    if (v.kind == TomlValue::Kind::array) return v.numbers;
    return {};
}

// Edit distance, for "did you mean" on unknown keys.
std::size_t distance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diag = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diag = up;
        }
    }
    return row[b.size()];
}

std::string suggestion(const std::string& key, const AnswerKey& k) {
    std::string best;
    std::size_t best_d = 4;  // suggest only close names
    const std::string tail = key.substr(key.find('.') == std::string::npos ? 0 : key.find('.') + 1);
    for (const auto& a : k.answers) {
        const std::string a_tail = a.key.substr(a.key.find('.') + 1);
        const bool prefix = a_tail.rfind(tail, 0) == 0 || tail.rfind(a_tail, 0) == 0;  // w_opt / w_optimum
        const std::size_t d = std::min(distance(key, a.key), tail == a_tail ? std::size_t{1} : prefix ? std::size_t{2} : std::size_t{99});
        if (d < best_d) {
            best_d = d;
            best = a.key;
        }
    }
    return best.empty() ? "not a key of " + k.problem_set + " (./course check " + k.problem_set + " --template lists them)"
                        : "not a key of " + k.problem_set + "; did you mean " + best + "?";
}

// A choice as compared: lower case, without spaces, '-', '_', parentheses and '|' ("Encoder-Decoder" ->
// "encoderdecoder", "-log|det M|" -> "logdetm" with its sign kept: "-logdetm").
std::string normalized(const std::string& text) {
    std::string out;
    for (char ch : text) {
        if (ch == ' ' || ch == '\t' || ch == '-' || ch == '_' || ch == '(' || ch == ')' || ch == '|') {
            if (ch == '-' && out.empty()) out += '-';  // a leading minus is a sign, not a separator
            continue;
        }
        out += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    }
    return out;
}

const Option* find_option(const Answer& a, const std::string& text) {
    const std::string n = normalized(text);
    for (const Option& o : a.options) {
        if (normalized(o.name) == n) return &o;
        for (const std::string& alias : o.aliases)
            if (normalized(alias) == n) return &o;
    }
    return nullptr;
}

void judge_choice(const Answer& a, const TomlValue& yours, const nlohmann::json& right_json, Verdict& v) {
    const std::string right = right_json.get<std::string>();
    v.expected = "\"" + right + "\"";
    v.tolerance = "exact";
    std::string names;
    for (const Option& o : a.options) names += (names.empty() ? "\"" : ", \"") + o.name + "\"";
    v.status = Verdict::Status::wrong;
    if (yours.kind != TomlValue::Kind::string) {
        v.note = "expected one of " + names + " in quotes";
        return;
    }
    const Option* chosen = find_option(a, yours.text);
    if (chosen == nullptr) {
        v.note = "'" + yours.text + "' is not one of the options " + names;
        return;
    }
    if (chosen->name == right) {
        v.status = Verdict::Status::right;
        return;
    }
    v.note = a.question + (chosen->hint.empty() ? "" : "; " + chosen->hint);
}

// An expression is right when it agrees with the program's value at every sample point.
void judge_expression(const Answer& a, const TomlValue& yours, const nlohmann::json& right_json, Verdict& v) {
    const Samples& s = a.samples;
    v.tolerance = dlc::fmt(100 * a.relative, 3) + "% relative (or " + dlc::fmt(a.absolute) + ") at " +
                  std::to_string(right_json.size()) + " points";
    v.status = Verdict::Status::wrong;
    if (right_json.empty()) throw dlc::DataError("check", a.pointer + " holds no sample points");
    const auto& mid = right_json.at(right_json.size() / 2);
    v.expected = "the program's values at " + s.variable + " = " + dlc::fmt(right_json.front().at(s.point).get<double>()) +
                 ", ..., " + dlc::fmt(right_json.back().at(s.point).get<double>()) + ", e.g. " +
                 dlc::fmt(mid.at(s.value).get<double>(), 6) + " at " + s.variable + " = " +
                 dlc::fmt(mid.at(s.point).get<double>());
    if (yours.kind != TomlValue::Kind::string) {
        v.note = "expected a formula in " + s.variable + " in quotes, e.g. \"1 - " + s.variable + "^2\"";
        return;
    }
    std::optional<dlc::Expression> formula;
    try {
        formula = dlc::Expression::parse(yours.text, s.variable);
    } catch (const dlc::ValueError& e) {
        v.note = std::string("not a formula this checker reads: ") + e.what();
        return;
    }
    for (const auto& sample : right_json) {
        const double at = sample.at(s.point).get<double>(), right = sample.at(s.value).get<double>();
        const double mine = (*formula)(at);
        if (!close(mine, right, a)) {  // NaN or inf never close
            v.note = a.question + "; at " + s.variable + " = " + dlc::fmt(at) + " yours gives " + dlc::fmt(mine, 6) +
                     ", the right value is " + dlc::fmt(right, 6);
            return;
        }
    }
    v.status = Verdict::Status::right;
}

// Fills v.expected, v.tolerance and the status for one given answer.
void judge(const Answer& a, const TomlValue& yours, const nlohmann::json& right_json, Verdict& v) {
    const auto wrong_type = [&] {
        v.status = Verdict::Status::wrong;
        v.note = std::string("expected ") + kind_name(a.kind);
    };
    const std::string rel = dlc::fmt(100 * a.relative, 3) + "% relative (or " + dlc::fmt(a.absolute) + ")";
    switch (a.kind) {
        case Kind::choice: return judge_choice(a, yours, right_json, v);
        case Kind::expression: return judge_expression(a, yours, right_json, v);
        case Kind::boolean: {
            const bool right = right_json.get<bool>();
            v.expected = right ? "true" : "false";
            v.tolerance = "exact";
            if (yours.kind != TomlValue::Kind::boolean) return wrong_type();
            v.status = yours.boolean == right ? Verdict::Status::right : Verdict::Status::wrong;
            return;
        }
        case Kind::number:
        case Kind::integer: {
            const double right = flat_numbers(right_json).at(0);
            v.expected = dlc::fmt(right, 6);
            v.tolerance = a.kind == Kind::integer ? "exact" : rel;
            if (yours.kind != TomlValue::Kind::number) return wrong_type();
            if (a.kind == Kind::integer && yours.number != std::floor(yours.number)) return wrong_type();
            const bool ok = a.kind == Kind::integer ? yours.number == right : close(yours.number, right, a);
            v.status = ok ? Verdict::Status::right : Verdict::Status::wrong;
            return;
        }
        case Kind::numbers:
        case Kind::integers: {
            const std::vector<double> right = flat_numbers(right_json);
            v.expected = list_text(right);
            v.tolerance = a.kind == Kind::integers ? "exact" : rel + " each";
            if (yours.kind != TomlValue::Kind::array) return wrong_type();
            if (yours.numbers.size() != right.size()) {
                v.status = Verdict::Status::wrong;
                v.note = "expected " + std::to_string(right.size()) + " numbers, got " +
                         std::to_string(yours.numbers.size());
                return;
            }
            bool ok = true;
            for (std::size_t i = 0; i < right.size(); ++i)
                ok = ok && (a.kind == Kind::integers ? yours.numbers[i] == right[i] : close(yours.numbers[i], right[i], a));
            v.status = ok ? Verdict::Status::right : Verdict::Status::wrong;
            return;
        }
    }
}

}  // namespace

std::vector<std::string> cases_answered(const AnswerKey& key, const std::vector<TomlEntry>& entries) {
    std::vector<std::string> ids;
    for (const Answer& a : key.answers) {
        const bool given = std::any_of(entries.begin(), entries.end(), [&](const TomlEntry& e) { return e.full_key() == a.key; });
        const std::string prefix = "/cases/";
        if (!given || a.pointer.rfind(prefix, 0) != 0) continue;
        const std::string id = a.pointer.substr(prefix.size(), a.pointer.find('/', prefix.size()) - prefix.size());
        if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
    }
    return ids;
}

std::vector<Verdict> check(const AnswerKey& key, const std::vector<TomlEntry>& entries, const nlohmann::json& results) {
    std::map<std::string, const Answer*> by_key;
    for (const auto& a : key.answers) by_key[a.key] = &a;
    std::vector<Verdict> verdicts;
    std::map<std::string, bool> given;
    for (const auto& e : entries) {
        Verdict v;
        v.key = e.full_key();
        v.yours = e.value.source;
        v.line = e.line;
        const auto it = by_key.find(v.key);
        if (it == by_key.end()) {
            v.status = Verdict::Status::unknown;
            v.note = suggestion(v.key, key);
        } else {
            const Answer& a = *it->second;
            const nlohmann::json::json_pointer ptr(a.pointer);
            if (!results.contains(ptr))
                throw dlc::DataError("check", key.program + "'s results have no " + a.pointer +
                                                  " (for " + a.key + "); is the program up to date?");
            judge(a, e.value, results.at(ptr), v);
            if (v.status == Verdict::Status::wrong && v.note.empty()) {
                const std::vector<double> mine = given_numbers(e.value);
                if (!mine.empty() && opposite(mine, flat_numbers(results.at(ptr)), a))
                    v.note = a.question + "; every sign is flipped (the right value is the negative of yours)";
                // The first mistake that matches explains it (the key lists them from the likeliest).
                for (const Mistake& m : a.mistakes) {
                    const nlohmann::json::json_pointer mp(m.pointer);
                    if (!mine.empty() && results.contains(mp) && all_close(mine, flat_numbers(results.at(mp)), a)) {
                        v.note = a.question + "; " + m.hint;
                        break;
                    }
                }
            }
            if (v.status == Verdict::Status::wrong && v.note.empty()) v.note = a.question;
            given[v.key] = true;
        }
        verdicts.push_back(v);
    }
    for (const auto& a : key.answers)
        if (!given.count(a.key)) {
            Verdict v;
            v.key = a.key;
            v.status = Verdict::Status::missing;
            v.note = a.question;
            verdicts.push_back(v);
        }
    return verdicts;
}

}  // namespace answers
