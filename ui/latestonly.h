#pragma once

#include <QtGlobal>

namespace ks {

// "Only the latest counts": every change of what a background job would work on bumps the
// generation; each job is tagged with the generation it started in, and a result whose tag is
// no longer current is stale and dropped. Used wherever a worker's answer can be overtaken by
// a newer question (the preview's renders, the difference image, loading a document).
// Plain, not atomic: bumped and compared on the owner's (GUI) thread only; workers just carry
// their tag back.
class Generation
{
public:
    using Tag = quint64;

    // Makes every tag handed out so far stale; returns the new current one.
    Tag bump() noexcept { return ++m_value; }
    Tag current() const noexcept { return m_value; }
    bool isCurrent(Tag tag) const noexcept { return tag == m_value; }

private:
    Tag m_value = 0;
};

} // namespace ks
