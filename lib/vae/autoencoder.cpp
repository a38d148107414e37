#include "vae/autoencoder.hpp"

#include "core/check.hpp"
#include "optim/train.hpp"

#include <cmath>
#include <string>

namespace dlc {

template <class T>
void corrupt(const Tensor<T>& x, const Corruption& c, Rng& rng, Tensor<T>& out) {
    const char* where = "corrupt";
    resize_like(out, x);
    switch (c.kind) {
        case Corruption::Kind::none:
            std::copy(x.data(), x.data() + x.size(), out.data());
            break;
        case Corruption::Kind::masking:
            require(c.level >= 0 && c.level <= 1, where,
                    "the masking probability nu must be in [0, 1], got " + std::to_string(c.level));
            for (std::size_t i = 0; i < x.size(); ++i) out.data()[i] = rng.uniform() < c.level ? T(0) : x.data()[i];
            break;
        case Corruption::Kind::gaussian:
            require(c.level >= 0 && std::isfinite(c.level), where,
                    "the noise standard deviation must be >= 0 and finite, got " + std::to_string(c.level));
            for (std::size_t i = 0; i < x.size(); ++i)
                out.data()[i] = x.data()[i] + static_cast<T>(rng.normal(0.0, c.level));
            break;
    }
}

template <class T>
double autoencoder_train_epoch(Module<T>& net, Loss<T>& loss, Optimizer<T>& optimizer, const Tensor<T>& X,
                               std::size_t batch, Rng& rng, const Corruption& corruption) {
    const char* where = "autoencoder_train_epoch";
    if (X.dimension() < 2 || X.shape(0) == 0) throw ShapeError(where, "X must hold at least one row, got " + shape_of(X));
    require(batch >= 1, where, "the batch size must be at least 1");
    const std::size_t n = X.shape(0);
    const auto order = rng.permutation(n);
    net.set_mode(Mode::train);
    const bool input_grad = net.input_grad_needed();
    net.set_input_grad_needed(false);
    Tensor<T> xb, noisy;
    double total = 0;
    for (std::size_t lo = 0; lo < n; lo += batch) {
        const std::size_t count = std::min(batch, n - lo);
        gather_rows(X, order.data() + lo, count, xb);
        corrupt(xb, corruption, rng, noisy);
        optimizer.zero_grad();
        const double l = loss.forward(net.forward(noisy), xb);  // L(x, D(E(x~)))
        if (!std::isfinite(l))
            throw DivergenceError(where, "the loss of the batch at example " + std::to_string(lo) + " is " + std::to_string(l));
        net.backward(loss.backward());
        optimizer.step();
        total += loss.averages_over_batch() ? l * static_cast<double>(count) : l;
    }
    net.set_input_grad_needed(input_grad);
    return total / static_cast<double>(n);
}

template void corrupt(const Tensor<float>&, const Corruption&, Rng&, Tensor<float>&);
template void corrupt(const Tensor<double>&, const Corruption&, Rng&, Tensor<double>&);
template double autoencoder_train_epoch(Module<float>&, Loss<float>&, Optimizer<float>&, const Tensor<float>&,
                                        std::size_t, Rng&, const Corruption&);
template double autoencoder_train_epoch(Module<double>&, Loss<double>&, Optimizer<double>&, const Tensor<double>&,
                                        std::size_t, Rng&, const Corruption&);

}  // namespace dlc
