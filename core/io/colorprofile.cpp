#include "colorprofile.h"

#include <QColorSpace>

namespace ks {

bool isSrgb(const QImage &image)
{
    const QColorSpace space = image.colorSpace();
    return !space.isValid() || space == QColorSpace(QColorSpace::SRgb);
}

QString colorProfileName(const QImage &image)
{
    const QColorSpace space = image.colorSpace();
    if (!space.isValid())
        return QStringLiteral("sRGB");
    const QString description = space.description();
    if (!description.isEmpty())
        return description;
    switch (space.primaries()) {
    case QColorSpace::Primaries::SRgb:
        return QStringLiteral("sRGB");
    case QColorSpace::Primaries::AdobeRgb:
        return QStringLiteral("Adobe RGB (1998)");
    case QColorSpace::Primaries::DciP3D65:
        return QStringLiteral("Display P3");
    case QColorSpace::Primaries::ProPhotoRgb:
        return QStringLiteral("ProPhoto RGB");
    case QColorSpace::Primaries::Custom:
        break;
    }
    return QStringLiteral("embedded profile");
}

QImage convertedToSrgb(const QImage &image)
{
    if (isSrgb(image))
        return image;
    // Qt converts in place and keeps the format (8-bit stays 8-bit, 16-bit stays 16-bit).
    QImage converted = image.convertedToColorSpace(QColorSpace(QColorSpace::SRgb));
    return converted;
}

} // namespace ks
