#include "models/mlp.hpp"

#include "nn/dropout.hpp"
#include "nn/linear.hpp"
#include "nn/relu.hpp"
#include "nn/softmax_cross_entropy.hpp"
#include "optim/adam.hpp"
#include "optim/schedule.hpp"
#include "optim/train.hpp"

#include <algorithm>
#include <sstream>

namespace dlc {

void add_mlp(Sequential<float>& net, std::size_t in, std::size_t hidden, std::size_t classes, double drop, Rng& rng) {
    net.add<Linear<float>>(in, hidden, rng);  // Kaiming N(0, 2/n_in) weights, zero biases
    net.add<ReLU<float>>();
    net.add<Dropout<float>>(drop, rng);
    net.add<Linear<float>>(hidden, hidden, rng);
    net.add<ReLU<float>>();
    net.add<Dropout<float>>(drop, rng);
    net.add<Linear<float>>(hidden, classes, rng);  // logits; softmax is in the loss
}

std::string MlpRecipe::describe() const {
    std::ostringstream s;
    s << "MLP with " << hidden << "-unit hidden layers, ReLU, dropout " << drop << ", Kaiming weights, softmax "
      << "cross-entropy, Adam alpha " << learning_rate << " halved every " << halve_every << " epochs, batch "
      << batch_size << ", " << epochs << " epochs";
    return s.str();
}

void train_mlp(Sequential<float>& net, const Tensor<float>& X, const Labels& labels, Rng& rng, const MlpRecipe& recipe,
               const std::string& label) {
    SoftmaxCrossEntropy<float> loss;
    Adam<float> adam(net.parameters(), recipe.learning_rate);
    StepDecay decay(0.5, recipe.halve_every);
    TrainOptions<float> opt;
    opt.epochs = recipe.epochs;
    opt.batch_size = recipe.batch_size;
    opt.schedule = &decay;
    opt.label = label;
    train(net, loss, adam, X, labels, rng, opt);
}

Tensor<float> flattened_batch(const Tensor3<float>& images) {
    const std::size_t n = images.shape(0), d = images.shape(1) * images.shape(2);
    Tensor<float> X = Tensor<float>::from_shape({n, d});
    std::copy(images.begin(), images.end(), X.begin());
    return X;
}

}  // namespace dlc
