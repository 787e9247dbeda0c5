#pragma once

#include "filterdeclaration.h"
#include "kernel.h"

// Parameters several filter families declare alike: the Gaussian's size and sigma, and the
// length and angle of a motion.
namespace ks::filters {

inline constexpr ParamDeclaration GaussianSize{.key = "size",
                                               .label = QT_TRANSLATE_NOOP("ks::FilterDeclaration", "Size"),
                                               .type = ParamType::Size,
                                               .minimum = 0,
                                               .maximum = Kernel::MaxSide,
                                               // Auto: people blur by sigma alone (as in
                                               // GIMP and Krita); a fixed size stays possible.
                                               .defaultValue = 0,
                                               .unit = "px",
                                               .oddOnly = true,
                                               .zeroMeansAuto = true,
                                               .decimals = 0,
                                               .preview = PreviewScaling::WithZoom};

inline constexpr ParamDeclaration Sigma{.key = "sigma",
                                        .label = QT_TRANSLATE_NOOP("ks::FilterDeclaration", "Sigma"),
                                        .minimum = 0.01,
                                        .maximum = 1000,
                                        .defaultValue = 1.5,
                                        .unit = "px",
                                        .slider = SliderScale::Logarithmic,
                                        .sliderMinimum = 0.1,
                                        .sliderMaximum = 100,
                                        .decimals = 2,
                                        .preview = PreviewScaling::WithZoom};

inline constexpr ParamDeclaration MotionLength{.key = "size",
                                               .label = QT_TRANSLATE_NOOP("ks::FilterDeclaration", "Length"),
                                               .type = ParamType::Size,
                                               .minimum = 1,
                                               .maximum = Kernel::MaxSide,
                                               .defaultValue = 9,
                                               .unit = "px",
                                               .decimals = 0,
                                               .preview = PreviewScaling::WithZoom};

inline constexpr ParamDeclaration Angle{.key = "angle",
                                        .label = QT_TRANSLATE_NOOP("ks::FilterDeclaration", "Angle"),
                                        .minimum = -360,
                                        .maximum = 360,
                                        .defaultValue = 0,
                                        .unit = "°",
                                        .sliderMinimum = -180,
                                        .sliderMaximum = 180,
                                        .decimals = 1};

} // namespace ks::filters
