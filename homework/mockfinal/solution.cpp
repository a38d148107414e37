#include "solution.hpp"

#include "core/error.hpp"
#include "report/table.hpp"

namespace mockfinal {

void present(dlc::Case& c, const std::string& answer, const std::string& lecture, const std::string& lecture_case,
             const std::string& work) {
    auto& out = c.out();
    out << "Answer\n------\n" << answer << "\n";
    out << "Computation (the " << lecture << " lecture's case " << lecture_case << ": ./course lecture " << lecture
        << " --case " << lecture_case << ")\n------------\n"
        << work << "\n";
    out << "Errata in the handout's solution\n--------------------------------\n";
    const nlohmann::json& r = c.results();
    if (!r.contains("errata") || r.at("errata").empty()) {
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
