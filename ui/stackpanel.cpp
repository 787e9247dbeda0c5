#include "stackpanel.h"

#include "filtersettings.h"
#include "filtertext.h"
#include "paramcontrol.h"

#include <QAction>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QSignalBlocker>
#include <QToolButton>
#include <QVBoxLayout>

namespace ks {

StackPanel::StackPanel(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("stackPanel"));
    setAccessibleName(tr("Filter stack"));

    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("stackList"));
    m_list->setAccessibleName(tr("Filter steps"));
    m_list->setAccessibleDescription(
        tr("The filters applied one after the other, top first; Space switches the selected step on or off"));
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setUniformItemSizes(true);

    m_add = makeAction(QStringLiteral("actionAddStep"), tr("&Add Step"), QKeySequence(Qt::Key_Insert),
                       tr("Add a step after the selected one, with the selected filter at its defaults"));
    m_remove = makeAction(QStringLiteral("actionRemoveStep"), tr("&Remove Step"), QKeySequence::Delete,
                          tr("Remove the selected step"));
    m_moveUp = makeAction(QStringLiteral("actionMoveStepUp"), tr("Move Step &Up"), QKeySequence(Qt::ALT | Qt::Key_Up),
                          tr("Run the selected step one earlier"));
    m_moveDown = makeAction(QStringLiteral("actionMoveStepDown"), tr("Move Step &Down"),
                            QKeySequence(Qt::ALT | Qt::Key_Down), tr("Run the selected step one later"));
    connect(m_add, &QAction::triggered, this, &StackPanel::addRequested);
    connect(m_remove, &QAction::triggered, this, &StackPanel::removeRequested);
    connect(m_moveUp, &QAction::triggered, this, [this] { emit moveRequested(-1); });
    connect(m_moveDown, &QAction::triggered, this, [this] { emit moveRequested(+1); });

    auto *buttons = new QHBoxLayout;
    buttons->setContentsMargins(0, 0, 0, 0);
    const struct
    {
        QAction *action;
        const char *name;
        QString text;
        QString accessible;
    } buttonList[] = {
        {m_add, "stackAddButton", tr("Add"), tr("Add step")},
        {m_remove, "stackRemoveButton", tr("Remove"), tr("Remove step")},
        {m_moveUp, "stackUpButton", tr("Up"), tr("Move step up")},
        {m_moveDown, "stackDownButton", tr("Down"), tr("Move step down")},
    };
    for (const auto &b : buttonList) {
        auto *button = new QToolButton(this);
        b.action->setIconText(b.text); // a text-only button shows this: shorter than the menu text
        button->setDefaultAction(b.action);
        button->setObjectName(QString::fromLatin1(b.name));
        button->setAccessibleName(b.accessible);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        button->setFocusPolicy(Qt::TabFocus);
        buttons->addWidget(button);
    }
    buttons->addStretch(1);

    // Made after the buttons, so Tab reaches it after them, as it is shown.
    m_opacity = new ParamControl(
        opacityDeclaration("stackOpacity", QT_TRANSLATE_NOOP("ks::FilterDeclaration", "Stack opacity")), this);
    m_opacity->setToolTip(tr("How much of the whole stack's result to show over the original"));
    auto *opacityRow = new QFormLayout;
    opacityRow->setContentsMargins(0, 0, 0, 0);
    auto *opacityLabel = new QLabel(tr("Stack opacit&y:"), this);
    opacityLabel->setBuddy(m_opacity->focusTarget());
    opacityRow->addRow(opacityLabel, m_opacity);
    connect(m_opacity, &ParamControl::valueChanged, this, &StackPanel::opacityChanged);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(9, 6, 9, 6);
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);
    layout->addLayout(opacityRow);

    connect(m_list, &QListWidget::currentRowChanged, this, &StackPanel::onCurrentRowChanged);
    connect(m_list, &QListWidget::itemChanged, this, &StackPanel::onItemChanged);
    updateActions();
}

