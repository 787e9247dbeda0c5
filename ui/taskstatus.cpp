#include "taskstatus.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>

namespace ks {

TaskStatus::TaskStatus(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("taskStatus"));
    m_label = new QLabel(this);
    m_label->setObjectName(QStringLiteral("taskText"));
    m_label->setAccessibleName(tr("Running task"));
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("taskProgress"));
    m_progress->setAccessibleName(tr("Task progress"));
    m_progress->setMaximumWidth(160);
    m_progress->setTextVisible(false);
    m_cancel = new QToolButton(this);
    m_cancel->setObjectName(QStringLiteral("cancelTask"));
    m_cancel->setText(tr("Cancel"));
    m_cancel->setAccessibleName(tr("Cancel the running task"));
    m_cancel->setToolTip(tr("Cancel (Esc)"));
    connect(m_cancel, &QToolButton::clicked, this, &TaskStatus::cancelRequested);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_progress);
    layout->addWidget(m_cancel);
    setVisible(false);
}

TaskStatus::~TaskStatus()
{
    for (const Task &task : std::as_const(m_tasks))
        if (task.busyCursor)
            QApplication::restoreOverrideCursor();
}

void TaskStatus::begin(const QObject *task, const QString &text, bool busyCursor)
{
    const bool wasActive = isActive();
    auto it = m_tasks.find(task);
    if (it == m_tasks.end()) {
        if (busyCursor)
            QApplication::setOverrideCursor(Qt::BusyCursor);
        it = m_tasks.insert(task, {text, busyCursor, -1.0});
    } else {
        it->text = text;
    }
    m_shown = task;
    show(*it);
    setVisible(true);
    if (!wasActive)
        emit activeChanged(true);
}

void TaskStatus::setProgress(const QObject *task, double fraction)
{
    const auto it = m_tasks.find(task);
    if (it == m_tasks.end())
        return;
    it->progress = fraction;
    if (task == m_shown)
        show(*it);
}

void TaskStatus::end(const QObject *task)
{
    const auto it = m_tasks.find(task);
    if (it == m_tasks.end())
        return;
    if (it->busyCursor)
        QApplication::restoreOverrideCursor();
    m_tasks.erase(it);
    if (!m_tasks.isEmpty()) {
        m_shown = m_tasks.constBegin().key();
        show(m_tasks.constBegin().value());
        return;
    }
    m_shown = nullptr;
    setVisible(false);
    emit activeChanged(false);
}

void TaskStatus::show(const Task &task)
{
    m_label->setText(task.text);
    if (task.progress < 0) {
        m_progress->setRange(0, 0); // busy
    } else {
        m_progress->setRange(0, 1000);
        m_progress->setValue(int(task.progress * 1000));
    }
}

} // namespace ks
