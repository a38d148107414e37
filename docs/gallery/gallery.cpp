// The figure gallery (docs/gallery.md): one figure of every kind dlc::plot draws, in the house style,
// each made by the call the gallery page quotes (the //! [name] markers delimit the \snippet blocks).
// Built and run by the `docs` target like a lecture program; its run page shows the run page's
// kinds of results too (a matrix, a long array, a table of records, a note with a formula).
#include "app/program.hpp"
#include "core/tensor.hpp"
#include "plot/figure.hpp"
#include "report/json.hpp"

#include <xtensor/xview.hpp>

#include <cmath>
#include <string>
#include <vector>

namespace {

using dlc::Matrix;
using dlc::plot::Figure;

// Three Gaussian blobs of 40 points each, and their class labels.
Matrix<double> blobs(dlc::Rng& rng, dlc::Labels& classes) {
    const double centre[3][2] = {{-2, 0}, {2, 1}, {0, 3}};
    Matrix<double> X = xt::empty<double>({std::size_t{120}, std::size_t{2}});
    classes = xt::empty<std::size_t>({std::size_t{120}});
    for (std::size_t i = 0; i < 120; ++i) {
        classes(i) = i / 40;
        X(i, 0) = rng.normal(centre[i / 40][0], 0.8);
        X(i, 1) = rng.normal(centre[i / 40][1], 0.8);
    }
    return X;
}

void lines(dlc::Case& c) {
    std::vector<double> epoch, train, test;
    for (int t = 0; t <= 30; ++t) {
        epoch.push_back(t);
        train.push_back(2.0 * std::exp(-0.15 * t) + 0.02);
        test.push_back(2.0 * std::exp(-0.12 * t) + 0.08 + 0.001 * t);
    }
    //! [lines]
    Figure fig("gallery_lines");
    fig.title("Loss per epoch").xlabel("epoch").ylabel("loss (log scale)").log_y()
        .lines(epoch, train, "training loss")
        .lines(epoch, test, "test loss", dlc::plot::LineStyle{2.0, "", true, true});  // dashed, with points
    c.figure(fig, "lines(): curves, log_y(), a dashed style with points");
    //! [lines]
    c.set("test_loss", test);
}

void classes(dlc::Case& c) {
    dlc::Labels y;
    const Matrix<double> X = blobs(c.rng(), y);
    const Matrix<double> C = {{-2, 0}, {2, 1}, {0, 3}};
    auto nearest = [&](double a, double b) {
        std::size_t best = 0;
        for (std::size_t k = 1; k < 3; ++k)
            if (std::hypot(a - C(k, 0), b - C(k, 1)) < std::hypot(a - C(best, 0), b - C(best, 1))) best = k;
        return best;
    };
    //! [classes]
    Figure fig("gallery_classes");
    fig.title("Voronoi cells of three centres").xlabel("x1").ylabel("x2").equal_aspect()
        .regions(-5, 5, -3, 6, 200, nearest)          // pale cells, in the class colours
        .scatter(X, y, {"cluster 1", "cluster 2", "cluster 3"})
        .centres(C);                                   // big crosses, same colours
    c.figure(fig, "regions(), scatter() by class and centres(): the k-means picture");
    //! [classes]
    c.set("centres", dlc::to_json_value(C));
}

void arrows(dlc::Case& c) {
    const Matrix<double> before = {{-1, -1}, {1, 2}, {3, 0}}, after = {{-2, 0}, {2, 1}, {0, 3}};
    //! [arrows]
    Figure fig("gallery_arrows");
    fig.title("Centres move in one Lloyd step").xlabel("x1").ylabel("x2").equal_aspect()
        .xrange(-4, 5).yrange(-2, 4)
        .arrows(before, after, "centre moves")
        .segments(Matrix<double>{{-4, 1.5}}, Matrix<double>{{5, 1.5}}, "a boundary",
                  dlc::plot::LineStyle{1.5, "#555555", true});
    c.figure(fig, "arrows() and segments()");
    //! [arrows]
    c.set("moves", nlohmann::json::array({{{"from", {-1, -1}}, {"to", {-2, 0}}},
                                          {{"from", {1, 2}}, {"to", {2, 1}}},
                                          {{"from", {3, 0}}, {"to", {0, 3}}}}));
}

void contour(dlc::Case& c) {
    auto R = [](double a, double b) { return (1 - a) * (1 - a) + 5 * (b - a * a) * (b - a * a); };
    std::vector<double> w1 = {-1.5}, w2 = {2.0};
    for (int t = 0; t < 60; ++t) {  // gradient descent on R, eta = 0.02
        const double a = w1.back(), b = w2.back();
        w1.push_back(a - 0.02 * (-2 * (1 - a) - 20 * a * (b - a * a)));
        w2.push_back(b - 0.02 * (10 * (b - a * a)));
    }
    //! [contour]
    Figure fig("gallery_contour");
    fig.title("Gradient descent over the contours of R(w)").xlabel("w1").ylabel("w2")
        .contour(-2, 2, -1, 3, 120, R, {0.1, 0.5, 1, 2, 4, 8, 16})
        .lines(w1, w2, "w(t), eta = 0.02", dlc::plot::LineStyle{2.0, "", false, true});
    c.figure(fig, "contour() lines at chosen levels, with a path drawn by lines()");
    //! [contour]
    c.set("path_w1", w1);
}

void contour_filled(dlc::Case& c) {
    //! [contour_filled]
    Figure fig("gallery_contour_filled");
    fig.title("log10 of R(w) as a colour map").xlabel("w1").ylabel("w2")
        .contour(-2, 2, -1, 3, 160,
                 [](double a, double b) { return std::log10((1 - a) * (1 - a) + 5 * (b - a * a) * (b - a * a) + 1e-3); },
                 {}, true);
    c.figure(fig, "contour(..., filled = true): a colour map under the lines");
    //! [contour_filled]
    c.note("the surface", "R(w) = \\( (1 - w_1)^2 + 5 (w_2 - w_1^2)^2 \\), a Rosenbrock valley; formulas in notes, "
                          "case titles and results are typeset on the run page");
}

void histogram(dlc::Case& c) {
    std::vector<double> x;
    for (int i = 0; i < 2000; ++i) x.push_back(c.rng().normal(0.0, 1.0));
    //! [histogram]
    Figure fig("gallery_histogram");
    fig.title("2000 draws of N(0, 1)").xlabel("x").ylabel("count").histogram(x, 30, "draws");
    c.figure(fig, "histogram()");
    //! [histogram]
    c.set("draws", x);  // a long array: folded on the run page
}

void heatmap(dlc::Case& c) {
    const Matrix<double> M = {{48, 1, 0, 1}, {2, 45, 3, 0}, {0, 4, 44, 2}, {1, 0, 2, 47}};
    //! [heatmap]
    dlc::plot::HeatmapOptions opt;
    opt.row_labels = {"0", "1", "2", "3"};
    opt.col_labels = {"0", "1", "2", "3"};
    opt.show_values = true;  // small maps: every cell's number
    opt.colour_bar_label = "count";
    Figure fig("gallery_heatmap");
    fig.title("Confusion matrix").xlabel("predicted class").ylabel("true class").heatmap(M, opt);
    c.figure(fig, "heatmap() with the values printed");
    //! [heatmap]
    c.set("confusion", dlc::to_json_value(M));  // a matrix: a shaded table on the run page
}

void image_grid(dlc::Case& c) {
    dlc::Tensor3<double> images = xt::zeros<double>({std::size_t{8}, std::size_t{16}, std::size_t{16}});
    std::vector<std::string> captions;
    for (std::size_t k = 0; k < 8; ++k) {
        const double angle = 3.14159265358979 * double(k) / 8;
        for (std::size_t i = 0; i < 16; ++i)
            for (std::size_t j = 0; j < 16; ++j)
                images(k, i, j) = std::cos(0.8 * ((double(j) - 7.5) * std::cos(angle) + (double(i) - 7.5) * std::sin(angle))) *
                                  std::exp(-((double(i) - 7.5) * (double(i) - 7.5) + (double(j) - 7.5) * (double(j) - 7.5)) / 30);
        captions.push_back(std::to_string(int(22.5 * double(k))) + " degrees");
    }
    //! [image_grid]
    Figure fig("gallery_image_grid");
    fig.title("Gabor filters at eight angles").image_grid(images, 4, captions);  // no axes: no labels needed
    c.figure(fig, "image_grid(): tiles with captions");
    //! [image_grid]
    c.set("filter_0", dlc::to_json_value(xt::eval(xt::view(images, 0, xt::all(), xt::all()))));
}

void ellipse(dlc::Case& c) {
    dlc::Labels y;
    const Matrix<double> X = blobs(c.rng(), y);
    //! [ellipse]
    Figure fig("gallery_ellipse");
    fig.title("Two standard deviations of each Gaussian").xlabel("x1").ylabel("x2").equal_aspect()
        .scatter(X, y)
        .ellipse({-2, 0}, Matrix<double>{{0.64, 0}, {0, 0.64}}, 2.0, "component 1")
        .ellipse({2, 1}, Matrix<double>{{0.64, 0.3}, {0.3, 0.64}}, 2.0, "component 2");
    c.figure(fig, "ellipse(): the 2-sd contour of a Gaussian, as EM draws its components");
    //! [ellipse]
    c.set("components", nlohmann::json::array({{{"mean", {-2, 0}}, {"variance", 0.64}, {"weight", 0.5}},
                                               {{"mean", {2, 1}}, {"variance", 0.64}, {"weight", 0.5}}}));
}

void labels(dlc::Case& c) {
    // Five symbols of a 2-D embedding, coloured by kind (0 consonant, 1 vowel).
    const Matrix<double> P = {{-1.2, 0.4}, {-0.9, 0.9}, {1.1, -0.3}, {0.8, -0.8}, {1.4, 0.2}};
    const std::vector<std::string> symbols = {"a", "e", "k", "t", "s"};
    const dlc::Labels kind = {1, 1, 0, 0, 0};
    //! [labels]
    Figure fig("gallery_labels");
    fig.title("Symbols of an embedding, projected").xlabel("component 1").ylabel("component 2")
        .scatter(P, kind, {"consonant", "vowel"})
        .labels(P, symbols);  // a text beside each point
    c.figure(fig, "labels(): a text beside each point, over a scatter by class");
    //! [labels]
    c.set("symbols", symbols);
}

}  // namespace

int main(int argc, char** argv) {
    dlc::Program program("gallery", "The figure gallery: one figure of every kind dlc::plot draws");
    program.data_option(dlc::DataOption::none);
    program.add_case("lines", "Curves: lines() on a log scale", lines);
    program.add_case("classes", "Classes: regions(), scatter() by class, centres()", classes);
    program.add_case("arrows", "Moves: arrows() and segments()", arrows);
    program.add_case("contour", "Contour lines with a path", contour);
    program.add_case("contour_filled", "A filled contour map", contour_filled);
    program.add_case("histogram", "A histogram", histogram);
    program.add_case("heatmap", "A heatmap with its values", heatmap);
    program.add_case("image_grid", "An image grid with captions", image_grid);
    program.add_case("ellipse", "Gaussian ellipses over a scatter", ellipse);
    program.add_case("labels", "Labelled points: labels() over a scatter by class", labels);
    return program.run(argc, argv);
}