QAction *StackPanel::makeAction(const QString &name, const QString &text, const QKeySequence &key, const QString &tip)
{
    auto *action = new QAction(text, this);
    action->setObjectName(name);
    action->setShortcut(key);
    // Only while the focus is in the panel: Delete elsewhere must keep deleting text.
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    action->setToolTip(tip);
    action->setStatusTip(tip);
    addAction(action);
    return action;
}

QString StackPanel::stepSummary(const FilterSettings &step)
{
    const FilterDeclaration &filter = step.filter();
    QStringList parts;
    for (const ParamDeclaration &p : filter.params) {
        const QLatin1String key(p.key);
        if (&p == filter.kernelParam()) {
            const Kernel &kernel = *step.kernelValue(key);
            parts << tr("%1×%2 kernel").arg(kernel.width()).arg(kernel.height());
            continue;
        }
        if (!(p.type == ParamType::Number || p.type == ParamType::Size || p.type == ParamType::Switch))
            continue; // other kernels, and factor and bias, which the kernel's size stands for
        const double value = step.value(key);
        const QString label = filterTextInSentence(p.label);
        const QString unit = QString::fromUtf8(p.unit);
        if (p.type == ParamType::Switch) {
            if (value != 0.0)
                parts << label;
        } else if (p.zeroMeansAuto && value == 0.0) {
            parts << tr("%1 auto").arg(label);
        } else {
            parts << QStringLiteral("%1 %2%3").arg(label, QString::number(value, 'g', 4),
                                                   unit == u"°" ? unit : QString());
        }
    }
    if (step.region)
        parts << tr("region only");
    const QString name = filterText(filter.displayName);
    return parts.isEmpty() ? name : name + QStringLiteral(" — ") + parts.join(QStringLiteral(", "));
}

void StackPanel::setStack(const Recipe &recipe, qsizetype current)
{
    const QSignalBlocker block(m_list);
    m_recipe = recipe;
    m_current = current;
    // Rebuilding every row would reset the list's scroll position and keyboard focus row;
    // rows are few, so only their count is adjusted and each row's text rewritten.
    while (m_list->count() > recipe.steps.size())
        delete m_list->takeItem(m_list->count() - 1);
    while (m_list->count() < recipe.steps.size())
        m_list->addItem(new QListWidgetItem);
    for (qsizetype i = 0; i < recipe.steps.size(); ++i) {
        const FilterSettings &step = recipe.steps[i];
        QListWidgetItem *item = m_list->item(int(i));
        item->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setText(QStringLiteral("%1. %2").arg(i + 1).arg(stepSummary(step)));
        item->setToolTip(filterSpec(step));
        item->setCheckState(step.enabled ? Qt::Checked : Qt::Unchecked);
        QFont font = m_list->font();
        font.setItalic(!step.enabled);
        item->setFont(font);
        item->setForeground(
            m_list->palette().brush(step.enabled ? QPalette::Active : QPalette::Disabled, QPalette::Text));
        item->setData(Qt::AccessibleDescriptionRole, step.enabled ? tr("on") : tr("off"));
    }
    m_list->setCurrentRow(int(current));
    m_opacity->setValue(recipe.opacity); // emits nothing
    updateActions();
}

void StackPanel::onCurrentRowChanged(int row)
{
    if (row < 0 || row == m_current)
        return;
    m_current = row;
    updateActions();
    emit currentStepChanged(row);
}

void StackPanel::onItemChanged(QListWidgetItem *item)
{
    const int row = m_list->row(item);
    if (row < 0 || row >= m_recipe.steps.size())
        return;
    const bool enabled = item->checkState() == Qt::Checked;
    if (enabled != m_recipe.steps[row].enabled)
        emit enabledChanged(row, enabled);
}

void StackPanel::updateActions()
{
    const qsizetype count = m_recipe.steps.size();
    m_remove->setEnabled(count > 1); // a stack keeps one step; switch it off to see the original
    m_moveUp->setEnabled(m_current > 0);
    m_moveDown->setEnabled(m_current + 1 < count);
}

} // namespace ks
