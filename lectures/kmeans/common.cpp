#include "common.hpp"

#include "cluster/kmeans.hpp"
#include "report/json.hpp"
#include "report/table.hpp"

#include <algorithm>
#include <cmath>

namespace kmeans_lecture {

dlc::Matrix<double> mockfinal_q1_points() { return {{-0.01, 1.0}, {1.0, 1.0}, {0.01, -1.0}, {-1.0, -1.0}}; }

std::string cells_str(const dlc::Labels& c, std::size_t k) {
    std::string s;
    for (std::size_t j = 0; j < k; ++j) {
        s += (j ? ", V" : "V") + std::to_string(j + 1) + " = {";
        bool first = true;
        for (std::size_t i = 0; i < c.size(); ++i) {
            if (c(i) != j) continue;
            s += (first ? "x" : ", x") + std::to_string(i + 1);
            first = false;
        }
        s += "}";
    }
    return s;
}

nlohmann::json cells_json(const dlc::Labels& c, std::size_t k) {
    nlohmann::json cells = nlohmann::json::array();
    for (std::size_t j = 0; j < k; ++j) {
        nlohmann::json cell = nlohmann::json::array();
        for (std::size_t i = 0; i < c.size(); ++i)
            if (c(i) == j) cell.push_back(i + 1);
        cells.push_back(cell);
    }
    return cells;
}

nlohmann::json rows_json(const dlc::Matrix<double>& M) { return dlc::to_json_value(M); }

double max_abs_diff(const dlc::Matrix<double>& a, const dlc::Matrix<double>& b) {
    double m = 0.0;
    for (std::size_t i = 0; i < a.size(); ++i) m = std::max(m, std::abs(a.flat(i) - b.flat(i)));
    return m;
}

Box bounding_box(const dlc::Matrix<double>& X, double pad) {
    Box b{X(0, 0), X(0, 0), X(0, 1), X(0, 1)};
    for (std::size_t i = 0; i < X.shape(0); ++i) {
        b.xmin = std::min(b.xmin, X(i, 0));
        b.xmax = std::max(b.xmax, X(i, 0));
        b.ymin = std::min(b.ymin, X(i, 1));
        b.ymax = std::max(b.ymax, X(i, 1));
    }
    const double px = pad * std::max(b.xmax - b.xmin, 1e-9), py = pad * std::max(b.ymax - b.ymin, 1e-9);
    return Box{b.xmin - px, b.xmax + px, b.ymin - py, b.ymax + py};
}

dlc::plot::Figure voronoi_figure(const std::string& name, const std::string& title, const dlc::Matrix<double>& X,
                                 const dlc::Matrix<double>& centres, const dlc::Labels& cells, const Box& box,
                                 const dlc::Matrix<double>* moved_to) {
    dlc::plot::Figure fig(name);
    const std::size_t k = centres.shape(0);
    std::vector<std::string> names;
    for (std::size_t j = 0; j < k; ++j) names.push_back("cell " + std::to_string(j + 1));
    fig.title(title)
        .xlabel("x1")  // callers with named coordinates (Old Faithful) relabel
        .ylabel("x2")
        .equal_aspect()
        .legend(dlc::plot::Legend::outside)
        .xrange(box.xmin, box.xmax)
        .yrange(box.ymin, box.ymax)
        .regions(box.xmin, box.xmax, box.ymin, box.ymax, 300,
                 [&](double x, double y) {
                     std::size_t best = 0;
                     double best_d = INFINITY;
                     for (std::size_t j = 0; j < k; ++j) {
                         const double d = (x - centres(j, 0)) * (x - centres(j, 0)) +
                                          (y - centres(j, 1)) * (y - centres(j, 1));
                         if (d < best_d) best_d = d, best = j;
                     }
                     return best;
                 })
        .scatter(X, cells, names, dlc::plot::PointStyle::dot(X.shape(0) > 50 ? 0.6 : 1.5));
    if (moved_to) {
        dlc::plot::LineStyle arrow;
        arrow.colour = "#222222";
        fig.scatter(centres, "old centres", dlc::plot::PointStyle{dlc::plot::Marker::open_square, 1.8, 2.0, "#222222"})
            .arrows(centres, *moved_to, "centre moves to the cell mean", arrow)
            .centres(*moved_to, "new centres");
    } else {
        fig.centres(centres, "centres");
    }
    return fig;
}

std::string v2(double a, double b) { return "(" + dlc::fmt(a) + ", " + dlc::fmt(b) + ")"; }

void add_weight_paths(dlc::plot::Figure& fig, const dlc::Matrix<double>& initial_weights,
                      const std::vector<dlc::CompetitiveStep<double>>& trace, const std::string& what) {
    for (std::size_t i = 0; i < initial_weights.shape(0); ++i) {
        std::vector<double> px{initial_weights(i, 0)}, py{initial_weights(i, 1)};
        for (const auto& s : trace) {
            px.push_back(s.weights_after(i, 0));
            py.push_back(s.weights_after(i, 1));
        }
        dlc::plot::LineStyle ls;
        ls.points = true;
        ls.marker = dlc::plot::Marker::square;
        ls.point_size = 1.2;
        fig.lines(px, py, "w" + std::to_string(i + 1) + " " + what, ls);
    }
}

}  // namespace kmeans_lecture
