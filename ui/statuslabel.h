#pragma once

#include <QLabel>

namespace ks {

// A status bar text that assistive technology can read. Qt gives a label with an accessible
// name no way to read its text (Qt 6.4 has no text interface for labels), so an AT-SPI client
// found "Zoom" but not "100 %". A StatusLabel keeps its stable name and gives its text as its
// accessible description too (Qt announces every change of that).
class StatusLabel : public QLabel
{
    Q_OBJECT

public:
    StatusLabel(const QString &objectName, const QString &accessibleName, QWidget *parent = nullptr);

    void setText(const QString &text); // QLabel's, and the accessible description
    void clear();
};

} // namespace ks
