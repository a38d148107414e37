#include "attention/mask.hpp"

#include "core/check.hpp"

#include <algorithm>

namespace dlc {

AttentionMask causal_mask() {
    AttentionMask m;
    m.causal = true;
    return m;
}

AttentionMask padding_mask(std::vector<std::size_t> key_lengths) {
    AttentionMask m;
    m.key_lengths = std::move(key_lengths);
    return m;
}

void check_mask(const char* where, const AttentionMask& mask, std::size_t B, std::size_t Tq, std::size_t Tk) {
    if (mask.causal && Tq != Tk)
        throw ValueError(where, "a causal mask needs as many queries as keys, got " + std::to_string(Tq) + " queries and " +
                                    std::to_string(Tk) + " keys");
    if (!mask.key_lengths.empty()) {
        if (mask.key_lengths.size() != B)
            throw ShapeError(where, "the padding mask's key_lengths must have one entry per batch row (" + std::to_string(B) +
                                        "), got " + std::to_string(mask.key_lengths.size()));
        for (std::size_t b = 0; b < B; ++b)
            if (mask.key_lengths[b] > Tk)
                throw ValueError(where, "key length " + std::to_string(mask.key_lengths[b]) + " of batch row " +
                                            std::to_string(b) + " exceeds the " + std::to_string(Tk) + " keys");
    }
    const auto& a = mask.allowed;
    if (a.dimension() != 0) {
        const bool shared = a.dimension() == 2 && a.shape(0) == Tq && a.shape(1) == Tk;
        const bool per_row = a.dimension() == 3 && a.shape(0) == B && a.shape(1) == Tq && a.shape(2) == Tk;
        if (!shared && !per_row)
            throw ShapeError(where, "the boolean mask must have shape (" + std::to_string(Tq) + ", " + std::to_string(Tk) +
                                        ") or (" + std::to_string(B) + ", " + std::to_string(Tq) + ", " + std::to_string(Tk) +
                                        "), got " + shape_of(a));
    }
}

MaskRow mask_row(const AttentionMask& mask, std::size_t b, std::size_t i, std::size_t Tq, std::size_t Tk) {
    MaskRow r;
    r.limit = Tk;
    if (mask.causal) r.limit = std::min(r.limit, i + 1);
    if (!mask.key_lengths.empty()) r.limit = std::min(r.limit, mask.key_lengths[b]);
    if (mask.allowed.dimension() == 2) r.allowed = mask.allowed.data() + i * Tk;
    else if (mask.allowed.dimension() == 3) r.allowed = mask.allowed.data() + (b * Tq + i) * Tk;
    return r;
}

bool mask_allows(const AttentionMask& mask, std::size_t b, std::size_t i, std::size_t j, std::size_t Tq, std::size_t Tk) {
    if (mask.causal && j > i) return false;
    if (!mask.key_lengths.empty() && j >= mask.key_lengths[b]) return false;
    if (mask.allowed.dimension() == 2) return mask.allowed(i, j);
    if (mask.allowed.dimension() == 3) return mask.allowed(b, i, j);
    return true;
}

}  // namespace dlc
