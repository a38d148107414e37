// The exercise checks' comparisons and reports (check.hpp).
#include "common/check.hpp"

#include "core/not_implemented.hpp"
#include "report/table.hpp"

#include <algorithm>
#include <cmath>
#include <exception>
#include <sstream>

namespace dlc::exercise {

namespace {

std::string show_from(const Tensor<double>& t, std::size_t axis, std::size_t offset) {
    if (axis == t.dimension()) return fmt(t.data()[offset]);
    std::size_t stride = 1;
    for (std::size_t a = axis + 1; a < t.dimension(); ++a) stride *= t.shape(a);
    std::string s = "(";
    for (std::size_t i = 0; i < t.shape(axis); ++i) s += (i ? ", " : "") + show_from(t, axis + 1, offset + i * stride);
    return s + ")";
}

bool same_shape(const Tensor<double>& a, const Tensor<double>& b) {
    return a.dimension() == b.dimension() && std::equal(a.shape().begin(), a.shape().end(), b.shape().begin());
}

// |r - e| <= 1e-8 + 1e-6 |e| in every entry (NaN never matches).
bool matches(const Tensor<double>& expected, const Tensor<double>& received) {
    if (!same_shape(expected, received)) return false;
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const double e = expected.data()[i], r = received.data()[i];
        if (!(std::abs(r - e) <= 1e-8 + 1e-6 * std::abs(e))) return false;
    }
    return true;
}

std::string with_shape(const Tensor<double>& t) {
    if (t.dimension() == 0) return show(t);
    std::string shape = "shape (";
    for (std::size_t a = 0; a < t.dimension(); ++a) shape += (a ? ", " : "") + std::to_string(t.shape(a));
    if (t.dimension() == 1) shape += ",";
    return show(t) + "   [" + shape + ")]";
}

}  // namespace

std::string show(const Tensor<double>& t) {
    if (t.size() == 0 && t.dimension() > 0) return "(empty)";
    return show_from(t, 0, 0);
}

void Checker::fail(const std::string& quantity, const std::string& expected, const std::string& received,
                   const std::string& hint) {
    std::ostringstream s;
    s << "    input:    " << input_ << "\n"
      << "    " << quantity << ":\n"
      << "      expected " << expected << "\n"
      << "      received " << received << "\n"
      << "    hint: " << hint << "\n";
    result_.failures.push_back(s.str());
    result_.hints.push_back(hint);
    result_.status = Status::wrong;
}

void Checker::close(const std::string& quantity, const Tensor<double>& expected, const Tensor<double>& received,
                    const std::vector<Mistake>& mistakes, const std::string& otherwise) {
    ++result_.checks;
    if (matches(expected, received)) return;
    std::string hint = otherwise;
    for (const Mistake& m : mistakes)
        if (matches(m.value, received)) {
            hint = m.hint;
            break;
        }
    if (!same_shape(expected, received) && hint == otherwise)
        hint = "the shape is wrong; " + otherwise;
    fail(quantity, with_shape(expected), with_shape(received), hint);
}

void Checker::close(const std::string& quantity, double expected, double received, const std::vector<Mistake>& mistakes,
                    const std::string& otherwise) {
    close(quantity, Tensor<double>(expected), Tensor<double>(received), mistakes, otherwise);
}

void Checker::gradient(const std::string& quantity, const Tensor<double>& numerical, const Tensor<double>& received,
                       const std::string& hint) {
    ++result_.checks;
    if (!same_shape(numerical, received)) {
        fail(quantity + " (against central differences of your forward)", with_shape(numerical), with_shape(received),
             "the shape is wrong: a gradient has the shape of what it differentiates; " + hint);
        return;
    }
    double worst = 0;
    for (std::size_t i = 0; i < received.size(); ++i) {
        const double g = received.data()[i], n = numerical.data()[i];
        const double e = std::abs(g - n) / std::max({std::abs(g), std::abs(n), 1e-3});
        worst = std::isnan(e) ? INFINITY : std::max(worst, e);
    }
    if (worst <= 1e-5) return;
    fail(quantity + " (against central differences of your forward; largest relative error " + fmt(worst, 3) + ")",
         with_shape(numerical), with_shape(received), hint);
}

