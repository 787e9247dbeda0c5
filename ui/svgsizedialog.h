#pragma once

#include <QDialog>
#include <QSize>
#include <QSizeF>

class QSpinBox;

namespace ks {

// Asks at which size to rasterise an SVG too large for the pixel limit, as GIMP's SVG import
// does: width and height, the aspect ratio kept, offered at the largest size within the limit.
class SvgSizeDialog : public QDialog
{
    Q_OBJECT

public:
    // `own` is the SVG's own size, `fitting` the largest size within the limit.
    SvgSizeDialog(const QString &fileName, const QSizeF &own, const QSize &fitting, QWidget *parent = nullptr);

    QSize chosenSize() const;

private:
    void widthChanged(int width);
    void heightChanged(int height);

    QSizeF m_own;
    QSpinBox *m_width = nullptr;
    QSpinBox *m_height = nullptr;
};

} // namespace ks
