#include "plot/rgb_image_grid.hpp"

#include "core/check.hpp"
#include "plot/script.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace dlc::plot {

Layer rgb_image_grid_layer(const Tensor4<double>& images, std::size_t cols, const std::vector<std::string>& captions) {
    const char* where = "Figure::rgb_image_grid";
    check_nonempty(where, "images", images);
    check_finite(where, "images", images);
    require(cols >= 1, where, "cols must be at least 1, got 0");
    const std::size_t n = images.shape(0), C = images.shape(1), h = images.shape(2), w = images.shape(3);
    if (C != 1 && C != 3) throw ShapeError(where, "images must have 1 or 3 channels, got " + shape_of(images));
    if (!captions.empty() && captions.size() != n)
        throw ShapeError(where, "captions must have one caption per image, expected " + std::to_string(n) + ", got " +
                                    std::to_string(captions.size()));
    cols = std::min(cols, n);
    const std::size_t rows = (n + cols - 1) / cols;
    const std::size_t gap = std::max<std::size_t>(1, (std::max(h, w) + 5) / 10);
    const std::size_t band = captions.empty() ? 0 : std::max<std::size_t>(4, (h * 3 + 5) / 10);
    const std::size_t W = cols * w + (cols - 1) * gap, H = rows * (h + band) + (rows - 1) * gap;

    // Compose: white everywhere, each image's pixels in its tile (grey images in all three channels).
    std::vector<unsigned char> canvas(3 * H * W, 255);
    Layer layer;
    for (std::size_t k = 0; k < n; ++k) {
        const std::size_t x0 = (k % cols) * (w + gap), y0 = (k / cols) * (h + band + gap);
        for (std::size_t r = 0; r < h; ++r)
            for (std::size_t c = 0; c < w; ++c)
                for (std::size_t ch = 0; ch < 3; ++ch) {
                    const double v = std::clamp(images(k, C == 3 ? ch : 0, r, c), 0.0, 1.0);
                    canvas[((y0 + r) * W + x0 + c) * 3 + ch] = static_cast<unsigned char>(std::lround(255 * v));
                }
        if (!captions.empty())
            layer.setup.push_back("set label " + quote(captions[k]) + " at " + num(x0 + 0.5 * (w - 1.0)) + ", " +
                                  num(y0 + h - 0.5 + 0.5 * band) + " center front font ',10'");
    }
    std::ostringstream d;
    d << "# colour image grid: " << n << " images of " << h << " x " << w << " pixels, " << cols << " per row\n"
      << "# composed image " << H << " rows x " << W << " columns; columns: x (column), y (row, 0 = top), "
      << "red, green, blue (0..255); gaps and caption bands white\n";
    for (std::size_t i = 0; i < H; ++i)
        for (std::size_t j = 0; j < W; ++j) {
            const unsigned char* p = &canvas[(i * W + j) * 3];
            d << j << ' ' << i << ' ' << int(p[0]) << ' ' << int(p[1]) << ' ' << int(p[2]) << '\n';
        }
    layer.files.push_back({"", d.str()});
    layer.clauses.push_back(data_ref(0) + " using 1:2:3:4:5 with rgbimage notitle");
    layer.background = true;
    layer.axes = false;
    layer.box = Box{-0.5, W - 0.5, -0.5, H - 0.5, true};
    layer.aspect = -1;
    std::size_t longest = 0;
    for (const std::string& c : captions) longest = std::max(longest, c.size());
    const std::size_t per_col = std::max<std::size_t>(std::max<std::size_t>(150, w + 20), 7 * longest + 20);
    const int width = static_cast<int>(std::clamp<std::size_t>(cols * per_col, 600, 1600));
    layer.canvas = std::make_pair(width, static_cast<int>(std::lround(width * double(H) / double(W))) + 20);
    return layer;
}

}  // namespace dlc::plot
