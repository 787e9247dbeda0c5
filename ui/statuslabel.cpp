#include "statuslabel.h"

namespace ks {

StatusLabel::StatusLabel(const QString &objectName, const QString &accessibleName, QWidget *parent) : QLabel(parent)
{
    setObjectName(objectName);
    setAccessibleName(accessibleName);
}

void StatusLabel::setText(const QString &text)
{
    QLabel::setText(text);
    setAccessibleDescription(text);
}

void StatusLabel::clear()
{
    setText(QString());
}

} // namespace ks