FunctionResult run(const FunctionCheck& check) {
    FunctionResult result;
    result.function = check.function;
    result.formula = check.formula;
    Checker checker(result);
    try {
        check.run(checker);
    } catch (const NotImplemented& e) {
        result.status = Status::not_written;
        result.not_written = e.what();
    } catch (const std::exception& e) {
        result.status = Status::wrong;
        const std::string hint = std::string("your function threw: ") + e.what();
        result.failures.push_back("    " + hint + "\n");
        result.hints.push_back(hint);
    }
    return result;
}

std::string report(const FunctionResult& r) {
    std::ostringstream s;
    if (r.status == Status::right) {
        s << "right  " << r.function << "  (" << r.checks << (r.checks == 1 ? " check)" : " checks)") << "\n";
    } else if (r.status == Status::crashed) {
        s << "CRASH  " << r.function << "\n       " << r.formula << "\n" << r.failures.front();
    } else if (r.status == Status::not_checked) {
        s << "       " << r.function << ": not checked (the checks stopped at the crash)\n";
    } else if (r.status == Status::not_written) {
        s << "----   " << r.function << ": not written yet\n       " << r.formula << "\n";
        // Written, but calling another function of the set that is not (its message names that one).
        if (r.not_written.rfind("not written yet: " + r.function, 0) != 0)
            s << "       (it calls a function that is not written yet: " << r.not_written << ")\n";
    } else {
        const std::size_t n = std::max(r.checks, r.failures.size());  // a check that threw made no comparison
        s << "WRONG  " << r.function << "  (" << r.failures.size() << " of " << n << (n == 1 ? " check" : " checks")
          << " failed)\n       " << r.formula << "\n";
        s << r.failures.front();  // the first failure only: the later ones often follow from it
        if (r.failures.size() > 1)
            s << "    (" << r.failures.size() - 1 << " more failed check" << (r.failures.size() == 2 ? "" : "s")
              << " not shown: fix this one first)\n";
    }
    return s.str();
}

std::string summary(const std::string& set, const std::vector<FunctionResult>& results) {
    std::size_t right = 0, wrong = 0, missing = 0, crashed = 0, unchecked = 0;
    for (const auto& r : results) {
        if (r.status == Status::right) ++right;
        else if (r.status == Status::wrong) ++wrong;
        else if (r.status == Status::not_written) ++missing;
        else if (r.status == Status::crashed) ++crashed;
        else ++unchecked;
    }
    std::ostringstream s;
    s << set << ": " << right << " of " << results.size() << " functions right";
    std::vector<std::string> parts;
    if (wrong) parts.push_back(std::to_string(wrong) + " wrong");
    if (crashed) parts.push_back(std::to_string(crashed) + " crashed");
    if (missing) parts.push_back(std::to_string(missing) + " not written yet");
    if (unchecked) parts.push_back(std::to_string(unchecked) + " not checked");
    for (std::size_t i = 0; i < parts.size(); ++i) s << (i ? ", " : " (") << parts[i] << (i + 1 == parts.size() ? ")" : "");
    s << ".";
    return s.str();
}

Tensor<double> numerical_gradient(const std::function<double(const Tensor<double>&)>& f, const Tensor<double>& x,
                                  double h) {
    Tensor<double> g = xt::zeros_like(x), probe = x;
    for (std::size_t j = 0; j < x.size(); ++j) {
        auto at = [&](double step) {
            probe.data()[j] = x.data()[j] + step;
            const double v = f(probe);
            probe.data()[j] = x.data()[j];
            return v;
        };
        g.data()[j] = (8 * (at(h) - at(-h)) - (at(2 * h) - at(-2 * h))) / (12 * h);
    }
    return g;
}

}  // namespace dlc::exercise
