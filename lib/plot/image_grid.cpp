#include "plot/image_grid.hpp"

#include "core/check.hpp"
#include "plot/script.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

namespace dlc::plot {

Layer image_grid_layer(const Tensor3<double>& images, std::size_t cols, const std::vector<std::string>& captions,
                       bool per_image_scale) {
    const char* where = "Figure::image_grid";
    check_nonempty(where, "images", images);
    check_finite(where, "images", images);
    require(cols >= 1, where, "cols must be at least 1, got 0");
    const std::size_t n = images.shape(0), h = images.shape(1), w = images.shape(2);
    if (!captions.empty() && captions.size() != n)
        throw ShapeError(where, "captions must have one caption per image, expected " + std::to_string(n) + ", got " +
                                    std::to_string(captions.size()));
    cols = std::min(cols, n);
    const std::size_t rows = (n + cols - 1) / cols;
    const std::size_t gap = std::max<std::size_t>(1, (std::max(h, w) + 5) / 10);
    const std::size_t W = cols * w + (cols - 1) * gap;
    // Small images (a worked example's feature maps) carry their numbers.
    const bool annotate = h * w <= 64;

    // The image's width in pixels: enough for the longest caption (about 7 pixels per character at
    // font size 11) and, with values printed, about 40 pixels per image pixel; at most 1100 pixels,
    // so that a run page shows the figure at its own size and the captions stay readable.
    std::size_t longest = 0;
    for (const std::string& c : captions) longest = std::max(longest, c.size());
    const std::size_t per_col = std::max<std::size_t>(annotate ? 40 * (w + gap) : 120, 7 * longest + 20);
    const int width = static_cast<int>(std::clamp<std::size_t>(cols * per_col, 400, 1100));
    // The caption band under each row: about 24 pixels of the rendered image, in rows of the
    // composed image (no taller, so no empty band under the grid).
    const double pixel = double(width) / double(W);
    const std::size_t band = captions.empty() ? 0 : std::max<std::size_t>(1, std::size_t(std::ceil(24.0 / pixel)));
    const std::size_t H = rows * (h + band) + (rows - 1) * gap;

    // Compose: 1 (white) everywhere, each image scaled to [0, 1] in its tile.
    Matrix<double> canvas = xt::ones<double>({H, W});
    double glo = *std::min_element(images.begin(), images.end());
    double ghi = *std::max_element(images.begin(), images.end());
    Layer layer;
    for (std::size_t k = 0; k < n; ++k) {
        auto img = xt::view(images, k, xt::all(), xt::all());
        double lo = glo, hi = ghi;
        if (per_image_scale) {
            lo = *std::min_element(img.begin(), img.end());
            hi = *std::max_element(img.begin(), img.end());
        }
        const double span = hi > lo ? hi - lo : 1.0;
        const std::size_t x0 = (k % cols) * (w + gap), y0 = (k / cols) * (h + band + gap);
        for (std::size_t r = 0; r < h; ++r)
            for (std::size_t c = 0; c < w; ++c) canvas(y0 + r, x0 + c) = (img(r, c) - lo) / span;
        if (!captions.empty())
            layer.setup.push_back("set label " + quote(captions[k]) + " at " + num(x0 + 0.5 * (w - 1.0)) + ", " +
                                  num(y0 + h - 0.5 + 0.5 * band) + " center front font ',11'");
    }
    std::ostringstream d;
    d << "# image grid: " << n << " images of " << h << " x " << w << " pixels, " << cols << " per row; "
      << (per_image_scale ? "each image" : "all images") << " scaled to 0 (black) .. 1 (white)\n"
      << "# composed image " << H << " rows x " << W << " columns (first line = top), gaps and caption bands = 1\n";
    for (std::size_t i = 0; i < H; ++i)
        for (std::size_t j = 0; j < W; ++j) d << num(canvas(i, j)) << (j + 1 == W ? '\n' : ' ');
    layer.files.push_back({"", d.str()});
    layer.clauses.push_back(data_ref(0) + " matrix using 1:2:3 with image notitle");

    // The values of small images, in white on dark pixels.
    if (annotate) {
        std::ostringstream v;
        v << "# values: column, row (in the composed image), the image's value, its grey level 0..1\n";
        char text[32];
        for (std::size_t k = 0; k < n; ++k) {
            const std::size_t x0 = (k % cols) * (w + gap), y0 = (k / cols) * (h + band + gap);
            for (std::size_t r = 0; r < h; ++r)
                for (std::size_t c = 0; c < w; ++c) {
                    std::snprintf(text, sizeof text, "%.3g", images(k, r, c) == 0 ? 0.0 : images(k, r, c));
                    v << x0 + c << ' ' << y0 + r << " \"" << text << "\" " << num(canvas(y0 + r, x0 + c)) << '\n';
                }
        }
        layer.files.push_back({"values", v.str()});
        layer.clauses.push_back(data_ref(1) +
                                " using 1:2:3:($4 < 0.5 ? 0xFFFFFF : 0x202020) with labels tc rgb variable font ',10' "
                                "notitle");
    }
    layer.setup.insert(layer.setup.begin(), {"set cbrange [0:1]", "unset colorbox"});
    layer.palette = Palette::grey;
    layer.background = true;
    layer.axes = false;
    layer.box = Box{-0.5, W - 0.5, -0.5, H - 0.5, true};
    layer.aspect = -1;
    layer.canvas = std::make_pair(width, static_cast<int>(std::lround(width * double(H) / double(W))) + 20);
    return layer;
}

}  // namespace dlc::plot
