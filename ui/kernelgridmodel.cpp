#include "kernelgridmodel.h"

#include "numbertext.h"

#include <QFont>

#include <charconv>
#include <cmath>
#include <string>

namespace ks {

namespace {

// from_chars, not QString::toDouble or QLocale: a kernel typed in Germany reads like one
// typed in the US, and "1,5" is refused rather than silently read as 1.
std::optional<double> plainNumber(QString text)
{
    text = text.trimmed();
    text.replace(QChar(0x2212), u'-'); // a minus sign pasted from a document
    if (text.startsWith(u'+'))
        text.remove(0, 1);
    const std::string utf8 = text.toStdString();
    if (utf8.empty())
        return std::nullopt;
    double value = 0.0;
    const char *end = utf8.data() + utf8.size();
    const auto [ptr, ec] = std::from_chars(utf8.data(), end, value);
    if (ec != std::errc() || ptr != end || !std::isfinite(value))
        return std::nullopt;
    return value;
}

QString cellName(int row, int column)
{
    return QStringLiteral("Row %1, column %2").arg(row + 1).arg(column + 1);
}

QColor blend(const QColor &from, const QColor &to, double t)
{
    return QColor::fromRgbF(float(from.redF() + (to.redF() - from.redF()) * t),
                            float(from.greenF() + (to.greenF() - from.greenF()) * t),
                            float(from.blueF() + (to.blueF() - from.blueF()) * t));
}

} // namespace

std::optional<double> parseCellNumber(const QString &text)
{
    // Kernels are often written as fractions of a sum (1/16, 2/16, ...).
    const qsizetype slash = text.indexOf(u'/');
    if (slash < 0)
        return plainNumber(text);
    const auto numerator = plainNumber(text.left(slash));
    const auto denominator = plainNumber(text.mid(slash + 1));
    if (!numerator || !denominator || *denominator == 0.0)
        return std::nullopt;
    const double value = *numerator / *denominator;
    if (!std::isfinite(value))
        return std::nullopt;
    return value;
}

QString compactNumberText(double value)
{
    if (value == 0.0)
        return QStringLiteral("0");
    QString text;
    for (int precision = 4; precision >= 1; --precision) {
        text = QString::number(value, 'g', precision);
        if (text.size() <= 7)
            break;
    }
    return text;
}

KernelGridModel::KernelGridModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void KernelGridModel::setKernel(const Kernel &kernel)
{
    beginResetModel();
    m_kernel = kernel;
    updateMaxAbs();
    endResetModel();
}

void KernelGridModel::setEditable(bool editable)
{
    if (editable == m_editable)
        return;
    // Views ask flags() lazily; a layout change makes them ask again.
    emit layoutAboutToBeChanged();
    m_editable = editable;
    emit layoutChanged();
}

void KernelGridModel::updateMaxAbs()
{
    float maxAbs = 0.0f;
    for (float w : m_kernel.weights())
        maxAbs = std::max(maxAbs, std::abs(w));
    m_maxAbs = maxAbs;
}

void KernelGridModel::setPalette(const QPalette &palette)
{
    m_palette = palette;
    if (rowCount() > 0 && columnCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1),
                         {Qt::BackgroundRole, Qt::ForegroundRole});
}

QColor KernelGridModel::cellColor(float weight, float maxAbs, const QColor &neutral)
{
    static const QColor warm(204, 64, 24);
    static const QColor cool(32, 96, 204);
    if (weight == 0.0f || !(maxAbs > 0.0f) || !std::isfinite(weight))
        return neutral;
    // The square root keeps the small tails of a Gaussian visibly tinted instead of white.
    const double t = std::sqrt(std::min(1.0, double(std::abs(weight)) / double(maxAbs)));
    return blend(neutral, weight > 0.0f ? warm : cool, t);
}

