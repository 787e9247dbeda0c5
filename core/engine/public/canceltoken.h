#pragma once

#include <atomic>
#include <memory>

namespace ks {

// Shared flag that asks a running job to stop. Copies share the flag; cancel() and
// isCancelled() are safe from any thread. The engine checks it between bands.
class CancelToken
{
public:
    CancelToken() : m_flag(std::make_shared<std::atomic<bool>>(false)) {}
    void cancel() const { m_flag->store(true, std::memory_order_relaxed); }
    bool isCancelled() const { return m_flag->load(std::memory_order_relaxed); }

private:
    std::shared_ptr<std::atomic<bool>> m_flag;
};

} // namespace ks
