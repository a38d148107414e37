#include "torch_check.hpp"

#include "core/error.hpp"
#include "core/files.hpp"
#include "core/subprocess.hpp"
#include "models/model_file.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <unistd.h>

#ifndef DLC_ADVERSARIAL_SCRIPT_DIR
#error "DLC_ADVERSARIAL_SCRIPT_DIR (the folder of pgd_torch.py) is set by lectures/CMakeLists.txt"
#endif

namespace adversarial_lecture {

namespace {

std::string exact(double v) {  // every digit, so both sides attack with the same eps and alpha
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

}  // namespace

TorchCheck torch_pgd_check(dlc::Case& c, dlc::TrainedModel& m, const dlc::Tensor3<float>& x, const dlc::Labels& y,
                           const dlc::PgdOptions& o) {
    TorchCheck r;
    const std::string python = "/usr/bin/python3", script = std::string(DLC_ADVERSARIAL_SCRIPT_DIR) + "/pgd_torch.py";
    if (::access(python.c_str(), X_OK) != 0) {
        r.why_not = python + " is not installed";
        return r;
    }
    if (!std::filesystem::exists(script)) {
        r.why_not = "the script " + script + " is missing";
        return r;
    }
    static const bool have_torch = [&] {  // asked once per run
        auto probe = dlc::ProcessOptions{};
        probe.out = probe.err = dlc::Stream::discard;
        probe.timeout_seconds = 60;
        return dlc::run_process({python, "-c", "import torch"}, probe).ok();
    }();
    if (!have_torch) {
        r.why_not = "PyTorch (Debian's python3-torch) is not installed";
        return r;
    }
    dlc::TempDir tmp("dlc-adversarial-");
    const auto model_path = tmp.path() / "model.model", pixels = tmp.path() / "pixels.f32", labels = tmp.path() / "labels.u8",
               output = tmp.path() / "adv.f32";
    dlc::save_model(*m.net, model_path.string(), m.meta);
    {
        std::ofstream f(pixels, std::ios::binary);
        f.write(reinterpret_cast<const char*>(x.data()), std::streamsize(x.size() * sizeof(float)));
        std::ofstream g(labels, std::ios::binary);
        for (std::size_t n = 0; n < y.size(); ++n) g.put(static_cast<char>(y(n)));
        if (!f || !g) throw dlc::DataError("torch_pgd_check", "cannot write the images to " + tmp.path().string());
    }
    dlc::PgdOptions ours = o;
    ours.random_start = false;
    ours.stop_on_success = false;
    ours.restarts = 1;
    dlc::ProcessOptions po;
    po.out = dlc::Stream::capture;
    po.err = dlc::Stream::capture;
    po.timeout_seconds = 1800;
    const auto run = dlc::run_process({python, script, "--model", model_path.string(), "--pixels", pixels.string(), "--labels",
                                       labels.string(), "--output", output.string(), "--epsilon", exact(o.epsilon),
                                       "--alpha", exact(o.step), "--steps", std::to_string(o.steps)},
                                      po);
    if (!run.ok()) throw dlc::DataError("torch_pgd_check", "pgd_torch.py failed (" + run.status_text() + "): " + run.output);
    std::ifstream in(output, std::ios::binary);
    std::vector<float> theirs(x.size());
    in.read(reinterpret_cast<char*>(theirs.data()), std::streamsize(theirs.size() * sizeof(float)));
    if (!in || in.peek() != EOF) throw dlc::DataError("torch_pgd_check", "pgd_torch.py's output has the wrong size");
    nlohmann::json summary;
    try {
        const std::string& text = run.output;
        summary = nlohmann::json::parse(text.substr(text.find('{')));
    } catch (const std::exception& e) {
        throw dlc::DataError("torch_pgd_check", "cannot read pgd_torch.py's summary: " + run.output);
    }
    // the same attack here, in the same float arithmetic (the PyTorch script: float32, the standardization inside)
    auto clf = dlc::pixel_classifier(m);
    dlc::Rng unused(0);
    const auto mine = dlc::pgd(clf, x, y, ours, unused);
    r.ran = true;
    r.n = y.size();
    r.accuracy_ours = mine.accuracy(y);
    r.accuracy_torch = summary.at("accuracy").get<double>();
    const std::size_t d = x.shape(1) * x.shape(2);
    for (std::size_t n = 0; n < r.n; ++n) {
        bool any = false;
        for (std::size_t i = n * d; i < (n + 1) * d; ++i) {
            const double diff = std::abs(double(mine.x.data()[i]) - double(theirs[i]));
            r.max_difference = std::max(r.max_difference, diff);
            if (diff > 1e-6) ++r.pixels_over_1e6, any = true;
        }
        r.images_over_1e6 += any;
    }
    (void)c;
    return r;
}

}  // namespace adversarial_lecture
