#include "gan/gan_loss.hpp"

#include "core/check.hpp"

#include <cmath>

namespace dlc {

std::string to_string(GeneratorLoss loss) {
    return loss == GeneratorLoss::saturating ? "saturating" : "non-saturating";
}

double softplus(double v) { return std::max(v, 0.0) + std::log1p(std::exp(-std::abs(v))); }

double logistic(double a) {
    if (a >= 0) return 1 / (1 + std::exp(-a));
    const double e = std::exp(a);
    return e / (1 + e);
}

double generator_loss_value(GeneratorLoss loss, double a) {
    return loss == GeneratorLoss::saturating ? -softplus(a) : softplus(-a);
}

double generator_loss_derivative(GeneratorLoss loss, double a) {
    return loss == GeneratorLoss::saturating ? -logistic(a) : logistic(a) - 1;
}

template <class T>
double discriminator_loss_real(const Tensor<T>& a, Tensor<T>& grad) {
    check_shape("discriminator_loss_real", "a", a, {any_extent, 1});
    check_nonempty("discriminator_loss_real", "a", a);
    const std::size_t m = a.shape(0);
    resize_buffer(grad, {m, std::size_t{1}});
    double total = 0;
    for (std::size_t i = 0; i < m; ++i) {
        const double ai = a.data()[i];
        total += softplus(-ai);  // -log sigma(a)
        grad.data()[i] = static_cast<T>((logistic(ai) - 1) / double(m));
    }
    return total / double(m);
}

template <class T>
double discriminator_loss_fake(const Tensor<T>& a, Tensor<T>& grad) {
    check_shape("discriminator_loss_fake", "a", a, {any_extent, 1});
    check_nonempty("discriminator_loss_fake", "a", a);
    const std::size_t m = a.shape(0);
    resize_buffer(grad, {m, std::size_t{1}});
    double total = 0;
    for (std::size_t j = 0; j < m; ++j) {
        const double aj = a.data()[j];
        total += softplus(aj);  // -log(1 - sigma(a))
        grad.data()[j] = static_cast<T>(logistic(aj) / double(m));
    }
    return total / double(m);
}

template <class T>
double discriminator_loss(const Tensor<T>& a_real, const Tensor<T>& a_fake, Tensor<T>& grad_real, Tensor<T>& grad_fake) {
    return discriminator_loss_real(a_real, grad_real) + discriminator_loss_fake(a_fake, grad_fake);
}

template <class T>
double generator_loss(GeneratorLoss loss, const Tensor<T>& a_fake, Tensor<T>& grad) {
    check_shape("generator_loss", "a_fake", a_fake, {any_extent, 1});
    check_nonempty("generator_loss", "a_fake", a_fake);
    const std::size_t m = a_fake.shape(0);
    resize_buffer(grad, {m, std::size_t{1}});
    double total = 0;
    for (std::size_t i = 0; i < m; ++i) {
        const double a = a_fake.data()[i];
        total += generator_loss_value(loss, a);
        grad.data()[i] = static_cast<T>(generator_loss_derivative(loss, a) / double(m));
    }
    return total / double(m);
}

template double discriminator_loss_real<float>(const Tensor<float>&, Tensor<float>&);
template double discriminator_loss_real<double>(const Tensor<double>&, Tensor<double>&);
template double discriminator_loss_fake<float>(const Tensor<float>&, Tensor<float>&);
template double discriminator_loss_fake<double>(const Tensor<double>&, Tensor<double>&);
template double discriminator_loss<float>(const Tensor<float>&, const Tensor<float>&, Tensor<float>&, Tensor<float>&);
template double discriminator_loss<double>(const Tensor<double>&, const Tensor<double>&, Tensor<double>&,
                                           Tensor<double>&);
template double generator_loss<float>(GeneratorLoss, const Tensor<float>&, Tensor<float>&);
template double generator_loss<double>(GeneratorLoss, const Tensor<double>&, Tensor<double>&);

}  // namespace dlc
