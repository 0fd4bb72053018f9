#pragma once

#include "ApiError.h"

#include <optional>
#include <utility>
#include <variant>

namespace Conversa::Server {

// Either a value or an ApiError; what every store, service and handler passes back.
template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_v(std::in_place_index<0>, std::move(value)) {}
    Result(ApiError error) : m_v(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }
    T &value() { return std::get<0>(m_v); }
    const T &value() const { return std::get<0>(m_v); }
    T &operator*() { return value(); }
    const T &operator*() const { return value(); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    const ApiError &error() const { return std::get<1>(m_v); }

private:
    std::variant<T, ApiError> m_v;
};

struct Ok {};   // Result<Ok>: success with nothing to return

// What a lookup found, or 404 when it found nothing.
template <typename T>
Result<T> orNotFound(const Result<std::optional<T>> &lookup)
{
    if (!lookup)
        return lookup.error();
    if (!*lookup)
        return ApiError::notFound();
    return **lookup;
}

// Propagates a failed Result from the current function.
#define CONVERSA_TRY(expr)                                                                                             \
    do {                                                                                                               \
        auto &&tryResult_ = (expr);                                                                                    \
        if (!tryResult_.ok())                                                                                          \
            return tryResult_.error();                                                                                 \
    } while (false)

}   // namespace Conversa::Server
