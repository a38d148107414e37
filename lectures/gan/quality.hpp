// Judging generated digits with the CNN lecture's LeNet-5 (from the trained-model store): the share it classifies
// with p > 0.9, the histogram of its labels, the Fréchet distance to the test digits in its 84-feature layer (the
// layer before the class scores), and, for a conditional GAN, how often it reads the requested digit.
#pragma once

#include "mnist_common.hpp"

#include "app/program.hpp"
#include "core/tensor.hpp"
#include "gan/frechet.hpp"
#include "nn/sequential.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace gan_lecture {

/// What LeNet-5 says about a set of digits.
struct DigitQuality {
    std::size_t n = 0;
    double confident_share = 0;             // share classified with max_k p_k > 0.9
    std::vector<std::size_t> histogram;     // how many were labelled 0, ..., 9
    std::size_t classes_made = 0;           // labels holding at least 2% of the digits
    double frechet = 0;                     // Fréchet distance to the reference test digits, 84 features
    double accuracy = -1;                   // share labelled as requested (conditional GAN), or -1
    dlc::Matrix<double> confusion;          // requested x read (conditional GAN), else empty
};

/// LeNet-5, and the reference: the features of the first n test digits.
class Judge {
public:
    /// Takes LeNet-5 from the trained-model store (`dlc::trained("lenet5_mnist")`, or `lenet5_fashion` for
    /// Fashion-MNIST; trained and cached on first use) and reports its test accuracy.
    Judge(dlc::Case& c, const Digits& digits);
    ~Judge();
    /// The floor: test digits [n, 2n) measured against the reference test digits [0, n) (fixes n for later calls).
    DigitQuality test_floor(const Digits& digits, std::size_t n);
    /// Measures generated images (m, 28, 28) with pixels in [0, 1]; `requested` labels for a conditional GAN.
    DigitQuality measure(const dlc::Tensor3<double>& images, const Digits& digits, const dlc::Labels* requested = nullptr);
    /// A bar chart of the label histogram.
    void histogram_figure(dlc::Case& c, const DigitQuality& q, const std::string& file, const std::string& name);
    /// The requested x read heatmap of a conditional GAN.
    void confusion_figure(dlc::Case& c, const DigitQuality& q, const std::string& file);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// The measures as JSON.
nlohmann::json quality_json(const DigitQuality& q);
/// "0: 512, 1: 498, ..." for the walk-through.
std::string histogram_str(const DigitQuality& q);

}  // namespace gan_lecture
