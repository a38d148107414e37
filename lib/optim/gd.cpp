#include "optim/gd.hpp"

#include <sstream>

namespace dlc {

template <class T>
void GradientDescent<T>::step() {
    const T eta = static_cast<T>(this->lr_);
    for (auto& p : this->params_) {
        T* theta = p.value->data();
        const T* g = p.grad->data();
        for (std::size_t j = 0; j < p.value->size(); ++j) theta[j] -= eta * g[j];  // theta <- theta - eta g
    }
    ++this->t_;
}

template <class T>
std::string GradientDescent<T>::name() const {
    std::ostringstream s;
    s << "GradientDescent(lr=" << this->lr_ << ")";
    return s.str();
}

template class GradientDescent<float>;
template class GradientDescent<double>;

}  // namespace dlc
