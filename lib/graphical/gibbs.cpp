#include "graphical/gibbs.hpp"

#include "core/check.hpp"
#include "graphical/binary_states.hpp"

namespace dlc {

template <class T>
GibbsSampler<T>::GibbsSampler(const Rbm<T>& rbm, const Matrix<T>& start) : rbm_(rbm), X_(start) {
    check_rbm("GibbsSampler", rbm);
    check_shape("GibbsSampler", "start", start, {any_extent, static_cast<long>(rbm.visible())});
    check_nonempty("GibbsSampler", "start", start);
    check_binary("GibbsSampler", "start", start);
    const std::size_t M = start.shape(0), D = rbm.visible(), H = rbm.hidden();
    Hs_ = xt::zeros<T>({M, H});
    PH_ = Matrix<T>::from_shape({M, H});
    UH_ = Matrix<T>::from_shape({M, H});
    PX_ = xt::zeros<T>({M, D});
    UX_ = Matrix<T>::from_shape({M, D});
}

template <class T>
void GibbsSampler<T>::sweep(Rng& rng) {
    const std::size_t M = X_.shape(0);
    hidden_probabilities_into(rbm_, X_.data(), M, PH_.data());  // p(h_j = 1 | x) = sigma(b_j + W_{j,:} x)
    fill_uniform(rng, UH_.data(), UH_.size());
    bernoulli_into(PH_.data(), UH_.data(), Hs_.data(), Hs_.size());
    visible_probabilities_into(rbm_, Hs_.data(), M, PX_.data());  // p(x_k = 1 | h) = sigma(c_k + h^T W_{:,k})
    fill_uniform(rng, UX_.data(), UX_.size());
    bernoulli_into(PX_.data(), UX_.data(), X_.data(), X_.size());
}

template <class T>
void GibbsSampler<T>::run(std::size_t sweeps, Rng& rng) {
    for (std::size_t s = 0; s < sweeps; ++s) sweep(rng);
}

template class GibbsSampler<float>;
template class GibbsSampler<double>;

}  // namespace dlc
