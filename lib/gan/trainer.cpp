#include "gan/trainer.hpp"

#include "core/check.hpp"
#include "gan/conditional.hpp"

#include <xtensor/xview.hpp>

#include <cmath>
#include <string>

namespace dlc {

namespace {

// Whether the optimizer holds exactly the module's parameters (the same tensors, in order).
template <class T>
bool holds_parameters_of(const Optimizer<T>& opt, Module<T>& m) {
    const auto mine = m.parameters();
    const auto& theirs = opt.parameters();
    if (mine.size() != theirs.size()) return false;
    for (std::size_t i = 0; i < mine.size(); ++i)
        if (mine[i].value != theirs[i].value) return false;
    return true;
}

template <class T>
double mean_sigmoid(const Tensor<T>& a) {
    double s = 0;
    for (std::size_t i = 0; i < a.size(); ++i) s += logistic(a.data()[i]);
    return s / double(a.size());
}

void require_finite_loss(const char* where, const char* what, double loss) {
    if (!std::isfinite(loss))
        throw DivergenceError(where, std::string(what) + " is not finite (" + std::to_string(loss) +
                                         "): the players diverged; lower the learning rates");
}

// Same shape apart from the batch axis.
template <class T>
bool same_example_shape(const Tensor<T>& a, const Tensor<T>& b) {
    if (a.dimension() != b.dimension()) return false;
    for (std::size_t i = 1; i < a.dimension(); ++i)
        if (a.shape(i) != b.shape(i)) return false;
    return true;
}

}  // namespace

template <class T>
GanTrainer<T>::GanTrainer(Module<T>& G, Module<T>& D, Optimizer<T>& opt_G, Optimizer<T>& opt_D, GanOptions options)
    : G_(G), D_(D), opt_G_(opt_G), opt_D_(opt_D), options_(options) {
    require(options_.k >= 1, "GanTrainer", "expected k >= 1 discriminator steps per generator step, got k = 0");
    require(options_.mismatched_labels >= 0 && options_.mismatched_labels < 1, "GanTrainer",
            "expected the weight of the mismatched pairs in [0, 1), got " + std::to_string(options_.mismatched_labels));
    require(holds_parameters_of(opt_G_, G_), "GanTrainer", "opt_G must hold exactly the generator's parameters");
    require(holds_parameters_of(opt_D_, D_), "GanTrainer", "opt_D must hold exactly the discriminator's parameters");
    G_.set_input_grad_needed(false);
}

template <class T>
void GanTrainer<T>::check_labels(const char* where, const Tensor<T>& x, const Tensor<T>* y) const {
    if (!y) return;
    if (y->dimension() != 2 || x.dimension() < 1 || y->shape(0) != x.shape(0))
        throw ShapeError(where, "labels must have shape (" + std::to_string(x.dimension() ? x.shape(0) : 0) +
                                    ", classes), one row per example, got " + shape_of(*y));
}

template <class T>
const Tensor<T>& GanTrainer<T>::generator_output(const Tensor<T>& z, const Tensor<T>* y) {
    if (!y) return G_.forward(z);
    concat_label_columns(z, *y, g_in_);  // the generator sees [z, y]
    return G_.forward(g_in_);
}

template <class T>
const Tensor<T>& GanTrainer<T>::discriminator_output(const Tensor<T>& x, const Tensor<T>* y, Tensor<T>& input) {
    if (!y) return D_.forward(x);
    if (x.dimension() != 2)
        throw ShapeError("GanTrainer", "a conditional GAN's samples must be rows (N, d), got " + shape_of(x));
    concat_label_columns(x, *y, input);  // the discriminator sees [x, y]
    return D_.forward(input);
}

template <class T>
DiscriminatorStats GanTrainer<T>::discriminator_gradient(const Tensor<T>& x_real, const Tensor<T>& z,
                                                         const Tensor<T>* y_real, const Tensor<T>* y_fake) {
    const char* where = "GanTrainer::discriminator_step";
    check_nonempty(where, "x_real", x_real);
    check_labels(where, x_real, y_real);
    check_labels(where, z, y_fake);
    require((y_real == nullptr) == (y_fake == nullptr), where, "give labels for both batches or for neither");
    const double w = options_.mismatched_labels;  // GAN-CLS: the fake term weighs 1 - w, the mismatched pairs w
    if (w > 0) {
        require(y_real != nullptr, where, "the mismatched pairs (GanOptions::mismatched_labels) need a conditional GAN");
        require(y_real->shape(1) >= 2, where,
                "the mismatched pairs need at least 2 classes, got " + std::to_string(y_real->shape(1)));
    }
    const Tensor<T>& x_fake = generator_output(z, y_fake);  // x' = G(z): a constant for this step
    if (!same_example_shape(x_fake, x_real))
        throw ShapeError(where, "the generated batch " + shape_of(x_fake) + " and the real batch " + shape_of(x_real) +
                                    " must have the same shape per example");
    D_.set_input_grad_needed(false);
    DiscriminatorStats s;
    // The real and the generated batch in separate passes (batch norm sees each alone); each backward
    // follows its forward. L_D = mean -log sigma(a_real) + mean -log(1 - sigma(a_fake)).
    const Tensor<T>& a_real = discriminator_output(x_real, y_real, d_in_);
    s.d_real = mean_sigmoid(a_real);
    s.loss = discriminator_loss_real(a_real, grad_real_);
    D_.backward(grad_real_);
    const Tensor<T>& a_fake = discriminator_output(x_fake, y_fake, d_in_);
    s.d_fake = mean_sigmoid(a_fake);
    s.loss += (1 - w) * discriminator_loss_fake(a_fake, grad_fake_);
    if (w > 0) grad_fake_ *= static_cast<T>(1 - w);
    require_finite_loss(where, "the discriminator's loss", s.loss);
    D_.backward(grad_fake_);
    if (w > 0) {
        const std::size_t classes = y_real->shape(1);
        // y~: row i's one-hot label moved by 1 + (i mod (classes - 1)) classes, never onto itself.
        y_wrong_.resize({y_real->shape(0), classes});
        y_wrong_.fill(T(0));
        for (std::size_t i = 0; i < y_real->shape(0); ++i)
            for (std::size_t c = 0; c < classes; ++c)
                y_wrong_(i, (c + 1 + i % (classes - 1)) % classes) = (*y_real)(i, c);
        const Tensor<T>& a_wrong = discriminator_output(x_real, &y_wrong_, d_in_);
        s.loss += w * discriminator_loss_fake(a_wrong, grad_wrong_);
        grad_wrong_ *= static_cast<T>(w);
        require_finite_loss(where, "the discriminator's loss", s.loss);
        D_.backward(grad_wrong_);
    }
    return s;
}

template <class T>
DiscriminatorStats GanTrainer<T>::discriminator_step(const Tensor<T>& x_real, const Tensor<T>& z,
                                                     const Tensor<T>* y_real, const Tensor<T>* y_fake) {
    opt_D_.zero_grad();
    const auto s = discriminator_gradient(x_real, z, y_real, y_fake);
    opt_D_.step();
    return s;
}

template <class T>
GeneratorStats GanTrainer<T>::generator_gradient(const Tensor<T>& z, const Tensor<T>* y) {
    const char* where = "GanTrainer::generator_step";
    check_labels(where, z, y);
    GeneratorStats s;
    const Tensor<T>& x = generator_output(z, y);               // x = G(z)
    const Tensor<T>& a = discriminator_output(x, y, d_in_);    // a = D(x), the logits
    s.d_fake = mean_sigmoid(a);
    s.loss = generator_loss(options_.generator_loss, a, grad_a_);  // dL_G/da = l'(a)/m
    require_finite_loss(where, "the generator's loss", s.loss);
    D_.set_input_grad_needed(true);
    const Tensor<T>& grad_d_in = D_.backward(grad_a_);  // the discriminator's input gradient
    if (y)
        take_columns(grad_d_in, x, grad_x_);  // the part of grad_[x, y] that belongs to x
    else
        copy_into(grad_x_, grad_d_in);
    D_.set_input_grad_needed(false);
    opt_D_.zero_grad();  // D is fixed here: discard its parameter gradients
    double norm2 = 0;
    for (std::size_t i = 0; i < grad_x_.size(); ++i) norm2 += double(grad_x_.data()[i]) * double(grad_x_.data()[i]);
    s.input_grad_norm = std::sqrt(norm2);
    G_.backward(grad_x_);  // through G: grad_theta_g L_G
    return s;
}

template <class T>
GeneratorStats GanTrainer<T>::generator_step(const Tensor<T>& z, const Tensor<T>* y) {
    opt_G_.zero_grad();
    const auto s = generator_gradient(z, y);
    opt_G_.step();
    return s;
}

template <class T>
GanIterationStats GanTrainer<T>::iteration(GanBatches<T>& batches) {
    require(batches.real && batches.latent, "GanTrainer::iteration", "expected both batch callbacks (real, latent)");
    GanIterationStats it;
    const Tensor<T>* yr = batches.conditional ? &batch_y_ : nullptr;
    const Tensor<T>* yz = batches.conditional ? &batch_yz_ : nullptr;
    for (std::size_t s = 0; s < options_.k; ++s) {
        batches.real(batch_x_, batch_y_);
        batches.latent(batch_z_, batch_yz_);
        const auto d = discriminator_step(batch_x_, batch_z_, yr, yz);
        it.d.loss += d.loss / double(options_.k);
        it.d.d_real += d.d_real / double(options_.k);
        it.d.d_fake += d.d_fake / double(options_.k);
    }
    batches.latent(batch_z_, batch_yz_);  // ④ new noise for the generator
    it.g = generator_step(batch_z_, yz);
    return it;
}

template <class T>
Tensor<T> generate(Module<T>& G, const Tensor<T>& z, const Tensor<T>* y, std::size_t batch) {
    require(batch > 0, "generate", "expected a batch size >= 1, got 0");
    check_nonempty("generate", "z", z);
    if (y && (y->dimension() != 2 || y->shape(0) != z.shape(0)))
        throw ShapeError("generate", "labels must have shape (" + std::to_string(z.shape(0)) + ", classes), got " +
                                         shape_of(*y));
    const std::size_t n = z.shape(0);
    Tensor<T> out, zb, yb, in;
    for (std::size_t lo = 0; lo < n; lo += batch) {
        const std::size_t hi = std::min(n, lo + batch);
        zb = xt::view(z, xt::range(lo, hi));
        const Tensor<T>* input = &zb;
        if (y) {
            yb = xt::view(*y, xt::range(lo, hi));
            concat_label_columns(zb, yb, in);
            input = &in;
        }
        const Tensor<T>& x = G.forward(*input);
        if (lo == 0) {
            Shape shape = shape_of_tensor(x);
            shape[0] = n;
            out = Tensor<T>::from_shape(shape);
        }
        std::copy(x.data(), x.data() + x.size(), out.data() + lo * (x.size() / (hi - lo)));
    }
    return out;
}

template class GanTrainer<float>;
template class GanTrainer<double>;
template Tensor<float> generate<float>(Module<float>&, const Tensor<float>&, const Tensor<float>*, std::size_t);
template Tensor<double> generate<double>(Module<double>&, const Tensor<double>&, const Tensor<double>*, std::size_t);

}  // namespace dlc
