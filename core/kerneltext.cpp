#include "kerneltext.h"

#include "numbertext.h"

#include <QRegularExpression>
#include <QStringList>

#include <cmath>

namespace ks {

namespace {

KernelParseResult failure(const QString &reason)
{
    return {std::nullopt, reason};
}

} // namespace

KernelParseResult parseKernelText(const QString &text)
{
    static const QRegularExpression header(
        QStringLiteral(R"(^\s*(\d+)(?:\s*[xX]\s*(\d+))?\s*(?:([+-]\d+)([+-]\d+))?\s*:(.*)$)"),
        QRegularExpression::DotMatchesEverythingOption);
    if (text.trimmed().isEmpty())
        return failure(QStringLiteral("the kernel text is empty (expected e.g. \"3x3: 0,-1,0,-1,5,-1,0,-1,0\")"));
    const QRegularExpressionMatch m = header.match(text);
    if (!m.hasMatch())
        return failure(QStringLiteral("missing 'WxH:' size prefix (expected e.g. \"3x3: 0,-1,0,-1,5,-1,0,-1,0\")"));

    const qlonglong width = m.captured(1).toLongLong();
    const qlonglong height = m.captured(2).isEmpty() ? width : m.captured(2).toLongLong();
    if (width < 1 || height < 1 || width > Kernel::MaxSide || height > Kernel::MaxSide)
        return failure(QStringLiteral("size %1x%2 is out of range (1..%3 per side)")
                           .arg(m.captured(1), m.captured(2).isEmpty() ? m.captured(1) : m.captured(2))
                           .arg(Kernel::MaxSide));

    const QStringList tokens = m.captured(5).split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts);
    const qlonglong expected = width * height;
    if (tokens.size() != expected)
        return failure(QStringLiteral("expected %1 values for a %2x%3 kernel, got %4")
                           .arg(expected)
                           .arg(width)
                           .arg(height)
                           .arg(tokens.size()));

    std::vector<float> weights(static_cast<size_t>(expected));
    for (qsizetype i = 0; i < tokens.size(); ++i) {
        bool ok = false;
        const double v = tokens[i].toDouble(&ok);
        const bool spelledNonFinite = tokens[i].contains(QStringLiteral("nan"), Qt::CaseInsensitive) ||
                                      tokens[i].contains(QStringLiteral("inf"), Qt::CaseInsensitive);
        if (!ok && !spelledNonFinite)
            return failure(QStringLiteral("value %1 ('%2') is not a number").arg(i + 1).arg(tokens[i]));
        if (spelledNonFinite || !std::isfinite(v) || !std::isfinite(float(v)))
            return failure(QStringLiteral("value %1 ('%2') is not finite (NaN or infinity are not allowed)")
                               .arg(i + 1)
                               .arg(tokens[i]));
        weights[size_t(i)] = float(v);
    }

    Kernel kernel(int(width), int(height), std::move(weights));
    if (!m.captured(3).isEmpty()) {
        const int ax = m.captured(3).toInt(), ay = m.captured(4).toInt();
        if (ax < 0 || ay < 0 || ax >= width || ay >= height)
            return failure(QStringLiteral("anchor %1%2 is outside the %3x%4 kernel")
                               .arg(m.captured(3), m.captured(4))
                               .arg(width)
                               .arg(height));
        kernel.setAnchor(ax, ay);
    }
    return {kernel, {}};
}

QString kernelToText(const Kernel &kernel)
{
    QString text = QStringLiteral("%1x%2").arg(kernel.width()).arg(kernel.height());
    if (!kernel.hasCentredAnchor())
        text += QStringLiteral("+%1+%2").arg(kernel.anchorX()).arg(kernel.anchorY());
    QStringList values;
    for (float w : kernel.weights())
        values << numberText(w);
    return text + QStringLiteral(": ") + values.join(u',');
}

} // namespace ks
