#include "interpret/passes.hpp"

#include "core/check.hpp"
#include "core/error.hpp"
#include "nn/residual.hpp"

#include <string>

namespace dlc {

template <class T>
const Tensor<T>& forward_to(Sequential<T>& net, const Tensor<T>& x, std::size_t last) {
    require(last < net.size(), "forward_to",
            "last = " + std::to_string(last) + " is not a position of a network of " + std::to_string(net.size()) + " modules");
    const Tensor<T>* z = &x;
    for (std::size_t i = 0; i <= last; ++i) z = &net[i].forward(*z);  // z_i = f_i(z_{i-1})
    return *z;
}

template <class T>
const Tensor<T>& backward_range(Sequential<T>& net, const Tensor<T>& grad, std::size_t from, std::size_t to) {
    require(to <= from && from < net.size(), "backward_range",
            "need to <= from < " + std::to_string(net.size()) + ", got from = " + std::to_string(from) + ", to = " +
                std::to_string(to));
    const Tensor<T>* g = &grad;
    for (std::size_t i = from + 1; i-- > to;) g = &net[i].backward(*g);  // gradient w.r.t. module i's input
    return *g;
}

template <class T>
const Tensor<T>& backward_with_taps(Sequential<T>& net, const std::map<std::size_t, Tensor<T>>& taps) {
    const char* where = "backward_with_taps";
    require(!taps.empty(), where, "no layer has a loss gradient");
    const std::size_t top = taps.rbegin()->first;
    require(top < net.size(), where, "position " + std::to_string(top) + " is outside the network");
    Tensor<T> sum;
    const Tensor<T>* g = &taps.rbegin()->second;  // dL/dz_top
    for (std::size_t i = top + 1; i-- > 0;) {
        g = &net[i].backward(*g);  // dL/dz_{i-1}, from the layers above
        if (i == 0) break;
        const auto tap = taps.find(i - 1);
        if (tap != taps.end()) {  // z_{i-1} also enters the loss directly: add its own gradient
            copy_into(sum, *g);
            if (!same_shape(sum, tap->second))
                throw ShapeError(where, "the tap of layer " + std::to_string(i - 1) + " has shape " +
                                            shape_of(tap->second) + ", the layer's output " + shape_of(sum));
            sum += tap->second;
            g = &sum;
        }
    }
    return *g;
}

template <class T>
std::size_t set_relu_backward(Module<T>& module, ReLUBackward rule) {
    if (auto* r = dynamic_cast<ReLU<T>*>(&module)) {
        r->set_backward_rule(rule);
        return 1;
    }
    std::size_t n = 0;
    if (auto* s = dynamic_cast<Sequential<T>*>(&module))
        for (std::size_t i = 0; i < s->size(); ++i) n += set_relu_backward((*s)[i], rule);
    if (auto* r = dynamic_cast<Residual<T>*>(&module)) {
        n += set_relu_backward(r->body(), rule);
        if (r->shortcut()) n += set_relu_backward(*r->shortcut(), rule);
    }
    return n;
}

#define DLC_INSTANTIATE(T)                                                                                   \
    template const Tensor<T>& forward_to(Sequential<T>&, const Tensor<T>&, std::size_t);                     \
    template const Tensor<T>& backward_range(Sequential<T>&, const Tensor<T>&, std::size_t, std::size_t);    \
    template const Tensor<T>& backward_with_taps(Sequential<T>&, const std::map<std::size_t, Tensor<T>>&);   \
    template std::size_t set_relu_backward(Module<T>&, ReLUBackward);
DLC_INSTANTIATE(float)
DLC_INSTANTIATE(double)
#undef DLC_INSTANTIATE

}  // namespace dlc