QColor KernelGridModel::textColor(const QColor &background, const QPalette &palette)
{
    // Relative luminance (sRGB weights, gamma ignored): good enough to tell light from dark.
    const auto luminance = [](const QColor &c) { return 0.2126 * c.redF() + 0.7152 * c.greenF() + 0.0722 * c.blueF(); };
    // The theme's own colours where they read well; black or white where neither does (a
    // mid-tone heat colour between a theme's text and base).
    const QColor candidates[] = {palette.color(QPalette::Text), palette.color(QPalette::Base), QColor(20, 20, 20),
                                 QColor(255, 255, 255)};
    const QColor *best = &candidates[0];
    for (const QColor &c : candidates) {
        const double contrast = std::abs(luminance(c) - luminance(background));
        if (contrast >= 0.45)
            return c;
        if (contrast > std::abs(luminance(*best) - luminance(background)))
            best = &c;
    }
    return *best;
}

int KernelGridModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_kernel.height();
}

int KernelGridModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_kernel.width();
}

QVariant KernelGridModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_kernel.height() || index.column() >= m_kernel.width())
        return {};
    const float weight = m_kernel.at(index.column(), index.row());
    const bool anchor = index.column() == m_kernel.anchorX() && index.row() == m_kernel.anchorY();
    switch (role) {
    case Qt::DisplayRole:
        return compactNumberText(double(weight));
    case Qt::EditRole:
        // A string, so the default editor is a line edit (not a locale-bound spin box).
        return numberText(weight);
    case Qt::ToolTipRole:
    case Qt::AccessibleTextRole: {
        QString text = QStringLiteral("%1: %2").arg(cellName(index.row(), index.column()), numberText(weight));
        if (anchor)
            text += QStringLiteral(" (anchor)");
        return text;
    }
    case Qt::BackgroundRole:
        return cellColor(weight, m_maxAbs, m_palette.color(QPalette::Base));
    case Qt::ForegroundRole:
        return textColor(cellColor(weight, m_maxAbs, m_palette.color(QPalette::Base)), m_palette);
    case Qt::TextAlignmentRole:
        return int(Qt::AlignCenter);
    case Qt::FontRole:
        if (anchor) {
            QFont font;
            font.setBold(true);
            font.setUnderline(true);
            return font;
        }
        return {};
    default:
        return {};
    }
}

bool KernelGridModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!m_editable || role != Qt::EditRole || !index.isValid() || index.row() >= m_kernel.height()
        || index.column() >= m_kernel.width())
        return false;
    const int row = index.row(), column = index.column();
    const float kept = m_kernel.at(column, row);
    const QString keptText = numberText(kept);

    std::optional<double> parsed;
    QString shown;
    if (value.typeId() == QMetaType::QString) {
        shown = value.toString();
        parsed = parseCellNumber(shown);
    } else {
        bool ok = false;
        const double number = value.toDouble(&ok);
        shown = value.toString();
        if (ok && std::isfinite(number))
            parsed = number;
    }

    QString problem;
    if (shown.trimmed().isEmpty())
        problem = QStringLiteral("empty is not a number");
    else if (!parsed)
        problem = QStringLiteral("'%1' is not a finite number").arg(shown.trimmed());
    else if (!std::isfinite(float(*parsed)))
        problem = QStringLiteral("'%1' is too large for a weight").arg(shown.trimmed());
    if (!problem.isEmpty()) {
        emit cellRejected(row, column,
                          QStringLiteral("%1: %2 — kept %3").arg(cellName(row, column), problem, keptText));
        return false;
    }

    const float weight = float(*parsed);
    if (weight == kept) // no change, no edit: the signal means "the kernel is different now"
        return true;
    const float oldMax = m_maxAbs;
    m_kernel.set(column, row, weight);
    updateMaxAbs();
    if (m_maxAbs != oldMax) // every cell's intensity is relative to the largest weight
        emit dataChanged(this->index(0, 0), this->index(rowCount() - 1, columnCount() - 1));
    else
        emit dataChanged(index, index);
    emit cellEdited(row, column);
    return true;
}

Qt::ItemFlags KernelGridModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    if (m_editable)
        flags |= Qt::ItemIsEditable;
    return flags;
}

QVariant KernelGridModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role == Qt::DisplayRole)
        return QString::number(section + 1); // 1-based, as the error messages count
    if (role == Qt::ToolTipRole)
        return orientation == Qt::Horizontal ? QStringLiteral("Column %1").arg(section + 1)
                                             : QStringLiteral("Row %1").arg(section + 1);
    return QAbstractTableModel::headerData(section, orientation, role);
}

} // namespace ks
