#include "vae/ddpm.hpp"

#include "core/check.hpp"
#include "core/constants.hpp"

#include <cmath>
#include <string>

namespace dlc {

namespace {


}  // namespace

NoiseSchedule NoiseSchedule::linear(std::size_t steps, double beta_first, double beta_last) {
    const char* where = "NoiseSchedule::linear";
    require(steps >= 1, where, "the number of steps T must be at least 1");
    require(beta_first > 0 && beta_first <= beta_last && beta_last < 1, where,
            "need 0 < beta_1 <= beta_T < 1, got beta_1 = " + std::to_string(beta_first) + ", beta_T = " +
                std::to_string(beta_last));
    NoiseSchedule s;
    double prod = 1;
    for (std::size_t t = 1; t <= steps; ++t) {
        const double b = steps == 1 ? beta_first
                                    : beta_first + (beta_last - beta_first) * double(t - 1) / double(steps - 1);
        s.beta.push_back(b);
        prod *= 1 - b;  // alpha_bar_t = prod_{s <= t} (1 - beta_s)
        s.alpha_bar.push_back(prod);
    }
    return s;
}

double NoiseSchedule::posterior_variance(std::size_t t) const {
    // beta~_t = (1 - alpha_bar_{t-1}) / (1 - alpha_bar_t) beta_t
    return (1 - alpha_bar_at(t - 1)) / (1 - alpha_bar_at(t)) * beta_at(t);
}

template <class T>
void diffuse(const Tensor<T>& x0, const std::vector<std::size_t>& t, const Tensor<T>& eps, const NoiseSchedule& schedule,
             Tensor<T>& xt) {
    const char* where = "diffuse";
    if (x0.dimension() != 2 || !same_shape(x0, eps) || t.size() != x0.shape(0))
        throw ShapeError(where, "need x0 (N, d), eps of the same shape and N steps, got x0 " + shape_of(x0) + ", eps " +
                                    shape_of(eps) + ", " + std::to_string(t.size()) + " steps");
    const std::size_t n = x0.shape(0), d = x0.shape(1);
    resize_like(xt, x0);
    for (std::size_t r = 0; r < n; ++r) {
        require(t[r] >= 1 && t[r] <= schedule.steps(), where,
                "steps must be in 1..T = " + std::to_string(schedule.steps()) + ", got " + std::to_string(t[r]));
        const T a = static_cast<T>(std::sqrt(schedule.alpha_bar_at(t[r])));
        const T s = static_cast<T>(std::sqrt(1 - schedule.alpha_bar_at(t[r])));
        for (std::size_t j = 0; j < d; ++j) xt(r, j) = a * x0(r, j) + s * eps(r, j);  // sqrt(ab) x0 + sqrt(1 - ab) eps
    }
}

template <class T>
void time_embedding(std::size_t t, std::size_t dims, T* out) {
    const std::size_t half = dims / 2;
    for (std::size_t i = 0; i < half; ++i) {
        const double omega = std::pow(10.0, -4.0 * double(i) / double(half));
        out[2 * i] = static_cast<T>(std::sin(double(t) * omega));
        out[2 * i + 1] = static_cast<T>(std::cos(double(t) * omega));
    }
}

template <class T>
Ddpm<T>::Ddpm(NoiseSchedule schedule, std::unique_ptr<Module<T>> denoiser, std::size_t data_dim, std::size_t embed_dim)
    : schedule_(std::move(schedule)), net_(std::move(denoiser)), d_(data_dim), embed_(embed_dim) {
    require(net_ != nullptr, "Ddpm", "the network must not be null");
    require(d_ >= 1, "Ddpm", "the data dimension must be at least 1");
    require(embed_ >= 2 && embed_ % 2 == 0, "Ddpm", "the embedding size must be even and >= 2, got " + std::to_string(embed_));
    require(schedule_.steps() >= 1, "Ddpm", "the schedule has no steps");
    net_->set_input_grad_needed(false);
}

template <class T>
const Tensor<T>& Ddpm<T>::network_input(const Tensor<T>& xt, const std::vector<std::size_t>& t) {
    if (xt.dimension() != 2 || xt.shape(1) != d_ || t.size() != xt.shape(0))
        throw ShapeError("Ddpm", "need x_t (N, " + std::to_string(d_) + ") and N steps, got " + shape_of(xt) + " and " +
                                     std::to_string(t.size()) + " steps");
    const std::size_t n = xt.shape(0), w = d_ + embed_;
    resize_buffer(in_, {n, w});
    for (std::size_t r = 0; r < n; ++r) {
        require(t[r] >= 1 && t[r] <= schedule_.steps(), "Ddpm", "steps must be in 1..T, got " + std::to_string(t[r]));
        std::copy(xt.data() + r * d_, xt.data() + (r + 1) * d_, in_.data() + r * w);
        time_embedding(t[r], embed_, in_.data() + r * w + d_);
    }
    return in_;
}

template <class T>
const Tensor<T>& Ddpm<T>::predict_noise(const Tensor<T>& xt, const std::vector<std::size_t>& t) {
    const Tensor<T>& out = net_->forward(network_input(xt, t));
    if (out.dimension() != 2 || out.shape(1) != d_)
        throw ShapeError("Ddpm", "the network must output (N, " + std::to_string(d_) + "), got " + shape_of(out));
    return out;
}

template <class T>
double Ddpm<T>::loss_forward(const Tensor<T>& x0, Rng& rng) {
    ready_ = false;
    if (x0.dimension() != 2 || x0.shape(0) == 0 || x0.shape(1) != d_)
        throw ShapeError("Ddpm::loss_forward", "x0 must have shape (N, " + std::to_string(d_) + "), got " + shape_of(x0));
    const std::size_t n = x0.shape(0);
    t_.resize(n);
    for (auto& t : t_) t = 1 + rng.index(schedule_.steps());  // t ~ U{1..T}
    resize_like(eps_, x0);
    for (auto& e : eps_) e = static_cast<T>(rng.normal());  // eps ~ N(0, I)
    diffuse(x0, t_, eps_, schedule_, xt_);
    const Tensor<T>& pred = predict_noise(xt_, t_);
    resize_like(grad_, pred);
    double total = 0;
    const T scale = T(2) / static_cast<T>(n);
    for (std::size_t i = 0; i < pred.size(); ++i) {
        const T diff = pred.data()[i] - eps_.data()[i];
        total += static_cast<double>(diff) * diff;  // ||eps - eps_theta||^2
        grad_.data()[i] = scale * diff;             // d/d eps_theta of the mean: 2 (eps_theta - eps) / N
    }
    ready_ = true;
    return total / static_cast<double>(n);
}

template <class T>
void Ddpm<T>::backward() {
    if (!ready_) throw Error("Ddpm::backward", "loss_forward has not been called");
    net_->backward(grad_);
}

template <class T>
Tensor<T> Ddpm<T>::sample(std::size_t count, Rng& rng, const std::vector<std::size_t>& keep,
                          std::vector<Tensor<T>>* snapshots) {
    require(count >= 1, "Ddpm::sample", "count must be at least 1");
    const Mode before = net_->mode();
    net_->set_mode(Mode::eval);
    const std::size_t T_steps = schedule_.steps();
    Tensor<T> x = Tensor<T>::from_shape({count, d_});
    for (auto& v : x) v = static_cast<T>(rng.normal());  // x_T ~ N(0, I)
    auto snap = [&](std::size_t t) {
        if (!snapshots) return;
        for (std::size_t k : keep)
            if (k == t) snapshots->push_back(x);
    };
    snap(T_steps);
    std::vector<std::size_t> steps(count);
    for (std::size_t t = T_steps; t >= 1; --t) {
        std::fill(steps.begin(), steps.end(), t);
        const Tensor<T>& eps = predict_noise(x, steps);
        const double beta = schedule_.beta_at(t), alpha = 1 - beta;
        const T c_eps = static_cast<T>(beta / std::sqrt(1 - schedule_.alpha_bar_at(t)));
        const T c_x = static_cast<T>(1 / std::sqrt(alpha));
        const T sigma = static_cast<T>(std::sqrt(beta));
        for (std::size_t i = 0; i < x.size(); ++i) {
            // x_{t-1} = (x_t - beta_t / sqrt(1 - alpha_bar_t) eps_theta) / sqrt(alpha_t) + sigma_t z
            const T z = t > 1 ? static_cast<T>(rng.normal()) : T(0);
            x.data()[i] = c_x * (x.data()[i] - c_eps * eps.data()[i]) + sigma * z;
        }
        snap(t - 1);
    }
    net_->set_mode(before);
    return x;
}

template <class T>
typename Ddpm<T>::Bound Ddpm<T>::negative_elbo(const Tensor<T>& x0, Rng& rng) {
    if (x0.dimension() != 2 || x0.shape(0) == 0 || x0.shape(1) != d_)
        throw ShapeError("Ddpm::negative_elbo", "x0 must have shape (N, " + std::to_string(d_) + "), got " + shape_of(x0));
    const Mode before = net_->mode();
    net_->set_mode(Mode::eval);
    const std::size_t n = x0.shape(0), T_steps = schedule_.steps();
    const double d = static_cast<double>(d_);
    Bound b;
    // L_T = KL(N(sqrt(ab_T) x0, (1 - ab_T) I) || N(0, I)) = 1/2 [d (1 - ab_T) + ab_T ||x0||^2 - d - d log(1 - ab_T)]
    const double abT = schedule_.alpha_bar_at(T_steps);
    for (std::size_t i = 0; i < x0.size(); ++i) b.prior += 0.5 * abT * double(x0.data()[i]) * x0.data()[i];
    b.prior = b.prior / double(n) + 0.5 * d * ((1 - abT) - 1 - std::log(1 - abT));

    Tensor<T> eps = Tensor<T>::from_shape({n, d_}), xt;
    std::vector<std::size_t> steps(n);
    for (std::size_t t = 1; t <= T_steps; ++t) {
        for (auto& e : eps) e = static_cast<T>(rng.normal());
        std::fill(steps.begin(), steps.end(), t);
        diffuse(x0, steps, eps, schedule_, xt);  // x_t ~ q(x_t | x_0)
        const Tensor<T>& pred = predict_noise(xt, steps);
        const double beta = schedule_.beta_at(t), alpha = 1 - beta, ab = schedule_.alpha_bar_at(t),
                     ab_prev = schedule_.alpha_bar_at(t - 1);
        const double sigma2 = beta;  // the decoders' variance sigma_t^2 = beta_t
        double sq = 0;               // sum over points of ||mu~ - mu_theta||^2 (t >= 2) or ||x0 - mu_theta||^2 (t = 1)
        for (std::size_t i = 0; i < xt.size(); ++i) {
            const double x_t = xt.data()[i], x_0 = x0.data()[i];
            const double mu_theta = (x_t - beta / std::sqrt(1 - ab) * pred.data()[i]) / std::sqrt(alpha);
            const double target = t == 1 ? x_0
                                         : std::sqrt(ab_prev) * beta / (1 - ab) * x_0 +
                                               std::sqrt(alpha) * (1 - ab_prev) / (1 - ab) * x_t;  // mu~_t
            sq += (target - mu_theta) * (target - mu_theta);
        }
        sq /= double(n);
        if (t == 1) {
            // L_0 = -log N(x0; mu_theta(x1, 1), sigma_1^2 I)
            b.reconstruction = 0.5 * sq / sigma2 + 0.5 * d * (log_two_pi + std::log(sigma2));
        } else {
            // KL(N(mu~, beta~ I) || N(mu_theta, sigma^2 I)) = 1/2 [d beta~/sigma^2 - d + d log(sigma^2 / beta~) + ||mu~ - mu||^2 / sigma^2]
            const double bt = schedule_.posterior_variance(t);
            b.denoising += 0.5 * (d * bt / sigma2 - d + d * std::log(sigma2 / bt) + sq / sigma2);
        }
    }
    net_->set_mode(before);
    return b;
}

template void diffuse(const Tensor<float>&, const std::vector<std::size_t>&, const Tensor<float>&, const NoiseSchedule&,
                      Tensor<float>&);
template void diffuse(const Tensor<double>&, const std::vector<std::size_t>&, const Tensor<double>&, const NoiseSchedule&,
                      Tensor<double>&);
template void time_embedding(std::size_t, std::size_t, float*);
template void time_embedding(std::size_t, std::size_t, double*);
template class Ddpm<float>;
template class Ddpm<double>;

}  // namespace dlc
