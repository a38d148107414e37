#include "models/cosine_adam.hpp"

#include "nn/softmax_cross_entropy.hpp"
#include "optim/adam.hpp"

#include <cmath>
#include <sstream>

namespace dlc {

std::string CosineAdamRecipe::describe() const {
    std::ostringstream s;
    s << "softmax cross-entropy, Adam batch " << batch_size << ", alpha from "
      << initial_learning_rate << " to 0 along a cosine updated " << parts << " times per epoch, " << epochs
      << " epoch" << (epochs == 1 ? "" : "s");
    return s.str();
}

void train_cosine_adam(Sequential<float>& net, const Tensor<float>& X, const Labels& y, Rng& rng,
                       const CosineAdamRecipe& recipe,
                       const std::function<void(const SliceReport&)>& on_slice) {
    const char* where = "train_cosine_adam";
    require(recipe.epochs > 0 && recipe.parts > 0 && recipe.batch_size > 0, where,
            "epochs, parts and batch size must be positive");
    if (X.dimension() == 0 || X.shape(0) != y.size() || X.shape(0) < recipe.parts)
        throw ShapeError(where, "X must have one row per label and at least `parts` rows, got X " + shape_of(X) +
                                    " and " + std::to_string(y.size()) + " labels");
    SoftmaxCrossEntropy<float> loss;
    Adam<float> adam(net.parameters(), recipe.initial_learning_rate);
    TrainOptions<float> opt;
    opt.epochs = 1;
    opt.batch_size = recipe.batch_size;
    opt.progress = false;
    const std::size_t n = X.shape(0), parts = recipe.parts;
    const double slices = double(recipe.epochs * parts);
    std::size_t slice = 0;
    Tensor<float> Xpart;
    Labels ypart;
    for (std::size_t e = 1; e <= recipe.epochs; ++e) {
        const auto perm = rng.permutation(n);
        for (std::size_t p = 0; p < parts; ++p) {
            // Cosine annealing: alpha_t = alpha0 (1 + cos(pi t / T)) / 2 for slice t of T.
            const double alpha = recipe.initial_learning_rate * 0.5 * (1 + std::cos(M_PI * double(slice++) / slices));
            adam.set_learning_rate(alpha);
            const std::size_t lo = p * n / parts, hi = (p + 1) * n / parts;
            gather_rows(X, perm.data() + lo, hi - lo, Xpart);
            gather_rows(y, perm.data() + lo, hi - lo, ypart);
            SliceReport info;
            info.stats = train(net, loss, adam, Xpart, ypart, rng, opt).front();
            info.epoch = e;
            info.part = p;
            info.examples = hi - lo;
            info.learning_rate = alpha;
            info.last_of_epoch = p + 1 == parts;
            if (on_slice) on_slice(info);
        }
    }
}

}  // namespace dlc
