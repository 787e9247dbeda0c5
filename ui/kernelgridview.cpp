#include "kernelgridview.h"

#include <QAccessible>
#include <QAccessibleWidget>
#include <QKeyEvent>

namespace ks {

namespace {

// One element standing for a grid too large to list: its name is the view's, its description
// gives the size and where the values are.
class SummarisedGridAccessible : public QAccessibleWidget
{
public:
    explicit SummarisedGridAccessible(KernelGridView *view) : QAccessibleWidget(view, QAccessible::Table) {}

    int childCount() const override { return 0; }
    QAccessibleInterface *child(int) const override { return nullptr; }
    int indexOfChild(const QAccessibleInterface *) const override { return -1; }

    QString text(QAccessible::Text t) const override
    {
        if (t != QAccessible::Description)
            return QAccessibleWidget::text(t);
        const QAbstractItemModel *model = static_cast<KernelGridView *>(widget())->model();
        return KernelGridView::tr("%1 columns × %2 rows: more than %3 cells, so they are not listed one by one; "
                                  "Copy puts every weight on the clipboard as text")
            .arg(model ? model->columnCount() : 0)
            .arg(model ? model->rowCount() : 0)
            .arg(KernelGridView::MaxAccessibleCells);
    }
};

QAccessibleInterface *gridFactory(const QString &className, QObject *object)
{
    // Asked once per class of the object's hierarchy, most derived first; returning nothing
    // leaves a small grid to Qt's own table interface (its QTableView entry).
    if (className != QLatin1String(KernelGridView::staticMetaObject.className()))
        return nullptr;
    auto *view = qobject_cast<KernelGridView *>(object);
    return view && view->isSummarised() ? new SummarisedGridAccessible(view) : nullptr;
}

} // namespace

KernelGridView::KernelGridView(QWidget *parent) : QTableView(parent)
{
    QAccessible::installFactory(gridFactory); // once: Qt ignores a factory it already has
}

void KernelGridView::setModel(QAbstractItemModel *model)
{
    if (this->model())
        disconnect(this->model(), nullptr, this, nullptr);
    QTableView::setModel(model);
    if (model) {
        connect(model, &QAbstractItemModel::modelReset, this, &KernelGridView::onShapeChanged);
        connect(model, &QAbstractItemModel::layoutChanged, this, &KernelGridView::onShapeChanged);
    }
    onShapeChanged();
}

qint64 KernelGridView::cellCount() const
{
    return model() ? qint64(model()->rowCount()) * model()->columnCount() : 0;
}

void KernelGridView::onShapeChanged()
{
    if (isSummarised() == m_summarised)
        return;
    m_summarised = isSummarised();
    // Qt keeps the interface it made for an object until the object goes; drop it so the next
    // query makes the kind that fits the new size (the parent lists its children afresh).
    if (QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(this))
        QAccessible::deleteAccessibleInterface(QAccessible::uniqueId(iface));
}

bool KernelGridView::event(QEvent *event)
{
    // Claim the keys before the window's shortcuts see them.
    if (event->type() == QEvent::ShortcutOverride) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->matches(QKeySequence::Copy) || key->matches(QKeySequence::Paste)) {
            event->accept();
            return true;
        }
    }
    return QTableView::event(event);
}

void KernelGridView::keyPressEvent(QKeyEvent *event)
{
    if (event->matches(QKeySequence::Copy))
        emit copyRequested();
    else if (event->matches(QKeySequence::Paste))
        emit pasteRequested();
    else
        QTableView::keyPressEvent(event);
}

} // namespace ks
