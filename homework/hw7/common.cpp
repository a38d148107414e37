#include "cases.hpp"

#include "cluster/kmeans.hpp"
#include "core/error.hpp"
#include "data/datasets.hpp"
#include "plot/figure.hpp"
#include "report/table.hpp"

#include <map>
#include <memory>

namespace hw7 {

std::size_t q1_epochs(const dlc::Case& c) { return c.quick() ? 2 : 10; }

const Digits& load_digits(dlc::Case& c) {
    static std::map<std::string, std::unique_ptr<Digits>> cache;
    const std::string key = c.options().data + (c.quick() ? "/quick" : "");
    auto it = cache.find(key);
    if (it == cache.end()) {
        auto data = dlc::load_images<float>(c.options().data, c.quick() ? 6000 : 0, c.quick() ? 1000 : 0);
        dlc::require_28_by_28(data, "hw7", "the networks of the questions read 28 x 28 digits");
        if (!data.note.empty()) c.out() << "note: " << data.note << "\n";
        auto d = std::make_unique<Digits>();
        auto rows = [](const dlc::Tensor3<float>& im) {
            return dlc::Matrix<float>(xt::reshape_view(im, {im.shape(0), std::size_t{784}}));
        };
        d->train = rows(data.train.images);
        d->test = rows(data.test.images);
        d->train_labels = data.train.labels;
        d->test_labels = data.test.labels;
        d->name = data.name, d->dir = data.dir, d->class_names = data.class_names;
        it = cache.emplace(key, std::move(d)).first;
    }
    const Digits& d = *it->second;
    c.out() << d.name << " from " << d.dir << ": " << d.train.shape(0) << " training and " << d.test.shape(0)
            << " test images as rows of 784 pixels in [0, 1]" << (c.quick() ? " (--quick: a subsample)" : "") << ".\n";
    return d;
}

dlc::Matrix<float> first_image_of_each_digit(const Digits& d) {
    dlc::Matrix<float> C = dlc::Matrix<float>::from_shape({k_clusters, std::size_t{784}});
    std::vector<bool> found(k_clusters, false);
    std::size_t left = k_clusters;
    for (std::size_t n = 0; n < d.train.shape(0) && left > 0; ++n) {
        const std::size_t y = d.train_labels(n);
        if (y < k_clusters && !found[y]) {
            std::copy_n(d.train.data() + n * 784, 784, C.data() + y * 784);
            found[y] = true, --left;
        }
    }
    if (left > 0)
        throw dlc::DataError("hw7", "part (b) starts each centre at an image of its digit, but the training images hold "
                                    "no image of " + std::to_string(left) + " of the 10 labels");
    return C;
}

double objective_per_image(const dlc::Matrix<float>& X, const dlc::Matrix<float>& C) {
    return dlc::objective(X, C, dlc::assign(X, C)) / double(X.shape(0));
}

xt::xtensor<long, 2> label_by_cluster(const dlc::Labels& labels, const dlc::Labels& clusters, std::size_t k) {
    xt::xtensor<long, 2> t = xt::zeros<long>({std::size_t{10}, k});
    for (std::size_t n = 0; n < labels.size(); ++n) ++t(labels(n), clusters(n));
    return t;
}

std::string table_text(const xt::xtensor<long, 2>& table, const std::vector<std::string>& class_names) {
    const std::size_t k = table.shape(1);
    std::vector<std::string> header{"digit \\ centre"};
    for (std::size_t j = 0; j < k; ++j) header.push_back("C" + std::to_string(j));
    header.push_back("total");
    dlc::TextTable text(header);
    std::vector<long> col(k, 0);
    long all = 0;
    for (std::size_t l = 0; l < 10; ++l) {
        std::vector<std::string> row{class_names.at(l)};
        long total = 0;
        for (std::size_t j = 0; j < k; ++j) row.push_back(std::to_string(table(l, j))), total += table(l, j), col[j] += table(l, j);
        row.push_back(std::to_string(total));
        all += total;
        text.row(row);
    }
    std::vector<std::string> last{"total"};
    for (long v : col) last.push_back(std::to_string(v));
    last.push_back(std::to_string(all));
    text.row(last);
    return text.str();
}

std::vector<std::string> majority_captions(const xt::xtensor<long, 2>& table, const std::vector<std::string>& names) {
    std::vector<std::string> out;
    for (std::size_t j = 0; j < table.shape(1); ++j) {
        std::size_t best = 0;
        long size = 0;
        for (std::size_t l = 0; l < 10; ++l) {
            size += table(l, j);
            if (table(l, j) > table(best, j)) best = l;
        }
        out.push_back("C" + std::to_string(j) + ": " +
                      (size ? names.at(best) + " " + dlc::fmt(100.0 * double(table(best, j)) / double(size), 2) + "%"
                            : std::string("empty")));
    }
    return out;
}

dlc::Tensor3<double> as_images(const dlc::Tensor<float>& rows) {
    const std::size_t n = rows.shape(0);
    dlc::Tensor3<double> im = dlc::Tensor3<double>::from_shape({n, std::size_t{28}, std::size_t{28}});
    for (std::size_t i = 0; i < im.size(); ++i) im.data()[i] = std::clamp(double(rows.data()[i]), 0.0, 1.0);
    return im;
}

void centres_figure(dlc::Case& c, const std::string& file, const std::string& title, const dlc::Tensor<float>& C,
                    const std::vector<std::string>& captions, const std::string& caption) {
    dlc::plot::Figure f(file);
    f.title(title).image_grid(as_images(C), 5, captions);
    c.figure(f, caption);
}

void table_figure(dlc::Case& c, const std::string& file, const std::string& title, const xt::xtensor<long, 2>& table,
                  const std::vector<std::string>& class_names, const std::string& caption) {
    dlc::plot::HeatmapOptions h;
    h.show_values = true;
    h.row_labels = class_names;
    for (std::size_t j = 0; j < table.shape(1); ++j) h.col_labels.push_back("C" + std::to_string(j));
    h.colour_bar_label = "training images";
    dlc::plot::Figure f(file);
    f.title(title).xlabel("centre").ylabel("digit").size(900, 800).heatmap(xt::cast<double>(table), h);
    c.figure(f, caption);
}

}  // namespace hw7
