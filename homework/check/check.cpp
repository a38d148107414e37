// Comparing an answers file with the right values: one verdict per entry, then one per unanswered key.
#include "answer_key.hpp"

#include "core/error.hpp"
#include "report/table.hpp"

#include <algorithm>
#include <cmath>
#include <map>

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
    }
    return "";
}

bool close(double yours, double right, const Answer& a) {
    return std::abs(yours - right) <= std::max(a.absolute, a.relative * std::abs(right));
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
    return best.empty() ? "not a key of " + k.problem_set + " (see homework/" + k.problem_set + "/answers-template.toml)"
                        : "not a key of " + k.problem_set + "; did you mean " + best + "?";
}

// Fills v.expected, v.tolerance and the status for one given answer.
void judge(const Answer& a, const TomlValue& yours, const nlohmann::json& right_json, Verdict& v) {
    const auto wrong_type = [&] {
        v.status = Verdict::Status::wrong;
        v.note = std::string("expected ") + kind_name(a.kind);
    };
    const std::string rel = dlc::fmt(100 * a.relative, 3) + "% relative (or " + dlc::fmt(a.absolute) + ")";
    switch (a.kind) {
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
            if (v.status == Verdict::Status::wrong && e.value.kind == TomlValue::Kind::number)
                for (const Mistake& m : a.mistakes) {
                    const nlohmann::json::json_pointer mp(m.pointer);
                    if (results.contains(mp) && close(e.value.number, flat_numbers(results.at(mp)).at(0), a))
                        v.note = a.question + "; " + m.hint;
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
