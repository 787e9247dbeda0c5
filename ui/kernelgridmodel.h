#pragma once

#include "kernel.h"

#include <QAbstractTableModel>
#include <QColor>
#include <QPalette>

#include <optional>

namespace ks {

// A number typed by a person, read the same way in every locale: "0.5", "-2", "1e-3",
// "+3", and a fraction "1/16". Anything else, and anything not finite, gives nullopt.
std::optional<double> parseCellNumber(const QString &text);

// At most 4 significant digits and at most 7 characters, so a cell stays narrow; the full
// value goes into the tooltip and the editor.
QString compactNumberText(double value);

// One kernel as a table: row = y, column = x. Display text is compact, the edit text is the
// shortest exact text, the background is a diverging heat colour (warm positive, cool
// negative, neutral zero, intensity by |w| relative to the largest |w|).
// Edits go through setData(); a text that is not a finite number is refused with
// cellRejected() and the kernel is left as it was.
class KernelGridModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    explicit KernelGridModel(QObject *parent = nullptr);

    void setKernel(const Kernel &kernel);
    const Kernel &kernel() const { return m_kernel; }

    void setEditable(bool editable);
    bool isEditable() const { return m_editable; }

    // Cells are drawn in the view's palette: zero weights on its base colour, text in its text
    // colour where that stays readable (so a dark theme gets dark cells with light numbers).
    void setPalette(const QPalette &palette);

    // The heat colour for a weight (from `neutral` towards warm or cool), and a text colour that
    // stays readable on it, the palette's own text colours first.
    static QColor cellColor(float weight, float maxAbs, const QColor &neutral);
    static QColor textColor(const QColor &background, const QPalette &palette);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void cellEdited(int row, int column);
    void cellRejected(int row, int column, const QString &message);

private:
    void updateMaxAbs();

    Kernel m_kernel;
    QPalette m_palette;
    float m_maxAbs = 1.0f;
    bool m_editable = false;
};

} // namespace ks
