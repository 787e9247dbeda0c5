#pragma once

#include "kernel.h"
#include "result.h"

#include <QString>

// Kernels as text in ImageMagick's form, so they can be pasted in and out:
//   "3x3: 0,-1,0,-1,5,-1,0,-1,0"   width x height, values row-major
//   "3: 1,2,1,2,4,2,1,2,1"         square shorthand
//   "3x3+0+0: ..."                 explicit anchor (column, row)
// Values may be separated by commas and/or white space. Factor and bias are not part
// of the text (ImageMagick keeps them apart too).
namespace ks {

// A refusal says what is wrong and where (value, row, column).
Result<Kernel> parseKernelText(const QString &text);
QString kernelToText(const Kernel &kernel);

} // namespace ks
