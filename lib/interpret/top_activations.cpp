#include "interpret/top_activations.hpp"

#include "core/check.hpp"
#include "core/error.hpp"
#include "interpret/passes.hpp"
#include "nn/activation.hpp"
#include "nn/batchnorm.hpp"
#include "nn/conv2d.hpp"
#include "nn/dropout.hpp"
#include "nn/pooling.hpp"

#include <xtensor/xview.hpp>

#include <algorithm>

namespace dlc {

template <class T>
ReceptiveField receptive_field(Sequential<T>& net, std::size_t layer) {
    const char* where = "receptive_field";
    require(layer < net.size(), where, "layer " + std::to_string(layer) + " is outside the network");
    ReceptiveField f;
    const auto through = [&f](std::size_t k, std::size_t s, std::size_t p) {
        f.first -= long(p * f.jump);
        f.size += (k - 1) * f.jump;
        f.jump *= s;
    };
    for (std::size_t i = 0; i <= layer; ++i) {
        Module<T>& m = net[i];
        if (auto* c = dynamic_cast<Conv2d<T>*>(&m)) {
            require(c->kernel_h() == c->kernel_w(), where, "square kernels only");
            through(c->kernel_h(), c->options().stride, c->options().padding);
        } else if (auto* p = dynamic_cast<MaxPool2d<T>*>(&m)) {
            through(p->kernel(), p->stride(), 0);
        } else if (auto* a = dynamic_cast<AvgPool2d<T>*>(&m)) {
            through(a->kernel(), a->stride(), 0);
        } else if (!dynamic_cast<Activation<T>*>(&m) && !dynamic_cast<BatchNorm<T>*>(&m) && !dynamic_cast<Dropout<T>*>(&m)) {
            throw ValueError(where, "module " + std::to_string(i) + " (" + m.name() +
                                        ") mixes every position: its units see the whole image");
        }
    }
    return f;
}

template <class T>
std::vector<std::vector<UnitActivation>> top_activations(Sequential<T>& net, const Tensor<T>& X, std::size_t layer,
                                                         std::size_t k, std::size_t batch) {
    const char* where = "top_activations";
    require(k > 0 && batch > 0, where, "k and the batch size must be positive");
    require(layer < net.size(), where, "layer " + std::to_string(layer) + " is outside the network");
    check_nonempty(where, "X", X);
    net.eval();
    const std::size_t n = X.shape(0);
    std::vector<std::vector<UnitActivation>> best;
    const auto offer = [&](std::vector<UnitActivation>& list, const UnitActivation& a) {
        // keep the k largest, largest first; an equal value does not displace an earlier example
        auto pos = std::find_if(list.begin(), list.end(), [&](const UnitActivation& b) { return a.value > b.value; });
        if (pos == list.end() && list.size() >= k) return;
        list.insert(pos, a);
        if (list.size() > k) list.pop_back();
    };
    for (std::size_t b0 = 0; b0 < n; b0 += batch) {
        const std::size_t B = std::min(batch, n - b0);
        Shape s = shape_of_tensor(X);
        s[0] = B;
        Tensor<T> xb = Tensor<T>::from_shape(s);
        const std::size_t per = X.size() / n;
        std::copy(X.data() + b0 * per, X.data() + (b0 + B) * per, xb.data());
        const Tensor<T>& z = forward_to(net, xb, layer);
        const std::size_t K = z.shape(1);
        if (best.empty()) best.resize(K);
        const std::size_t hw = z.size() / (B * K), w = z.dimension() == 4 ? z.shape(3) : 1;
        for (std::size_t e = 0; e < B; ++e)
            for (std::size_t u = 0; u < K; ++u) {
                const T* p = z.data() + (e * K + u) * hw;
                const std::size_t at = std::size_t(std::max_element(p, p + hw) - p);
                offer(best[u], {b0 + e, double(p[at]), at / w, at % w});
            }
    }
    return best;
}

template ReceptiveField receptive_field(Sequential<float>&, std::size_t);
template ReceptiveField receptive_field(Sequential<double>&, std::size_t);
template std::vector<std::vector<UnitActivation>> top_activations(Sequential<float>&, const Tensor<float>&, std::size_t,
                                                                  std::size_t, std::size_t);
template std::vector<std::vector<UnitActivation>> top_activations(Sequential<double>&, const Tensor<double>&,
                                                                  std::size_t, std::size_t, std::size_t);

}  // namespace dlc
