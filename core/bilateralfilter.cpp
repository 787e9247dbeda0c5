#include "bilateralfilter.h"

#include <stdexcept>

namespace ks::detail {

bool bilateralFilter(const QImage &, const FilterSettings &, const QRect &, BandScheduler &, QImage &)
{
    throw std::runtime_error("bilateralFilter is not written yet"); // placeholder until its issue-5 work lands
}

} // namespace ks::detail
