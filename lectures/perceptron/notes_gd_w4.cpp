// L8 notes: gradient descent on R(w) = w^4 from w(0) = 1 with eta = 1/8 (the handout prints w(2) = 3/16)
// and with eta = 1/2 ("what if eta is too big?").
#include "cases.hpp"
#include "common.hpp"

#include "neuron/gd_1d.hpp"
#include "plot/figure.hpp"
#include "report/table.hpp"

#include <cmath>

namespace perceptron_lecture {

namespace {

double R(double w) { return w * w * w * w; }
double dR(double w) { return 4 * w * w * w; }

dlc::Gd1dResult run(double w0, double eta, std::size_t max_it, double tol = 1e-6) {
    dlc::Gd1dOptions o;
    o.eta = eta;
    o.max_iterations = max_it;
    o.gradient_tolerance = tol;
    o.blowup = 1e6;
    return dlc::gradient_descent_1d(R, dR, w0, o);
}

std::vector<double> head(const std::vector<double>& v, std::size_t n) {
    return std::vector<double>(v.begin(), v.begin() + std::min(n, v.size()));
}

}  // namespace

void notes_gd_w4(dlc::Case& c) {
    auto& out = c.out();
    out << "R(w) = w^4, R'(w) = 4 w^3, w(t) = w(t-1) - eta R'(w(t-1)) = [1 - 4 eta w(t-1)^2] w(t-1), w(0) = 1.\n\n"
        << "(a) eta = 1/8:\n";
    const auto a = run(1.0, 0.125, 200000);
    dlc::TextTable t({"t", "w(t)", "decimal", "R(w(t))", "factor 1 - 4 eta w^2"});
    for (std::size_t i = 0; i <= 5 && i < a.w.size(); ++i)
        t.row({std::to_string(i), dyadic(a.w[i]), dlc::fmt(a.w[i], 8), dlc::fmt(a.value[i], 6),
               dlc::fmt(1 - 0.5 * a.w[i] * a.w[i], 6)});
    out << t.str();
    out << "w(1) = 1 - 4 * 1^3 / 8 = 1/2; w(2) = 1/2 - 4 (1/2)^3 / 8 = 1/2 - 1/16 = 7/16.\n";
    if (a.w[1] == 0.5) c.agrees("w(1)", dyadic(a.w[1]));
    else c.erratum("w(1)", "1/2", dyadic(a.w[1]), "1 - 4 * 1 / 8");
    if (std::abs(a.w[2] - 3.0 / 16) > 1e-15)
        c.erratum("w(2) for eta = 1/8 (L8 notes, typed and handwritten)", "3/16", dyadic(a.w[2]),
                  "w(2) = 1/2 - 4 (1/2)^3 (1/8) = 1/2 - 1/16 = 7/16 = 0.4375; 3/16 would need a step of 5/16");
    else c.agrees("w(2)", dyadic(a.w[2]));
    // Convergence is sublinear: 1/w^2 grows by about 8 eta per step, so w(t) ~ 1/sqrt(8 eta t).
    const std::size_t T = a.iterations;
    out << "It converges to 0, slowly: the factor 1 - w^2/2 tends to 1. Since 1/w(t)^2 - 1/w(t-1)^2 -> 8 eta = 1, "
        << "w(t) ~ 1/sqrt(t): w(100) = " << dlc::fmt(a.w[100], 6) << " (1/sqrt(100) = 0.1), w(1000) = "
        << dlc::fmt(a.w[1000], 6) << ". |R'(w)| < 1e-6 first at t = " << T << " (w = " << dlc::fmt(a.w[T], 4) << "): "
        << dlc::outcome_name(a.outcome) << ".\n\n";
    c.set("eta_1_8_first_iterates", head(a.w, 6));
    c.set("eta_1_8_first_iterates_exact", [&] {
        nlohmann::json j = nlohmann::json::array();
        for (std::size_t i = 0; i <= 3; ++i) j.push_back(dyadic(a.w[i]));
        return j;
    }());
    c.set("eta_1_8_w2", a.w[2]);
    c.set("eta_1_8_outcome", dlc::outcome_name(a.outcome));
    c.set("eta_1_8_steps_to_gradient_1e-6", T);
    c.set("eta_1_8_w100", a.w[100]);

    out << "(b) eta = 1/2:\n";
    const auto b = run(1.0, 0.5, 100);
    dlc::TextTable tb({"t", "w(t)", "factor 1 - 4 eta w^2"});
    for (std::size_t i = 0; i < b.w.size(); ++i)
        tb.row({std::to_string(i), dyadic(b.w[i]), dlc::fmt(1 - 2 * b.w[i] * b.w[i])});
    out << tb.str() << "w(1) = 1 - 4/2 = -1, w(2) = -1 + 4/2 = 1: " << b.diagnosis
        << ". It neither converges nor diverges: w = +-1 is a 2-cycle of the map w -> w - 2 w^3.\n";
    c.set("eta_1_2_iterates", b.w);
    c.set("eta_1_2_outcome", dlc::outcome_name(b.outcome));
    c.set("eta_1_2_cycle_period", b.cycle_period);

    // The cycle is unstable: d/dw (w - 2 w^3) = 1 - 6 w^2 = -5 at +-1, so two steps multiply a deviation by 25.
    const auto up = run(1.001, 0.5, 100), down = run(0.999, 0.5, 100000);
    out << "The cycle is unstable (the map's slope 1 - 6 w^2 = -5 at w = +-1): from w(0) = 1.001 the run "
        << dlc::outcome_name(up.outcome) << " (" << up.diagnosis << "); from w(0) = 0.999 it "
        << dlc::outcome_name(down.outcome) << " to 0 (" << down.diagnosis << ").\n";
    c.set("eta_1_2_from_1.001", up.diagnosis);
    c.set("eta_1_2_from_0.999", down.diagnosis);

    // Which step sizes converge from w(0) = 1? |w| shrinks iff |1 - 4 eta w^2| < 1, i.e. eta w^2 < 1/2.
    out << "\nFrom w(0) = 1 the first factor is 1 - 4 eta: the run converges iff eta < 1/2 (then |w| decreases and "
           "every later factor is in (-1, 1)), cycles at eta = 1/2, and diverges for eta > 1/2:\n";
    dlc::TextTable sweep({"eta", "outcome", "steps", "last w"});
    nlohmann::json sweep_j = nlohmann::json::array();
    for (double eta : {0.125, 0.25, 0.375, 0.49, 0.5, 0.51, 1.0}) {
        const auto r = run(1.0, eta, 200000);
        sweep.row({dlc::fmt(eta), dlc::outcome_name(r.outcome), std::to_string(r.iterations), dlc::fmt(r.w.back(), 4)});
        sweep_j.push_back({{"eta", eta}, {"outcome", dlc::outcome_name(r.outcome)}, {"steps", r.iterations}});
    }
    out << sweep.str();
    c.set("eta_sweep", sweep_j);

    const std::size_t shown = 20;
    {
        dlc::plot::Figure fig("notes_gd_w4");
        std::vector<double> ts;
        for (std::size_t i = 0; i <= shown; ++i) ts.push_back(double(i));
        std::vector<double> wb;
        for (std::size_t i = 0; i <= shown; ++i) wb.push_back(i % 2 == 0 ? b.w[0] : b.w[1]);  // the 2-cycle repeats
        dlc::plot::LineStyle pa, pb, pu, pd;
        pa.points = pb.points = pu.points = pd.points = true;
        pb.marker = dlc::plot::Marker::square;
        pu.dashed = pd.dashed = true;
        pu.width = pd.width = 1.2;
        pu.point_size = pd.point_size = 0.5;
        std::vector<double> wu = head(up.w, shown + 1), tu(ts.begin(), ts.begin() + wu.size());
        fig.title("Gradient descent on R(w) = w^4 from w(0) = 1").xlabel("t").ylabel("w(t)").yrange(-2.2, 2.2)
            .legend(dlc::plot::Legend::below)
            .lines(ts, head(a.w, shown + 1), "eta = 1/8: converges (slowly)", pa)
            .lines(ts, wb, "eta = 1/2: the 2-cycle 1, -1, 1, ...", pb)
            .lines(tu, wu, "eta = 1/2 from 1.001: diverges", pu)
            .lines(ts, head(down.w, shown + 1), "eta = 1/2 from 0.999: converges", pd);
        c.figure(fig, "The iterates for eta = 1/8 and eta = 1/2, and how the eta = 1/2 cycle breaks when w(0) moves "
                      "by 0.001");
    }
    {
        dlc::plot::Figure fig("notes_gd_w4_on_R");
        const auto ws = linspace(-1.2, 1.2, 241);
        std::vector<double> rs;
        for (double w : ws) rs.push_back(R(w));
        dlc::plot::LineStyle curve, pa, pb;
        curve.colour = "#888888";
        pa.points = pb.points = true;
        pb.marker = dlc::plot::Marker::square;
        pb.dashed = true;
        std::vector<double> wa = head(a.w, 8), ra = head(a.value, 8);
        fig.title("The iterates on R(w) = w^4").xlabel("w").ylabel("R(w)").legend(dlc::plot::Legend::top_right)
            .lines(ws, rs, "R(w) = w^4", curve)
            .lines(wa, ra, "eta = 1/8: w(0..7)", pa)
            .lines(std::vector<double>{1, -1, 1}, std::vector<double>{1, 1, 1}, "eta = 1/2: 1 -> -1 -> 1", pb)
            .scatter(dlc::Matrix<double>{{3.0 / 16, R(3.0 / 16)}}, "the handout's w(2) = 3/16 (computed: 7/16)",
                     dlc::plot::PointStyle{dlc::plot::Marker::open_square, 2.2, 2.0, "#cc3311"});
        c.figure(fig, "The iterates on the graph of R: eta = 1/8 slides down to 0, eta = 1/2 jumps across the "
                      "valley between w = 1 and w = -1 forever");
    }
}

}  // namespace perceptron_lecture
