#include "medianfilter.h"

#include <stdexcept>

namespace ks::detail {

bool medianFilter(const QImage &, const FilterSettings &, const QRect &, BandScheduler &, QImage &)
{
    throw std::runtime_error("medianFilter is not written yet"); // placeholder until its issue-5 work lands
}

} // namespace ks::detail
