// The convolutional layer as code: the hints of the checks (checks.cpp), one per typical mistake; the self-test
// (wrong.cpp) expects them.
#pragma once

namespace cnn_exercise::hints {

inline constexpr const char* size_padding_once =
    "zero padding adds pad pixels on EACH side: out = floor((in + 2 pad - kernel) / s) + 1 (L14; Bahng §3.1)";
inline constexpr const char* size_no_padding =
    "the padding is missing: the padded input has in + 2 pad pixels, out = floor((in + 2 pad - kernel) / s) + 1 "
    "(L14; Bahng §3.1)";
inline constexpr const char* size_no_plus_one =
    "the + 1 is missing: the first window counts too, out = floor((in + 2 pad - kernel) / s) + 1; a 3x3 kernel on "
    "a 5x5 image gives 3x3 (L14)";
inline constexpr const char* size_stride =
    "the stride is missing: the window jumps s pixels, out = floor((in + 2 pad - kernel) / s) + 1 (L14)";
inline constexpr const char* size_round_up =
    "round down: a window that does not fit in the padded input is not computed, out = floor((in + 2 pad - kernel) "
    "/ s) + 1 (L14)";
inline constexpr const char* size_other = "out = floor((in + 2 pad - kernel) / s) + 1 (L14; Bahng §3.1)";

inline constexpr const char* forward_flipped =
    "the kernel is flipped: a CNN layer computes the cross-correlation, X(n, c, s i + p - pad, s j + q - pad) "
    "W(f, c, p, q) with the kernel as it is, not the true convolution's W(f, c, KH-1-p, KW-1-q) (L14; Bahng "
    "Example 3.1)";
inline constexpr const char* forward_bias =
    "the bias is missing: Y(n, f, i, j) = b(f) + sum_{c,p,q} ..., one bias per kernel (L14; Bahng Example 3.1)";
inline constexpr const char* forward_padding =
    "the padding is ignored: read X at (s i + p - pad, s j + q - pad), as 0 outside the image, and "
    "Ho = floor((H + 2 pad - KH) / s) + 1 (L14 zero padding)";
inline constexpr const char* forward_stride =
    "the stride is ignored: output pixel (i, j) reads the window at (s i - pad, s j - pad), and "
    "Ho = floor((H + 2 pad - KH) / s) + 1 (L14)";
inline constexpr const char* forward_other =
    "Y(n, f, i, j) = b(f) + sum over c, p, q of X(n, c, s i + p - pad, s j + q - pad) W(f, c, p, q), shape "
    "(N, F, Ho, Wo) (L14; Bahng Example 3.1)";

inline constexpr const char* dX_unflipped =
    "dX used the kernel the wrong way round: written as a full convolution of dY, dX needs the kernel flipped; "
    "directly, each output pixel sends dY(n, f, i, j) W(f, c, p, q) to its input X(n, c, s i + p - pad, "
    "s j + q - pad) (L14; Bahng §3.2)";
inline constexpr const char* dX =
    "dX(n, c, u, v) = sum of dY(n, f, i, j) W(f, c, p, q) over f and the windows (i, j, p, q) with "
    "u = s i + p - pad, v = s j + q - pad (L14; Bahng §3.2)";
inline constexpr const char* dW_last_example =
    "dW holds the last example only: it sums over the batch, dW(f, c, p, q) = sum_{n,i,j} dY(n, f, i, j) "
    "X(n, c, s i + p - pad, s j + q - pad) (accumulate with +=, do not assign) (L14; Bahng §3.2)";
inline constexpr const char* dW_mean =
    "dW is divided by N: the loss's reduction is already in dY, dW sums over the batch (L14; Bahng §3.2)";
inline constexpr const char* dW_rotated =
    "dW is rotated by 180 degrees: the forward pass is a cross-correlation, so dW(f, c, p, q) pairs dY(n, f, i, j) "
    "with X(n, c, s i + p - pad, s j + q - pad), p and q as they are (L14; Bahng §3.2)";
inline constexpr const char* dW_transposed =
    "dW has its first two axes swapped: it has W's shape (F, C, KH, KW) (L14; Bahng §3.2)";
inline constexpr const char* dW =
    "dW(f, c, p, q) = sum_{n,i,j} dY(n, f, i, j) X(n, c, s i + p - pad, s j + q - pad), X = 0 outside (L14; Bahng "
    "§3.2)";
inline constexpr const char* db_positions =
    "db is not summed over the positions: every output pixel of feature map f used b(f), so db(f) = sum_{n,i,j} "
    "dY(n, f, i, j), shape (F) (L14; Bahng §3.2)";
inline constexpr const char* db_last_example =
    "db holds the last example only: it sums over the batch too, db(f) = sum_{n,i,j} dY(n, f, i, j) (L14)";
inline constexpr const char* db_mean =
    "db is an average: db(f) = sum_{n,i,j} dY(n, f, i, j) is a sum over the batch and the positions (L14; Bahng §3.2)";
inline constexpr const char* db = "db(f) = sum_{n,i,j} dY(n, f, i, j), shape (F) (L14; Bahng §3.2)";
inline constexpr const char* gradient =
    "this gradient disagrees with central differences of your own conv2d_forward: it must be the derivative of "
    "sum(dY * conv2d_forward(X, W, b, s, pad)) (L14; Bahng §3.2)";

}  // namespace cnn_exercise::hints
