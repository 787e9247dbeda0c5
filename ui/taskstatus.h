#pragma once

#include <QHash>
#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;

namespace ks {

// The status bar's part for long tasks (opening a file, exporting): what runs, its progress
// (busy when unknown) and a Cancel button. Several tasks may run; it shows the latest and
// stays until all have ended. A task may ask for the busy cursor while it runs.
class TaskStatus : public QWidget
{
    Q_OBJECT

public:
    explicit TaskStatus(QWidget *parent = nullptr);
    ~TaskStatus() override;

    bool isActive() const { return !m_tasks.isEmpty(); }

    // `task` names the task (its owner); beginning it again only updates the text.
    void begin(const QObject *task, const QString &text, bool busyCursor = false);
    void setProgress(const QObject *task, double fraction); // 0..1, negative: unknown
    void end(const QObject *task);

signals:
    void cancelRequested();
    void activeChanged(bool active);

private:
    struct Task
    {
        QString text;
        bool busyCursor = false;
        double progress = -1.0;
    };
    void show(const Task &task);

    QHash<const QObject *, Task> m_tasks;
    const QObject *m_shown = nullptr;
    QLabel *m_label = nullptr;
    QProgressBar *m_progress = nullptr;
    QToolButton *m_cancel = nullptr;
};

} // namespace ks
