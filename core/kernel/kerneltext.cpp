#include "kerneltext.h"

#include "numbertext.h"

#include <QRegularExpression>

#include <charconv>
#include <climits>
#include <cmath>
#include <string>

namespace ks {

namespace {

const char *const Example = "e.g. \"3x3: 0,-1,0,-1,5,-1,0,-1,0\"";

struct Header
{
    int width = 0;
    int height = 0;
    bool hasAnchor = false;
    int anchorX = 0;
    int anchorY = 0;
};

// Digits only (the caller's pattern made sure); an overflow becomes a value that fails
// every range check instead of wrapping or reading as 0.
qlonglong wholeNumber(QStringView digits)
{
    bool ok = false;
    const qlonglong value = digits.toLongLong(&ok);
    return ok ? value : LLONG_MAX;
}

// ImageMagick's "W", "WxH" or "WxH+X+Y" geometry, the part before the colon. Text pasted from
// documents may say "3×3"; that is accepted too.
Status parseGeometry(const QString &geometry, Header &header)
{
    static const QRegularExpression pattern(
        QStringLiteral(R"(^([0-9]+)(?:\s*[xX×]\s*([0-9]+))?\s*(?:([+-][0-9]+)\s*([+-][0-9]+))?$)"));
    if (geometry.isEmpty())
        return Failure{QStringLiteral("missing 'WxH:' size prefix (nothing before ':'; %1)").arg(QLatin1String(Example))};
    const QRegularExpressionMatch m = pattern.match(geometry);
    if (!m.hasMatch())
        return Failure{QStringLiteral("size '%1' before ':' is not W, WxH or WxH+X+Y in whole numbers (%2)")
            .arg(geometry, QLatin1String(Example))};

    const QString widthText = m.captured(1);
    const QString heightText = m.hasCaptured(2) ? m.captured(2) : widthText;
    const qlonglong width = wholeNumber(widthText), height = wholeNumber(heightText);
    if (width < 1 || height < 1 || width > Kernel::MaxSide || height > Kernel::MaxSide)
        return Failure{QStringLiteral("size %1x%2 is out of range (1..%3 per side)")
            .arg(widthText, heightText)
            .arg(Kernel::MaxSide)};
    header.width = int(width);
    header.height = int(height);
    if (!m.hasCaptured(3))
        return {};

    const auto offset = [](QStringView signedDigits) {
        const qlonglong magnitude = wholeNumber(signedDigits.mid(1));
        return signedDigits.front() == u'-' && magnitude != 0 ? -1 : magnitude;
    };
    const qlonglong ax = offset(m.capturedView(3)), ay = offset(m.capturedView(4));
    if (ax < 0 || ay < 0 || ax >= width || ay >= height)
        return Failure{QStringLiteral("anchor %1%2 is outside the %3x%4 kernel (column 0..%5, row 0..%6)")
            .arg(m.captured(3), m.captured(4))
            .arg(width)
            .arg(height)
            .arg(width - 1)
            .arg(height - 1)};
    header.hasAnchor = true;
    header.anchorX = int(ax);
    header.anchorY = int(ay);
    return {};
}

// Without a colon the text has no size; say so in the words of what it does start with.
QString missingColon(const QString &text)
{
    static const QRegularExpression sizeFirst(
        QStringLiteral(R"(^\s*([0-9]+\s*[xX×]\s*[0-9]+(?:[+-][0-9]+[+-][0-9]+)?))"));
    const QRegularExpressionMatch m = sizeFirst.match(text);
    if (m.hasMatch())
        return QStringLiteral("missing ':' after the size '%1' (%2)").arg(m.captured(1), QLatin1String(Example));
    return QStringLiteral("missing 'WxH:' size prefix (%1)").arg(QLatin1String(Example));
}

// ImageMagick separates several kernels with ';'. One trailing ';' is harmless; a second
// kernel is not something a single Kernel can hold.
Status stripKernelEnd(QStringView &body)
{
    const qsizetype semicolon = body.indexOf(u';');
    if (semicolon < 0)
        return {};
    if (!body.mid(semicolon + 1).trimmed().isEmpty())
        return Failure{QStringLiteral("only one kernel is supported, but there is more text after ';'")};
    body = body.left(semicolon);
    return {};
}

// Values end at white space or commas. A comma may open or close the list (pasted lists
// often have one), but two commas with nothing between them almost always mean a value
// was forgotten; skipping the gap would silently shift every later value by one cell.
Status splitValues(QStringView body, std::vector<QStringView> &tokens)
{
    qsizetype start = -1;
    int commasSinceValue = 0;
    for (qsizetype i = 0; i <= body.size(); ++i) {
        const bool atEnd = i == body.size();
        const bool separator = atEnd || body[i].isSpace() || body[i] == u',';
        if (!separator) {
            if (start < 0)
                start = i;
            continue;
        }
        if (start >= 0) {
            tokens.push_back(body.mid(start, i - start));
            start = -1;
            commasSinceValue = 0;
        }
        if (!atEnd && body[i] == u',' && ++commasSinceValue == 2)
            return Failure{QStringLiteral("value %1 is missing (two commas with nothing between them)").arg(tokens.size() + 1)};
    }
    return {};
}

bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

qsizetype skipDigits(QStringView s, qsizetype i)
{
    while (i < s.size() && isDigit(s[i]))
        ++i;
    return i;
}

// The plain decimal forms a person or another program writes: [+-]digits[.digits][e[+-]digits],
// also ".5" and "5.". Hex, digit grouping and non-ASCII digits are not numbers here.
bool isDecimal(QStringView s)
{
    qsizetype i = 0;
    if (i < s.size() && (s[i] == u'+' || s[i] == u'-'))
        ++i;
    const qsizetype integerEnd = skipDigits(s, i);
    bool hasDigits = integerEnd > i;
    i = integerEnd;
    if (i < s.size() && s[i] == u'.') {
        const qsizetype fractionEnd = skipDigits(s, i + 1);
        hasDigits = hasDigits || fractionEnd > i + 1;
        i = fractionEnd;
    }
    if (!hasDigits)
        return false;
    if (i < s.size() && (s[i] == u'e' || s[i] == u'E')) {
        ++i;
        if (i < s.size() && (s[i] == u'+' || s[i] == u'-'))
            ++i;
        const qsizetype exponentEnd = skipDigits(s, i);
        if (exponentEnd == i)
            return false;
        i = exponentEnd;
    }
    return i == s.size();
}

bool spellsNonFinite(QStringView s)
{
    static const QRegularExpression pattern(QStringLiteral(R"(^[+-]?(?:nan(?:\(.*\))?|inf(?:inity)?)$)"),
                                            QRegularExpression::CaseInsensitiveOption);
    return pattern.match(s).hasMatch();
}

// For a decimal outside float's range: whether it is too large rather than too small.
// Out there the two cases are over 80 orders of magnitude apart, so the decimal order of
// magnitude decides.
bool tooLarge(QStringView s)
{
    const qsizetype e = s.indexOf(u'e', 0, Qt::CaseInsensitive);
    const QStringView mantissa = e < 0 ? s : s.left(e);
    // Only the sign matters for an exponent beyond ±LLONG_MAX / 2; clamping there leaves room
    // to add the mantissa's digit count without overflow.
    constexpr long long exponentLimit = LLONG_MAX / 2;
    long long exponent = 0;
    if (e >= 0) {
        bool ok = false;
        exponent = s.mid(e + 1).toLongLong(&ok);
        if (!ok) // beyond long long
            exponent = s.mid(e + 1).startsWith(u'-') ? -exponentLimit : exponentLimit;
        exponent = std::clamp(exponent, -exponentLimit, exponentLimit);
    }
    const qsizetype point = mantissa.indexOf(u'.');
    const qsizetype integerDigits = point < 0 ? mantissa.size() : point;
    for (qsizetype i = 0; i < mantissa.size(); ++i)
        if (isDigit(mantissa[i]) && mantissa[i] != u'0')
            return exponent + (i < integerDigits ? integerDigits - i - 1 : integerDigits - i) > 0;
    return false;
}

// Converts straight to float, correctly rounded (going through double could round twice)
// and without the locale (a German desktop must still read "0.5"). A value too small for a
// float becomes 0 like any rounding; one too large is infinity in disguise.
Status readValue(QStringView token, float &value)
{
    if (spellsNonFinite(token))
        return Failure{QStringLiteral("is not finite (NaN or infinity are not allowed)")};
    if (!isDecimal(token))
        return Failure{QStringLiteral("is not a number")};
    const std::string ascii = (token.startsWith(u'+') ? token.mid(1) : token).toString().toStdString();
    const auto [end, error] = std::from_chars(ascii.data(), ascii.data() + ascii.size(), value);
    if (error == std::errc::result_out_of_range) {
        if (tooLarge(token))
            return Failure{QStringLiteral("is not finite (it is beyond a float's range of ±3.4e38)")};
        value = token.startsWith(u'-') ? -0.0f : 0.0f;
    } else if (error != std::errc() || end != ascii.data() + ascii.size()) {
        return Failure{QStringLiteral("is not a number")};
    }
    return {};
}

// In a grid of many rows "value 37" alone is hard to find, so the cell is named too.
Status readValues(const std::vector<QStringView> &tokens, int width, std::vector<float> &weights)
{
    weights.resize(tokens.size());
    for (size_t i = 0; i < tokens.size(); ++i) {
        const Status read = readValue(tokens[i], weights[i]);
        if (read)
            continue;
        QString error = QStringLiteral("value %1 ('%2') %3").arg(i + 1).arg(tokens[i].toString(), read.error());
        if (tokens.size() > size_t(width))
            error += QStringLiteral(", at row %1, column %2").arg(i / size_t(width) + 1).arg(i % size_t(width) + 1);
        return Failure{error};
    }
    return {};
}

} // namespace

Result<Kernel> parseKernelText(const QString &text)
{
    if (text.trimmed().isEmpty())
        return Failure{QStringLiteral("the kernel text is empty (%1)").arg(QLatin1String(Example))};
    const qsizetype colon = text.indexOf(u':');
    if (colon < 0)
        return Failure{missingColon(text)};

    Header header;
    if (Status step = parseGeometry(text.left(colon).trimmed(), header); !step)
        return Failure{step.error()};

    QStringView body = QStringView(text).mid(colon + 1);
    std::vector<QStringView> tokens;
    if (Status step = stripKernelEnd(body); !step)
        return Failure{step.error()};
    if (Status step = splitValues(body, tokens); !step)
        return Failure{step.error()};

    const size_t expected = size_t(header.width) * size_t(header.height);
    if (tokens.size() != expected)
        return Failure{QStringLiteral("expected %1 values for a %2x%3 kernel, got %4")
                           .arg(expected)
                           .arg(header.width)
                           .arg(header.height)
                           .arg(tokens.size())};

    std::vector<float> weights;
    if (Status step = readValues(tokens, header.width, weights); !step)
        return Failure{step.error()};

    Kernel kernel(header.width, header.height, std::move(weights));
    if (header.hasAnchor)
        kernel.setAnchor(header.anchorX, header.anchorY);
    return kernel;
}

QString kernelToText(const Kernel &kernel)
{
    QString text = QStringLiteral("%1x%2").arg(kernel.width()).arg(kernel.height());
    // ImageMagick's default origin is the same centre, so the offset is only noise then.
    if (!kernel.hasCentredAnchor())
        text += QStringLiteral("+%1+%2").arg(kernel.anchorX()).arg(kernel.anchorY());
    text += QStringLiteral(": ");
    bool first = true;
    for (float w : kernel.weights()) {
        if (!first)
            text += u',';
        text += numberText(w); // shortest text that reads back as the same float
        first = false;
    }
    return text;
}

} // namespace ks
