#include "wienerdeconvolution.h"

#include <stdexcept>

namespace ks::detail {

bool wienerDeconvolution(const QImage &, const FilterSettings &, const QRect &, BandScheduler &, QImage &)
{
    throw std::runtime_error("wienerDeconvolution is not written yet"); // placeholder until its issue-5 work lands
}

} // namespace ks::detail
