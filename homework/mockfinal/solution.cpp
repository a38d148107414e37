#include "solution.hpp"

#include "core/error.hpp"
#include "report/table.hpp"

namespace mockfinal {

std::uint64_t variant(const dlc::Case& c) { return c.number("--variant"); }

void present(dlc::Case& c, const std::string& question, const std::string& answer, const std::string& lecture,
             const std::string& lecture_case, const std::string& work) {
    auto& out = c.out();
    const std::uint64_t v = variant(c);
    const std::string title = v == 0 ? "Question" : "Question (practice variant " + std::to_string(v) + ")";
    out << title << "\n" << std::string(title.size(), '-') << "\n" << question << "\n";
    out << "Answer\n------\n" << answer << "\n";
    out << "Computation (the " << lecture << " lecture's case " << lecture_case << ": ./course lecture " << lecture
        << " --case " << lecture_case << (v == 0 ? "" : ", on this variant's numbers") << ")\n------------\n"
        << work << "\n";
    out << "Errata in the handout's solution\n--------------------------------\n";
    const nlohmann::json& r = c.results();
    if (v != 0) {
        out << "none to check: a practice variant has no handout.\n";
    } else if (!r.contains("errata") || r.at("errata").empty()) {
        out << "none: every printed number and formula that the computation checks agrees with it.\n";
    } else {
        for (const auto& e : r.at("errata"))
            out << "- " << e.at("quantity").get<std::string>() << ": the handout prints "
                << e.at("handout").get<std::string>() << "; computed " << e.at("computed").get<std::string>() << ". "
                << e.at("note").get<std::string>() << "\n";
    }
    if (r.contains("notes") && !r.at("notes").empty())
        out << "(" << r.at("notes").size() << " note" << (r.at("notes").size() == 1 ? "" : "s")
            << " on notation above, marked NOTE: not errors.)\n";
    c.set("question", question);
    c.set("answer", answer);
}

std::string number(const nlohmann::json& v, int digits) { return dlc::fmt(v.get<double>(), digits); }

std::string point(const nlohmann::json& v, int digits) {
    std::string s = "(";
    for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + number(v.at(i), digits);
    return s + ")";
}

const nlohmann::json& result(const dlc::Case& c, const std::string& name) {
    const nlohmann::json& r = c.results();
    if (!r.contains(name))
        throw dlc::DataError(c.id(), "the lecture case recorded no result '" + name +
                                         "' (the mock final reads its answer from it)");
    return r.at(name);
}

}  // namespace mockfinal
