#pragma once

#include "Conversa/ApiError.h"

#include <functional>
#include <optional>

namespace Conversa {

// The outcome of one typed API call: the value, or the error.
template <class T>
class ApiResult {
public:
    ApiResult(T value) : m_value(std::move(value)) {}
    ApiResult(ApiError error) : m_error(std::move(error)) {}

    bool isOk() const { return m_value.has_value(); }
    explicit operator bool() const { return isOk(); }
    const T &value() const { return *m_value; }
    const T *operator->() const { return &*m_value; }
    const T &operator*() const { return *m_value; }
    const ApiError &error() const { return m_error; }   // empty when isOk()

private:
    std::optional<T> m_value;
    ApiError m_error;
};

// Receives a typed result, on the client's thread, unless the context object given with the call
// was destroyed first (then nothing is called), like QObject::connect's context.
template <class T>
using ApiCallback = std::function<void(const ApiResult<T> &)>;

}   // namespace Conversa
