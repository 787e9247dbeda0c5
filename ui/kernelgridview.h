#pragma once

#include <QTableView>

namespace ks {

// The kernel grid's table view. What it adds is for assistive technology: Qt exposes every cell
// of a table as an accessible child, which for a 531x531 Gaussian is 282,000 objects that an
// AT-SPI client walks one D-Bus call at a time. Above MaxAccessibleCells the view is exposed as
// one table element whose description says what it holds (and that Copy gives the values as
// text); up to it, every cell stays reachable, so every kernel the grid edits is readable.
class KernelGridView : public QTableView
{
    Q_OBJECT

public:
    static constexpr qint64 MaxAccessibleCells = 25 * 25;

    explicit KernelGridView(QWidget *parent = nullptr);
    void setModel(QAbstractItemModel *model) override;

    qint64 cellCount() const;
    bool isSummarised() const { return cellCount() > MaxAccessibleCells; }

signals:
    // Ctrl+C / Ctrl+V with the focus in the grid: the kernel's text, not the window's
    // Copy Result / Paste Image, which own those keys elsewhere.
    void copyRequested();
    void pasteRequested();

protected:
    bool event(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void onShapeChanged();

    bool m_summarised = false;
};

} // namespace ks
